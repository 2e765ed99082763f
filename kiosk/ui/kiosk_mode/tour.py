"""Every screen of the terminal in turn, with realistic content: for the screen-fit check
(tests/ui/test_screen_fit.py) and for ``kiosk demo --out`` screenshots.

``tour`` is a generator: it drives the shell to a screen and yields the screen's name and
its primary actions (what a person must reach without scrolling) while it is showing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtWidgets import QApplication, QWidget

from kiosk.core.catalog import Catalog
from kiosk.ui.kiosk_mode import guide_text
from kiosk.ui.kiosk_mode.guides import LIFE_EVENTS, THEMES
from kiosk.ui.kiosk_mode.shell import KioskShell
from kiosk.ui.worker import wait_all

SEARCH_WITH_MANY_RESULTS = "s"  # matches 20+ items of the shipped catalog


@dataclass(frozen=True)
class Stop:
    name: str
    primary: tuple[QWidget, ...] = ()


def settle(until: Callable[[], bool] = lambda: True, timeout: float = 10.0) -> bool:
    """Run the event loop (and background tasks) until ``until()`` or the timeout."""
    app = QApplication.instance()
    assert app is not None
    deadline = time.monotonic() + timeout
    while True:
        wait_all(200)
        app.processEvents()
        if until():
            return True
        if time.monotonic() > deadline:
            return False


def longest_guide(catalog: Catalog) -> str:
    """The item whose guide has the most to say (the hardest to fit)."""

    def size(code: str) -> int:
        doc = guide_text.build(catalog.get(code))
        return len(repr(doc))

    return max((item.code for item in catalog.items()), key=size)


def busiest_topic(catalog: Catalog) -> str:
    from kiosk.ui.kiosk_mode.guides import topics

    found = topics(catalog, LIFE_EVENTS)
    return max(found, key=lambda t: len(found[t]))


def tour(shell: KioskShell, case_no: str, query_code: str) -> Iterator[Stop]:
    catalog = shell.ctx.catalog
    settle()
    yield Stop("home")  # its tiles scroll into view at the largest text sizes
    shell.go("guides")
    settle()
    yield Stop("topics")
    shell.browse.show_topics(THEMES)
    settle()
    yield Stop("themes")
    shell.browse.show_topics(LIFE_EVENTS)
    shell.browse.show_items(busiest_topic(catalog))
    settle()
    yield Stop("items")
    shell.browse.show_all()
    settle()
    yield Stop("all-items")
    shell.open_guide(longest_guide(catalog))
    settle()
    guide = shell.guide
    yield Stop("guide", (guide.read_button, guide.print_button))
    shell.go("search")
    settle()
    yield Stop("search-empty", (shell.search.keyboard,))
    for ch in SEARCH_WITH_MANY_RESULTS:
        shell.search.keyboard.key(ch).click()
    settle(lambda: bool(shell.search.result_buttons))
    yield Stop("search-results", (shell.search.query,))
    shell.search.keyboard.show_numeric()
    settle()
    yield Stop("search-digits")
    shell.go("lookup")
    settle()
    lookup = shell.lookup
    yield Stop("lookup", (lookup.next_button, lookup.find_button))
    lookup.fill(case_no, query_code)
    lookup.submit()
    settle(lambda: lookup.views.currentIndex() == 1 and not lookup.working)
    yield Stop("lookup-result", (lookup.rate_button, lookup.print_button, lookup.again_button))
    found = lookup.case
    lookup.clear()
    lookup.fill(case_no, "000000")
    lookup.submit()
    settle(lambda: not lookup.working)
    yield Stop("lookup-wrong", (lookup.find_button,))
    if found is not None:
        # as after printing the progress (the longest version of the page)
        shell.open_evaluation(found, shell.lookup.tr("已打印，请在打印机出口取走。"))
        evaluate = shell.evaluate
        settle(lambda: evaluate.faces[5].isEnabled())
        evaluate.faces[5].click()
        settle()
        yield Stop("evaluate", (evaluate.submit_button,))
    shell.go("print")
    settle()
    yield Stop("print")
    shell.open_technician()
    settle(lambda: shell.technician.message.text() != "" or shell.technician.pin.isVisible())
    yield Stop("technician", (shell.technician.exit_button,))
    shell.go_home()
    shell._countdown(8)
    settle()
    yield Stop("countdown")
    shell._countdown(0)
    settle()

"""A resident finds a guide by life event or by pinyin initials, prints it, hears it."""

from __future__ import annotations

from kiosk.ui.kiosk_mode.printing import NoPrinter
from tests.conftest import PENSION
from tests.support import pdf
from tests.ui.kiosk_mode.helpers import click, visible_texts


def test_browse_by_life_event_and_print_the_guide(qtbot, make_shell, ctx, tmp_path):
    shell = make_shell()
    click(qtbot, shell.home.tiles["guides"])
    assert shell.current() is shell.browse
    click(qtbot, shell.browse.topic_buttons["养老"])
    item = shell.browse.item_buttons[PENSION]
    shell.browse.views.currentWidget().ensureWidgetVisible(item)  # scroll to it, as a finger would
    click(qtbot, item)
    guide = shell.guide
    assert shell.current() is guide
    text = visible_texts(guide)
    assert "城乡居民基本养老保险参保登记" in text
    assert "居民身份证或户口簿" in text and "要带的材料" in text  # the checklist
    click(qtbot, guide.print_button)
    qtbot.waitUntil(lambda: "已打印" in guide.message.text(), timeout=15000)
    printed = pdf.text(tmp_path / "printed.pdf")
    squeezed = "".join(printed.split())
    assert "城乡居民基本养老保险参保登记" in squeezed
    assert "居民身份证或户口簿" in squeezed  # the printed 办事指南 (kiosk/print/guide.py)
    assert "核验后退回" in squeezed and "0571-0000-1234" in squeezed
    # back goes up one level at a time: guide → items → topics
    click(qtbot, shell.back_button)
    assert shell.current() is shell.browse and shell.browse.views.currentIndex() == 1
    click(qtbot, shell.back_button)
    assert shell.browse.views.currentIndex() == 0


def test_theme_browsing_and_all_items(qtbot, make_shell):
    shell = make_shell()
    shell.go("guides")
    click(qtbot, shell.browse.by_theme)
    assert "社会保障" in shell.browse.topic_buttons
    click(qtbot, shell.browse.all_items)
    assert PENSION in shell.browse.item_buttons


def test_search_with_pinyin_initials_on_the_screen_keyboard(qtbot, make_shell):
    shell = make_shell()
    click(qtbot, shell.home.tiles["search"])
    page = shell.search
    for ch in "ylbx":  # 养老保险
        click(qtbot, page.keyboard.key(ch))
    assert page.query.text() == "ylbx"
    assert next(iter(page.result_buttons)) == PENSION  # the best match first
    click(qtbot, page.keyboard.back_full)
    assert page.query.text() == "ylb"
    for ch in "zzz":
        click(qtbot, page.keyboard.key(ch))
    assert page.result_buttons == {} and "没有找到" in page.status.text()
    click(qtbot, page.keyboard.clear_full)
    for ch in "yanglao":
        click(qtbot, page.keyboard.key(ch))
    click(qtbot, page.result_buttons[PENSION])
    assert shell.current() is shell.guide
    # Home wipes what was typed: the next person finds an empty box, no history
    click(qtbot, shell.home_button)
    qtbot.waitUntil(lambda: shell.current() is shell.home)
    shell.go("search")
    assert shell.search.query.text() == "" and shell.search.query.completer() is None
    assert shell.search is not page


def test_read_aloud_has_a_stop_button(qtbot, make_shell):
    shell = make_shell(tts_engine="mock")  # Qt's test engine: speaks into the void
    shell.open_guide(PENSION)
    guide = shell.guide
    assert not guide.stop_button.isEnabled()
    click(qtbot, guide.read_button)
    qtbot.waitUntil(shell.reader.is_speaking, timeout=5000)
    assert guide.stop_button.isEnabled() and shell.busy()  # no privacy reset mid-sentence
    click(qtbot, guide.stop_button)
    qtbot.waitUntil(lambda: not shell.reader.is_speaking(), timeout=5000)
    assert not guide.stop_button.isEnabled()


def test_no_speech_engine_is_said_plainly(qtbot, make_shell):
    shell = make_shell(tts_engine="no-such-engine")
    shell.open_guide(PENSION)
    click(qtbot, shell.guide.read_button)
    assert "没有安装朗读功能" in shell.guide.message.text()
    assert not shell.guide.read_button.isEnabled()


def test_printer_missing_is_said_plainly(qtbot, make_shell):
    def no_printer():
        raise NoPrinter("本机没有可用的打印机。", "no default printer")

    shell = make_shell(printer_factory=no_printer)
    shell.open_guide(PENSION)
    click(qtbot, shell.guide.print_button)
    qtbot.waitUntil(lambda: "没能打印" in shell.guide.message.text(), timeout=5000)
    assert shell.guide.print_button.isEnabled() and not shell.busy()

"""``kiosk print …`` as a technician or a script uses it (real subprocesses)."""

from __future__ import annotations

import pytest

from kiosk.context import open_context
from tests.conftest import AGENT, PENSION, PIN
from tests.support import pdf as pdftools
from tests.test_cli import kiosk

pytestmark = pytest.mark.slow


@pytest.fixture
def station(tmp_path, resident):
    data = tmp_path / "cli-station"
    ctx = open_context(data, demo=True)
    ctx.agents.add(AGENT, "agent", PIN)
    app_id = ctx.applications.submit(PENSION, dict(resident, name="张𠮷䶮"), AGENT).id
    ctx.close()
    return data, app_id


def test_print_each_kind_to_a_file(station, tmp_path):
    data, app_id = station
    cases = [
        ("receipt", app_id, ["--layout", "58mm"], "本地受理号", 58),
        ("authorization", app_id, [], "代办委托书", 210),
        ("signature_page", app_id, [], "申请人签字页", 210),
        ("guide", PENSION, [], "办事指南", 210),
    ]
    for kind, target, extra, expected, width in cases:
        out = tmp_path / f"{kind}.pdf"
        login = [] if kind == "guide" else ["--agent", AGENT]  # a guide is public
        r = kiosk(
            data, "print", kind, target, "--out", str(out), "--json", *extra, *login, stdin=PIN
        )
        assert r.returncode == 0, r.stderr
        assert expected in "".join(pdftools.text(out).split())
        assert pdftools.page_size_mm(out)[0] == pytest.approx(width, abs=0.5)


def test_print_a_group_to_a_file(tmp_path):
    """一件事: ``kiosk print group_receipt|group_authorization GROUP_ID`` (the group id is
    what ``kiosk event file`` answers)."""
    from tests.print.test_group_documents import file_retirement

    data = tmp_path / "cli-group"
    ctx = open_context(data, demo=True)
    ctx.agents.add(AGENT, "agent", PIN)
    group = file_retirement(ctx, tmp_path / "in")
    codes = [m.item_code for m in group.members]
    ctx.close()
    for kind, extra, title, width in [
        ("group_receipt", ["--layout", "80mm"], "一件事受理回执", 80),
        ("group_authorization", [], "一件事代办委托书", 210),
    ]:
        out = tmp_path / f"{kind}.pdf"
        args = [kind, group.group_id, "--out", str(out), *extra, "--agent", AGENT]
        r = kiosk(data, "print", *args, stdin=PIN)
        assert r.returncode == 0, r.stderr
        text = "".join(pdftools.text(out).split())
        assert title in text and all(code in text for code in codes)
        assert pdftools.page_size_mm(out)[0] == pytest.approx(width, abs=0.5)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["guide", PENSION, "--layout", "80mm"], "A4"),
        (["supplement", "APP"], "没有补齐补正要求"),
        (["guide", "330000-99-9999"], "找不到事项编码"),
        (["receipt", "APP", "--layout", "A5"], "invalid choice"),
    ],
)
def test_bad_requests_exit_2_with_a_message(station, tmp_path, args, fragment):
    data, app_id = station
    args = [app_id if a == "APP" else a for a in args]
    r = kiosk(data, "print", *args, "--out", str(tmp_path / "x.pdf"), "--agent", AGENT, stdin=PIN)
    assert r.returncode == 2
    assert fragment in r.stderr
    assert not (tmp_path / "x.pdf").exists()

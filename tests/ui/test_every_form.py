"""Every form of the demo catalog, rendered and used through the agent's window (pytest-qt).

For each item: choose it, fill its valid example through the field editors (household rows,
address cascades, files …), submit, and find the application queued with the attachments'
hashes in its payload; then fill an invalid example and see each expected message at its
field, with nothing stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt

from kiosk.core.agents import AgentInfo
from kiosk.core.catalog import Catalog
from kiosk.core.status import AppStatus
from kiosk.forms.examples import resolve_example
from kiosk.ui.form_view import GroupEditor
from kiosk.ui.main_window import MainWindow
from kiosk.ui.worker import wait_all
from tests.conftest import AGENT

ITEMS = Catalog.shipped().items()


def with_files(item, data: dict, folder) -> dict:
    """The example's file names become real files on disk, as an agent's scans would be."""
    out = dict(data)
    for f in item.form.file_fields():
        refs = data.get(f.key) or []
        files = []
        for i, ref in enumerate(refs):
            path = folder / f"{f.key}-{i}-{ref['name']}"
            if path.suffix.lower() in (".jpg", ".jpeg", ".png"):  # a real (large) photo/scan
                Image.new("RGB", (2400, 1800), (i * 40 % 255, 120, 90)).save(path)
            else:
                path.write_bytes(f"{item.code} {f.key} {i}".encode() * 50)
            files.append({"name": path.name, "path": str(path)})
        out[f.key] = files
    return out


def fill(page, data: dict) -> None:
    form = page.form_view
    form.clear()
    form.set_data(data)


def error_text(form, key: str) -> str:
    if "." in key:
        group, index, sub = key.split(".")
        editor = form.editors[group].input
        assert isinstance(editor, GroupEditor)
        label = editor.rows[int(index)].editors[sub].error
    else:
        label = form.editors[key].error
    return "" if label.isHidden() else label.text()


@pytest.fixture
def window(qtbot, ctx):
    win = MainWindow(ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(win)
    win.show()
    yield win
    wait_all()


@pytest.mark.parametrize("item", ITEMS, ids=[i.code for i in ITEMS])
def test_form_renders_and_submits(qtbot, window, ctx, item, tmp_path):
    today = dt.date.today()
    page = window.new_page
    page.select_item(item.code)
    assert page.item_code == item.code and page.form_view is not None
    form = page.form_view
    assert set(form.editors) == {f.key for f in item.form.fields}
    assert "材料" in page.materials.text()

    # --- a valid example goes into the queue ------------------------------------------------
    valid = with_files(item, resolve_example(item.raw["examples"]["valid"][0], today), tmp_path)
    fill(page, valid)
    assert ctx.applications.check(item.code, form.data()) == {}
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: "已保存" in page.message.text() or "修改" in page.message.text(), timeout=10000
    )
    assert "已保存" in page.message.text(), page.message.text()
    [view] = ctx.applications.list()
    assert view.status is AppStatus.QUEUED and view.item_code == item.code
    assert view.form_version == item.form.version
    payload = ctx.applications.payload(view.id)
    expected_files = 0
    stored = {a.sha256: a for a in ctx.applications.attachments(view.id)}
    for f in item.form.file_fields():
        for ref, original in zip(payload.get(f.key, []), valid.get(f.key, []), strict=True):
            content = Path(original["path"]).read_bytes()
            # the reference names what is stored: the file itself, or its downscaled photo
            assert ref["sha256"] in stored and stored[ref["sha256"]].size == ref["size"]
            blob = ctx.applications.attachment_bytes(view.id, stored[ref["sha256"]].id)
            assert hashlib.sha256(blob).hexdigest() == ref["sha256"]
            if Path(original["name"]).suffix.lower() in (".jpg", ".jpeg", ".png"):
                assert ref["size"] <= len(content)
            else:
                assert ref == {
                    "name": original["name"],
                    "size": len(content),
                    "sha256": hashlib.sha256(content).hexdigest(),
                }
            expected_files += 1
    assert view.attachment_count == expected_files
    assert "path" not in str(payload)
    for f in item.form.fields:
        if f.computed and f.key in payload:
            assert payload[f.key] is not None

    # --- an invalid example is stopped at the fields ------------------------------------------
    case = item.raw["examples"]["invalid"][0]
    bad = with_files(item, resolve_example(case["data"], today), tmp_path)
    fill(page, bad)
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "需要修改" in page.message.text(), timeout=10000)
    for key in case["errors"]:
        assert error_text(form, key), f"no message shown at {key}"
    assert len(ctx.applications.list()) == 1, "nothing more was stored"

"""Every form of the demo catalog, rendered as the agent sees it and used through its editors.

For each item: choose it, fill its valid example through the field editors (household rows,
address cascades, files …), submit, and find the application queued with the attachments'
hashes in its payload; then fill an invalid example and see each expected message at its
field, with nothing stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.core.applications import AttachmentInput
from kiosk.core.catalog import Catalog
from kiosk.core.errors import ValidationFailed
from kiosk.core.status import AppStatus
from kiosk.forms.engine import bind_files
from kiosk.forms.examples import resolve_example
from kiosk.forms.materials import material_checklist
from kiosk.ui.form_view import FormView, GroupEditor
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


class FormPage(QWidget):
    """The form step as the agent uses it: the rendered form, its material list, and submit,
    which does what the new-application flow does (bind the files, then the service)."""

    def __init__(self, ctx) -> None:
        super().__init__()
        self.ctx = ctx
        self.form_view: FormView | None = None
        self.item_code: str | None = None
        self.materials = QLabel()
        self.message = QLabel()
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.materials)
        self.layout_.addWidget(self.message)

    def select_item(self, code: str) -> None:
        item = self.ctx.catalog.get(code)
        self.item_code = code
        self.form_view = FormView(item.form, lambda d: self.ctx.applications.check(code, d))
        self.layout_.addWidget(self.form_view)
        names = [
            getattr(m, "name", None) or m["name"]
            for m in material_checklist(item.materials(), item.form, {})
        ]
        self.materials.setText("材料：" + "、".join(names))

    def submit(self) -> None:
        assert self.form_view is not None and self.item_code is not None
        item = self.ctx.catalog.get(self.item_code)
        data = self.form_view.data()
        refs, files = [], []
        for f in item.form.file_fields():
            for ref in data.pop(f.key, None) or []:
                path = Path(ref["path"])
                content = path.read_bytes()
                refs.append(
                    {
                        "name": path.name,
                        "material": f.material or f.key,
                        "sha256": hashlib.sha256(content).hexdigest(),
                        "size": len(content),
                    }
                )
                files.append(AttachmentInput(path, f.material or f.key))
        try:
            self.ctx.applications.submit(
                self.item_code, bind_files(item.form, data, refs), AGENT, files
            )
        except ValidationFailed as exc:
            self.form_view.show_errors(exc.field_errors)
            self.message.setText(exc.zh)
        else:
            self.message.setText("已保存")


@pytest.fixture
def window(qtbot, ctx):
    page = FormPage(ctx)
    qtbot.addWidget(page)
    page.show()
    yield SimpleNamespace(new_page=page)
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
    page.submit()
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
    page.submit()
    assert "需要修改" in page.message.text()
    for key in case["errors"]:
        assert error_text(form, key), f"no message shown at {key}"
    assert len(ctx.applications.list()) == 1, "nothing more was stored"

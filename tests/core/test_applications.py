import sqlite3

import pytest

from kiosk.core.applications import AttachmentInput
from kiosk.core.errors import InputError, NotFound, ValidationFailed
from kiosk.core.status import AppStatus
from tests.conftest import AGENT, PENSION


def _rows(ctx) -> int:
    with sqlite3.connect(ctx.data_dir / "kiosk.sqlite3") as conn:
        return conn.execute("select count(*) from application").fetchone()[0]


def test_submit_queues_durably(ctx, resident):
    view = ctx.applications.submit(PENSION, resident, AGENT)
    assert view.status is AppStatus.QUEUED
    # a separate connection (another process, after a crash) sees it
    with sqlite3.connect(ctx.data_dir / "kiosk.sqlite3") as conn:
        (status,) = conn.execute("select status from application where id=?", (view.id,)).fetchone()
        (mode,) = conn.execute("pragma journal_mode").fetchone()
    assert status == "queued" and mode == "wal"
    assert ctx.applications.payload(view.id)["name"] == resident["name"]
    steps = [(e.from_status, e.to_status) for e in ctx.applications.timeline(view.id)]
    assert steps == [(None, AppStatus.DRAFT), (AppStatus.DRAFT, AppStatus.QUEUED)]


def test_invalid_payload_stores_nothing(ctx, resident):
    with pytest.raises(ValidationFailed) as err:
        ctx.applications.submit(PENSION, dict(resident, id_number="330106196203140221"), AGENT)
    assert "id_number" in err.value.field_errors
    assert _rows(ctx) == 0


def test_unknown_item_stores_nothing(ctx, resident):
    with pytest.raises(NotFound):
        ctx.applications.submit("000000-00-0000", resident, AGENT)
    assert _rows(ctx) == 0


def test_no_plaintext_personal_data_on_disk(ctx, resident, tmp_path):
    scan = tmp_path / "hukou.jpg"
    scan.write_bytes(b"\xff\xd8" + resident["name"].encode() + b"scan-bytes")
    ctx.applications.submit(PENSION, resident, AGENT, [AttachmentInput(scan, "户口簿")])
    needles = [
        resident["name"],
        resident["id_number"],
        resident["phone"],
        resident["address"],
        "hukou.jpg",
    ]
    files = [p for p in ctx.data_dir.rglob("*") if p.is_file()]
    for path in files:
        raw = path.read_bytes()
        for needle in needles:
            assert needle.encode() not in raw, f"{needle!r} in plaintext in {path.name}"


def test_attachment_round_trip_and_limits(ctx, resident, tmp_path, monkeypatch):
    scan = tmp_path / "id.png"
    scan.write_bytes(b"\x89PNG" + bytes(range(256)) * 10)
    view = ctx.applications.submit(PENSION, resident, AGENT, [AttachmentInput(scan, "身份证")])
    assert view.attachment_count == 1
    monkeypatch.setattr("kiosk.core.applications.MAX_FILE_BYTES", 100)
    with pytest.raises(InputError) as err:
        ctx.applications.submit(PENSION, resident, AGENT, [AttachmentInput(scan)])
    assert "超过" in err.value.zh
    with pytest.raises(InputError):
        ctx.applications.submit(PENSION, resident, AGENT, [AttachmentInput(tmp_path / "nope.png")])
    assert _rows(ctx) == 1

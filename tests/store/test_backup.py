import json
import sqlite3

import pytest

from kiosk.context import open_context
from kiosk.core.backups import restore
from kiosk.core.crypto import DATA_KEY_NAME
from kiosk.core.errors import InputError
from kiosk.store.backup import read_info
from tests.conftest import AGENT, PENSION


@pytest.fixture
def filed(ctx, resident, tmp_path):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    from kiosk.core.applications import AttachmentInput

    view = ctx.applications.submit(PENSION, resident, AGENT, [AttachmentInput(scan, "户口簿")])
    return ctx, view


def test_backup_and_restore_on_the_same_station(filed, tmp_path, resident):
    ctx, view = filed
    out = tmp_path / "usb" / "station.kbak"
    info = ctx.backups.backup(out, AGENT)
    assert info.files >= 3 and out.exists()
    ctx.applications.submit(PENSION, resident, AGENT)  # after the backup: lost by a restore
    ctx.close()
    restore(ctx.data_dir, out, ctx.cipher.backup_key, ctx.secrets)
    again = open_context(ctx.data_dir)
    assert [v.id for v in again.applications.list()] == [view.id]
    assert again.applications.payload(view.id)["name"] == resident["name"]
    assert list(ctx.data_dir.glob("replaced-*/kiosk.sqlite3")), "old database kept aside"
    again.close()


def test_restore_on_a_new_pc_with_the_passphrase(filed, tmp_path, resident):
    ctx, view = filed
    out = tmp_path / "station.kbak"
    ctx.backups.backup(out, AGENT, passphrase="村口大槐树2024")
    assert read_info(out)["has_passphrase"]
    new_pc = open_context(tmp_path / "new-pc", demo=True)  # different data key
    new_pc.close()
    with pytest.raises(InputError) as err:
        restore(new_pc.data_dir, out, new_pc.cipher.backup_key, new_pc.secrets)
    assert "恢复口令" in err.value.zh
    with pytest.raises(InputError):
        restore(new_pc.data_dir, out, new_pc.cipher.backup_key, new_pc.secrets, "wrong")
    own_key = new_pc.secrets.get(DATA_KEY_NAME)
    restore(new_pc.data_dir, out, new_pc.cipher.backup_key, new_pc.secrets, "村口大槐树2024")
    # the new PC's own key is kept for its set-aside data (replaced-*), not overwritten
    stored = json.loads((new_pc.data_dir / "demo-secrets.json").read_text("utf-8"))
    assert [v for k, v in stored.items() if k.startswith(f"{DATA_KEY_NAME}.replaced-")] == [own_key]
    assert stored[DATA_KEY_NAME] != own_key
    restored = open_context(new_pc.data_dir)
    assert restored.applications.payload(view.id)["id_number"] == resident["id_number"]
    [att] = restored.applications.list()[0:1]
    assert att.attachment_count == 1
    restored.close()


@pytest.mark.parametrize("damage", ["flip", "truncate", "append"])
def test_damaged_backup_is_refused_and_changes_nothing(filed, tmp_path, damage):
    ctx, _ = filed
    out = tmp_path / "b.kbak"
    ctx.backups.backup(out, AGENT)
    raw = bytearray(out.read_bytes())
    if damage == "flip":
        raw[len(raw) // 2] ^= 0x01
    elif damage == "truncate":
        raw = raw[: len(raw) - 100]
    else:
        raw += b"extra"
    out.write_bytes(bytes(raw))
    before = (ctx.data_dir / "kiosk.sqlite3").read_bytes()
    with pytest.raises(InputError) as err:
        restore(ctx.data_dir, out, ctx.cipher.backup_key, ctx.secrets)
    assert "损坏" in err.value.zh
    assert (ctx.data_dir / "kiosk.sqlite3").read_bytes() == before
    assert not list(ctx.data_dir.glob("replaced-*"))


def test_daily_backup_rotates(filed):
    import datetime as dt

    ctx, _ = filed
    for day in range(10):
        ctx.backups.daily(dt.date(2026, 11, 1) + dt.timedelta(days=day))
    assert ctx.backups.daily(dt.date(2026, 11, 10)) is None  # once a day
    kept = sorted(p.name for p in ctx.backups.folder.glob("daily-*.kbak"))
    assert kept == [f"daily-202611{d:02d}.kbak" for d in range(4, 11)]
    assert ctx.backups.verify(ctx.backups.latest()).files >= 3


def test_backup_taken_while_another_process_writes(filed, resident):
    import threading
    import time

    ctx, _ = filed
    conn = sqlite3.connect(ctx.db.path, check_same_thread=False)
    conn.execute("begin immediate")  # another writer holds the lock for a moment
    conn.execute("insert into sync_state (key, value) values ('x', 'y')")
    release = threading.Timer(1.0, conn.commit)
    release.start()
    t0 = time.monotonic()
    info = ctx.backups.backup(ctx.data_dir / "b.kbak", AGENT)
    release.join()
    conn.close()
    assert info.size > 0 and time.monotonic() - t0 < 20

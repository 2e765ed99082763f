import pytest

from kiosk.store.db import Database, DatabaseCorrupt


def test_corrupt_database_is_reported_with_a_way_out(tmp_path):
    db = Database.open(tmp_path)
    with db.write() as s:
        from kiosk.store.models import SyncState

        for i in range(2000):
            s.add(SyncState(key=f"k{i}", value="x" * 200))
    db.close()
    path = tmp_path / "kiosk.sqlite3"
    raw = bytearray(path.read_bytes())
    for offset in range(4096 * 3, len(raw) - 4096, 4096):  # scribble over b-tree pages
        raw[offset + 8 : offset + 40] = b"\xff" * 32
    path.write_bytes(bytes(raw))
    with pytest.raises(DatabaseCorrupt) as err:
        Database.open(tmp_path)
    assert "kiosk restore --latest" in err.value.zh
    assert path.exists(), "the damaged file is kept for inspection"


def test_not_a_database_at_all(tmp_path):
    (tmp_path / "kiosk.sqlite3").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseCorrupt):
        Database.open(tmp_path)

import pytest

from kiosk.store.db import Database, DatabaseCorrupt


def test_corrupt_database_is_reported_with_a_way_out(tmp_path):
    path = _filled(tmp_path, rows=2000)
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


def _filled(tmp_path, rows=3000):
    db = Database.open(tmp_path)
    with db.write() as s:
        from kiosk.store.models import SyncState

        for i in range(rows):
            s.add(SyncState(key=f"k{i}", value="x" * 200))
    db.close()
    return tmp_path / "kiosk.sqlite3"


def _damage_the_last_third(path):
    """Scribble over the b-tree pages written last: the schema, the first rows and the
    tables' roots stay readable, so the file opens and only a full check finds it."""
    raw = bytearray(path.read_bytes())
    for offset in range(len(raw) * 2 // 3 // 4096 * 4096, len(raw) - 4096, 4096):
        raw[offset + 8 : offset + 40] = b"\xff" * 32
    path.write_bytes(bytes(raw))


def test_a_check_run_later_lets_no_write_reach_a_damaged_file(tmp_path):
    path = _filled(tmp_path)
    _damage_the_last_third(path)
    before = path.read_bytes()
    db = Database.open(tmp_path, check_later=True)  # the desk app's start: opens at once …
    try:
        with db.read() as s:  # … reading works (the login, the dashboard) …
            from kiosk.store.models import SyncState

            assert s.get(SyncState, "k0") is not None
        with pytest.raises(DatabaseCorrupt) as err, db.write() as s:  # … no write does
            s.add(SyncState(key="new", value="lost?"))
        assert "kiosk restore --latest" in err.value.zh
        with pytest.raises(DatabaseCorrupt):
            db.ensure_sound()  # and it stays refused
    finally:
        db.close()
    assert path.read_bytes() == before  # not a byte written to the damaged file


def test_a_sound_file_checked_later_takes_writes(tmp_path):
    _filled(tmp_path)
    db = Database.open(tmp_path, check_later=True)
    try:
        from kiosk.store.models import SyncState

        with db.write() as s:
            s.add(SyncState(key="new", value="kept"))
        db.ensure_sound()
        with db.read() as s:
            assert s.get(SyncState, "new").value == "kept"
    finally:
        db.close()


def test_a_migration_never_waits_for_a_check_run_later(tmp_path, monkeypatch):
    """A migration rebuilds tables: it only ever runs on a file checked first."""
    path = _filled(tmp_path)
    _damage_the_last_third(path)
    import kiosk.store.db as db_module

    monkeypatch.setattr(db_module, "is_current", lambda conn: False)  # an update is due
    with pytest.raises(DatabaseCorrupt):
        Database.open(tmp_path, check_later=True)


def test_a_check_started_early_is_the_one_the_database_waits_for(tmp_path):
    from kiosk.store import integrity

    path = _filled(tmp_path)
    integrity.start_early(path)  # the desk app's start, before SQLAlchemy is imported
    early = integrity._started[path.resolve()]
    db = Database.open(tmp_path, check_later=True)
    try:
        assert db._check is early or db._check is None  # taken over, not run twice
        assert integrity._started == {}
        db.ensure_sound()
    finally:
        db.close()
    integrity.start_early(tmp_path / "new" / "kiosk.sqlite3")  # a new station: nothing yet
    assert integrity._started == {}


def test_an_early_check_of_a_damaged_file_stops_a_due_migration(tmp_path, monkeypatch):
    from kiosk.store import integrity

    path = _filled(tmp_path)
    _damage_the_last_third(path)
    integrity.start_early(path)
    import kiosk.store.db as db_module

    monkeypatch.setattr(db_module, "is_current", lambda conn: False)
    with pytest.raises(DatabaseCorrupt):
        Database.open(tmp_path, check_later=True)
    assert integrity._started == {}

"""The station database's file name, importable without SQLAlchemy (the start-up's check)."""

DB_FILE = "kiosk.sqlite3"

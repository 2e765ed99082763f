"""Reference provincial gateway (hub): FastAPI + SQLAlchemy; SQLite default, PostgreSQL by URL."""

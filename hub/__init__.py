"""Reference provincial gateway (hub): FastAPI + SQLAlchemy. SQLite by default, PostgreSQL by URL."""

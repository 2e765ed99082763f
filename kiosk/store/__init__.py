"""SQLAlchemy models, repositories and Alembic migrations. SQLite in WAL mode, one writer."""

"""The hub's tests run against SQLite and against a real PostgreSQL server.

The PostgreSQL cluster is started once per session (initdb + pg_ctl on a loopback port);
each test gets its own database. Only a machine without the server binaries skips it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hub.server import BackgroundHub
from tests.support.postgres import PostgresCluster, find_bindir


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster]:
    if find_bindir() is None:
        pytest.skip("PostgreSQL server binaries are not installed (Debian: postgresql)")
    with PostgresCluster() as cluster:
        yield cluster


@pytest.fixture(params=["sqlite", "postgresql"])
def hub_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database()


@pytest.fixture
def hub(hub_db_url: str) -> Iterator[BackgroundHub]:
    with BackgroundHub(hub_db_url) as running:
        yield running

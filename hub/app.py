"""The hub's HTTP API (docs/protocol.md): FastAPI, RFC 9457 problem+json errors in Chinese.

One router per resource (``*_api.py``), each taking the service, the station's device or the
back office as dependencies (``hub/api_deps.py``); this module only puts them together."""

import os

from fastapi import Depends, FastAPI

from hub import (
    backoffice_api,
    blobs_api,
    complaints_api,
    delivery_api,
    enrolment_api,
    groups_api,
    relay_api,
    sync_api,
)
from hub.api_deps import ADMIN_TOKEN_ENV
from hub.blobs import MAX_BLOB_BYTES
from hub.db import HubDatabase
from hub.errors_api import install_error_handlers
from hub.limits import BodyLimitMiddleware
from hub.problems import problem
from hub.query_guard import refuse_unknown_query
from hub.service import HubService
from kiosk import __version__
from kiosk.core.catalog import Catalog
from kiosk.protocol.wire import PROTOCOL_HEADER

ROUTERS = (
    enrolment_api,
    relay_api,
    sync_api,
    groups_api,
    blobs_api,
    backoffice_api,
    complaints_api,
    delivery_api,
)


def create_app(
    db_url: str = "sqlite:///hub.sqlite3",
    catalog: Catalog | None = None,
    admin_token: str | None = None,
    seed: bool = True,
) -> FastAPI:
    """The hub's API on ``db_url``. ``admin_token`` (default: env KIOSK_HUB_ADMIN_TOKEN) opens
    the back office. ``seed``: publish the shipped catalog items the database lacks (a worker
    of a multi-process hub leaves that to its parent, which did it once)."""
    app = FastAPI(
        title="Village kiosk reference hub",
        version=__version__,
        description="Sync protocol between village stations and the provincial hub; "
        "see docs/protocol.md.",
        dependencies=[Depends(refuse_unknown_query)],
    )
    app.state.service = HubService(
        HubDatabase(db_url), (catalog or Catalog.shipped()) if seed else None
    )
    app.state.admin_token = (
        admin_token if admin_token is not None else os.environ.get(ADMIN_TOKEN_ENV, "")
    )
    for module in ROUTERS:
        app.include_router(module.router)
    app.add_middleware(BodyLimitMiddleware, blob_limit=MAX_BLOB_BYTES)
    install_error_handlers(app)
    return app


__all__ = ["PROTOCOL_HEADER", "create_app", "problem"]

"""一件事 in tests: member payloads from the shipped items' own examples, and a group of
ordinary applications filed on a station.

``file_group`` files any set of items as a group (the shipped bundles go through the
station's filing service, ``ctx.event_filings``; tests/sync/test_event_groups_e2e.py): each
member through the normal ``ctx.applications.submit``, then the group row and every
member's ``group_id`` in one write. It makes the groups no bundle defines that the wire's
refusals need (an item the hub has withdrawn, a member id the hub already holds).
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import update

from kiosk.context import AppContext
from kiosk.core.applications.base import encode_payload
from kiosk.core.attachments import AttachmentInput
from kiosk.forms.examples import resolve_example
from kiosk.protocol.assets import assets_dir
from kiosk.protocol.clock import to_local, utcnow
from kiosk.store.group_models import ApplicationGroup
from kiosk.store.models import Application

RETIREMENT = "330000-EV-0003"  # 退休一件事
RETIREMENT_MEMBERS = ("330000-20-0002", "330000-20-0007", "330000-05-0005")
BIRTH = "330000-EV-0001"  # 出生一件事 (two of its members below)
REGISTRATION, INSURANCE = "330000-07-0001", "330000-20-0003"


@functools.cache
def _item(code: str) -> dict[str, Any]:
    path = assets_dir() / "catalog" / "items" / f"{code}.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def example_payload(code: str) -> dict[str, Any]:
    """A valid answer set of the shipped item (its first ``examples.valid``, dates as of
    today), a fresh copy."""
    data = resolve_example(_item(code)["examples"]["valid"][0], to_local(utcnow()).date())
    return json.loads(json.dumps(data))


def form_version(code: str) -> int:
    """The shipped item's current form version."""
    return int(_item(code)["form"]["version"])


@dataclass
class Member:
    item_code: str
    data: dict[str, Any] = field(default_factory=dict)  # default: the item's example
    attachments: Sequence[AttachmentInput] = ()
    # fields the bundle fills from an earlier member's result: stored empty, as the filing
    # service stores them (the item's own form, which submit checks, requires them)
    left_empty: tuple[str, ...] = ()


@dataclass(frozen=True)
class FiledGroup:
    group_id: str
    member_ids: list[str]


def file_group(
    ctx: AppContext,
    members: Sequence[Member | str],
    agent: str,
    bundle_code: str = RETIREMENT,
    bundle_name: str = "退休一件事",
) -> FiledGroup:
    """The members queued as ordinary applications, then joined into one group."""
    ids = []
    emptied: dict[str, tuple[str, ...]] = {}
    for m in members:
        m = Member(m) if isinstance(m, str) else m
        data = m.data or example_payload(m.item_code)
        ids.append(ctx.applications.submit(m.item_code, data, agent, m.attachments).id)
        if m.left_empty:
            emptied[ids[-1]] = m.left_empty
    group_id = str(uuid.uuid4())
    with ctx.db.write() as s:
        for app_id, keys in emptied.items():
            row = s.get(Application, app_id)
            assert row is not None
            payload = json.loads(ctx.cipher.decrypt(row.payload_enc, app_id.encode()))
            for key in keys:
                payload.pop(key, None)
            row.payload_enc = ctx.cipher.encrypt(encode_payload(payload), app_id.encode())
        s.add(
            ApplicationGroup(
                id=group_id,
                bundle_code=bundle_code,
                bundle_name=bundle_name,
                catalog_version=str(ctx.catalog.version),
                created_by=agent,
            )
        )
        s.flush()
        s.execute(update(Application).where(Application.id.in_(ids)).values(group_id=group_id))
    return FiledGroup(group_id, ids)

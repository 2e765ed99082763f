"""Which materials an application's attachments are, without their (encrypted) contents.

For printing: the receipt lists the materials received, the 代办委托书 prints the resident's
signature (an attachment of material "签名"). Read-only, one read transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from kiosk.store.db import Database
from kiosk.store.models import Attachment


@dataclass(frozen=True)
class AttachmentRef:
    sha256: str
    material: str
    mime: str


def attachment_refs(db: Database, app_id: str) -> list[AttachmentRef]:
    with db.read() as s:
        rows = s.scalars(
            select(Attachment).where(Attachment.application_id == app_id).order_by(Attachment.id)
        )
        return [AttachmentRef(r.sha256, r.material or "", r.mime or "") for r in rows]

"""Which materials an application's attachments are, without their (encrypted) contents.

For printing: the receipt lists the materials received, the 代办委托书 prints the resident's
signature (an attachment of material "签名").
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.applications import ApplicationService


@dataclass(frozen=True)
class AttachmentRef:
    sha256: str
    material: str
    mime: str


def attachment_refs(applications: ApplicationService, app_id: str) -> list[AttachmentRef]:
    return [
        AttachmentRef(a.sha256, a.material or "", a.mime or "")
        for a in applications.attachments(app_id)
    ]

"""Applications: drafts, validation, durable queueing, withdrawal, supplements.

``ApplicationService`` (``service.py``) is assembled from ``drafts``, ``submit``,
``actions`` and ``queries`` over ``base``; ``views`` holds what callers are given and
``guards`` what an application's state allows.
"""

from kiosk.core.applications.base import ResidentHook, encode_payload
from kiosk.core.applications.service import ApplicationService
from kiosk.core.applications.views import ApplicationView, AttachmentInfo, TimelineEntry
from kiosk.core.attachments import AttachmentInput

__all__ = [
    "ApplicationService",
    "ApplicationView",
    "AttachmentInfo",
    "AttachmentInput",
    "ResidentHook",
    "TimelineEntry",
    "encode_payload",
]

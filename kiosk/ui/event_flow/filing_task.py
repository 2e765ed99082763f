"""The filing itself, run in a worker: plain values in, a frozen :class:`GroupView` out."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from kiosk.context import AppContext
from kiosk.core.applications import AttachmentInput
from kiosk.core.event_filing import SIGNATURE_MATERIAL
from kiosk.core.event_plan import EventAnswers
from kiosk.core.event_views import GroupView
from kiosk.core.temp_files import private_temp_dir


def file_group(
    ctx: AppContext,
    bundle_code: str,
    answers: EventAnswers,
    agent: str,
    files: Sequence[AttachmentInput],
    signature_png: bytes | None,
) -> GroupView:
    """File the 一件事. The signature passes through a private temp file in the data dir (the
    attachment API reads files) and is removed at once; the stored copy is encrypted."""
    if signature_png is None:
        return ctx.event_filings.file(bundle_code, answers, agent, files)
    fd, name = tempfile.mkstemp(
        prefix="signature-", suffix=".png", dir=private_temp_dir(ctx.data_dir)
    )
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(signature_png)
        signature = AttachmentInput(path, SIGNATURE_MATERIAL)
        return ctx.event_filings.file(bundle_code, answers, agent, files, signature=signature)
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()

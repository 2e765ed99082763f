"""ApplicationService: the one front door to applications, assembled from its parts."""

from __future__ import annotations

from kiosk.core.applications.actions import CaseActions
from kiosk.core.applications.drafts import DraftCommands
from kiosk.core.applications.submit import SubmitCommands


class ApplicationService(DraftCommands, SubmitCommands, CaseActions):
    """Drafts (``drafts.py``), submission's hot path (``submit.py``), what follows it at
    the desk (``actions.py``) and reading (``queries.py``), over the shared forms, check
    and row helpers (``base.py``). Built once per station by ``kiosk.context``."""

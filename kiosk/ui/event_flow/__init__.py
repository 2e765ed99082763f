"""一件事一次办 at the desk: one life event filed as one visit (issue 19)."""

from kiosk.ui.event_flow.page import EventFlowPage

__all__ = ["EventFlowPage"]

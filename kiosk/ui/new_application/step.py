"""The contract between the flow and its steps."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.context import AppContext
from kiosk.ui.new_application.state import FlowState

Done = Callable[[str | None], None]  # None: go on; a message: stay and show it


class Step(QWidget):
    advance = Signal()  # the step asks to go on (Enter on the chosen item …)
    changed = Signal()  # something worth saving in the draft changed

    title = ""

    def __init__(self, ctx: AppContext, agent: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.agent = agent

    def enter(self, state: FlowState) -> None:
        """Show the state (called each time the step becomes current)."""

    def collect(self, state: FlowState) -> None:
        """Put what was entered into the state (before an autosave, without checking)."""

    def check(self, state: FlowState) -> str | None:
        """Why the flow cannot go on yet (Chinese), or None."""
        return None

    def leave(self, state: FlowState, done: Done) -> None:
        """Asynchronous steps (saving a signature, submitting) override this."""
        self.collect(state)
        done(self.check(state))

    def focus_first(self) -> None:
        self.focusNextChild()

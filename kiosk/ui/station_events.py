"""One signal per station that says what changed (:class:`kiosk.core.changes.Changes`).

Whatever changes the station's data publishes here once its operation is done (the sync
controller after a sync, the new-application flow after a filing, a case after an action, a
batch page after an import); every screen that shows such data subscribes in its own
``__init__`` and refreshes itself::

    station_events(ctx).changed.connect(self._station_changed)

So a new screen that must follow syncs touches only its own module. Subscribe with a bound
method of the widget (Qt drops the connection when the widget is deleted), never a lambda
holding it. The second argument is the object whose operation it was (or ``None``): a
screen that made the change itself has already shown it.

The station owns these objects: :func:`kiosk.ui.worker.close_station` ends them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.core.changes import Changes

if TYPE_CHECKING:
    from kiosk.context import AppContext


class StationEvents(QObject):
    changed = Signal(object, object)  # Changes, the object whose operation it was (or None)

    def publish(self, changes: Changes, origin: QObject | None = None) -> None:
        """From the GUI thread, once the operation's result is in."""
        if changes:
            self.changed.emit(changes, origin)


_events: dict[int, tuple[AppContext, StationEvents]] = {}


def station_events(ctx: AppContext) -> StationEvents:
    """The station's one change signal (created on first use, on the GUI thread)."""
    entry = _events.get(id(ctx))
    if entry is None or entry[0] is not ctx:
        entry = (ctx, StationEvents())
        _events[id(ctx)] = entry
    return entry[1]


def publish(ctx: AppContext, changes: Changes, origin: QObject | None = None) -> None:
    station_events(ctx).publish(changes, origin)


def end_station_events(ctx: AppContext) -> None:
    """The station is closing: nobody is told anything any more."""
    _events.pop(id(ctx), None)  # freed here, on the GUI thread, with its connections

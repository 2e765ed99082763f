"""Background work with one owner: service calls run off the GUI thread, results come back
on it, and closing the station waits for (or cancels) whatever is still in flight.

Like Anki's ``QueryOp``/``CollectionOp``: ``run_task(fn, on_done=..., on_error=...)``; the
callbacks run on the GUI thread. The GUI thread never touches disk or network itself.

Three rules keep a worker thread from freeing a Qt object (the crash of issue 15):

* a worker thread never holds the last reference to anything a task touched: the task's
  function stays in the runner's table until the GUI thread has delivered its result, and
  the result (or exception, with its traceback) is handed over through that table, not
  through the signal;
* the functions given to :func:`run_task` capture plain values, never widgets
  (``strict`` mode, on in the tests, refuses a closure that holds a ``QObject``);
* Python's automatic garbage collection is off; it runs on a GUI-thread timer instead
  (:mod:`kiosk.ui.gc_timer`).

:meth:`TaskRunner.close` is how a station ends: no new tasks, cancel what can be cancelled
(a sync in flight drops its connection; its items are sent again next time), wait for the
rest with a bound, forget every callback. Only then may the database be closed.
"""

from __future__ import annotations

import itertools
import logging
import os
import threading
import types
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal

from kiosk.core.errors import KioskError

if TYPE_CHECKING:
    from kiosk.context import AppContext

log = logging.getLogger(__name__)

MAX_THREADS = 4


@dataclass
class _Task:
    fn: Callable[[], Any] | None
    on_done: Callable[[Any], None] | None
    on_error: Callable[[Exception], None] | None
    cancel: Callable[[], None] | None
    future: Future[None] | None = None
    result: Any = None
    error: BaseException | None = None
    forgotten: bool = False  # its station closed: the result is dropped, not delivered


class TaskRefused(RuntimeError):
    """A task was given to a runner that is closing (the station is shutting down)."""


class TaskRunner(QObject):
    """Every background task of one station: started, tracked, delivered, freed."""

    _finished = Signal(int)

    def __init__(self, max_threads: int = MAX_THREADS, strict: bool | None = None) -> None:
        super().__init__()
        self._pool = ThreadPoolExecutor(max_threads, thread_name_prefix="kiosk-task")
        self._tasks: dict[int, _Task] = {}
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._closed = False
        self.strict = strict if strict is not None else bool(os.environ.get("KIOSK_STRICT_TASKS"))
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    # --- starting ---------------------------------------------------------------------------
    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        cancel: Callable[[], None] | None = None,
    ) -> int:
        """Start ``fn`` on a worker thread; returns the task's id. ``cancel`` (optional) is
        called on the GUI thread when the station closes while ``fn`` still runs."""
        if self.strict:
            _refuse_widgets(fn)
        with self._lock:
            if self._closed:
                raise TaskRefused("the station is closing; no new background work")
            task_id = next(self._ids)
            task = _Task(fn, on_done, on_error, cancel)
            self._tasks[task_id] = task
        task.future = self._pool.submit(self._work, task_id)
        return task_id

    def _work(self, task_id: int) -> None:
        """On a worker thread. Holds no reference once it returns (see the module doc)."""
        with self._lock:
            task = self._tasks.get(task_id)
            fn = task.fn if task is not None else None
        if task is None or fn is None:
            return
        try:
            result = fn()
        except BaseException as exc:  # reported to the GUI thread, never swallowed
            log.debug("task failed", exc_info=True)
            with self._lock:
                task.error = exc
            del exc
        else:
            with self._lock:
                task.result = result
            del result
        del fn, task
        try:
            self._finished.emit(task_id)
        except RuntimeError:  # the runner itself is gone (the app is exiting)
            log.debug("task finished after its runner was deleted")

    # --- delivering (GUI thread) ------------------------------------------------------------
    def _deliver(self, task_id: int) -> None:
        with self._lock:
            task = self._tasks.pop(task_id, None)
        if task is None:  # forgotten by close(): its window is gone
            return
        error, result, forgotten = task.error, task.result, task.forgotten
        on_done, on_error = task.on_done, task.on_error
        task.fn = task.on_done = task.on_error = task.cancel = None
        task.result = task.error = None
        del task
        if forgotten:
            return
        if _receiver_gone(on_done) or _receiver_gone(on_error):
            # its widget was closed and deleted meanwhile (a preview shut before the printer
            # list arrived): there is nobody to tell
            log.debug("task result dropped: its receiver was deleted")
            return
        if error is not None:
            if not isinstance(error, Exception):  # SystemExit, KeyboardInterrupt …
                raise error
            if on_error is not None:
                on_error(error)
            else:
                from kiosk.ui.errors import show_error

                show_error(error)
        elif on_done is not None:
            on_done(result)

    # --- ending -----------------------------------------------------------------------------
    def in_flight(self) -> int:
        with self._lock:
            return len(self._tasks)

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until every task started so far has run (callbacks are still delivered by
        the event loop afterwards). False if some task is still running after the bound."""
        with self._lock:
            futures = [t.future for t in self._tasks.values() if t.future is not None]
        if not futures:
            return True
        _done, pending = wait_futures(futures, timeout=timeout_ms / 1000)
        return not pending

    def cancel_running(self) -> None:
        """Tasks not started yet are dropped; running ones that can be cancelled are told."""
        with self._lock:
            tasks = list(self._tasks.items())
        for task_id, task in tasks:
            if task.future is not None and task.future.cancel():
                with self._lock:
                    self._tasks.pop(task_id, None)
            elif task.cancel is not None:
                try:
                    task.cancel()
                except Exception:
                    log.warning("cancelling a task failed", exc_info=True)

    def close(self, timeout_ms: int = 5_000) -> bool:
        """Stop the station's background work: refuse new tasks, cancel, wait (bounded),
        forget every callback. True if nothing is left running."""
        with self._lock:
            self._closed = True
        self.cancel_running()
        finished = self.wait(timeout_ms)
        with self._lock:
            for task in self._tasks.values():
                task.forgotten = True
        # free what has finished now, on this (the GUI) thread
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
        if not finished:
            log.warning(
                "%d background task(s) still running after %d ms", self.in_flight(), timeout_ms
            )
        return finished

    def reopen(self) -> None:
        """Accept tasks again (a new station was opened in the same process)."""
        with self._lock:
            self._closed = False

    @property
    def closed(self) -> bool:
        return self._closed


def _qobjects(fn: Callable[..., Any] | None) -> list[QObject]:
    """The QObjects a callable carries: its bound ``self`` and its closure's cells."""
    if fn is None:
        return []
    held: list[object] = []
    target = getattr(fn, "__self__", None)
    if target is not None:
        held.append(target)
    if isinstance(fn, types.FunctionType) and fn.__closure__:
        for cell in fn.__closure__:
            try:
                held.append(cell.cell_contents)
            except ValueError:  # an empty cell
                continue
    return [h for h in held if isinstance(h, QObject)]


def _receiver_gone(fn: Callable[..., Any] | None) -> bool:
    return any(not shiboken6.isValid(obj) for obj in _qobjects(fn))


def _refuse_widgets(fn: Callable[[], Any]) -> None:
    """A task's function may not carry a QObject across threads (closure cell or bound
    ``self``): when it is freed on a worker, or reads a widget there, the app can crash."""
    for value in _qobjects(fn):
        name = getattr(fn, "__qualname__", repr(fn))
        raise TypeError(
            f"background task {name} captures {type(value).__name__}; "
            "pass plain values (ctx, ids, answers) instead of widgets"
        )


_runner: TaskRunner | None = None


def runner() -> TaskRunner:
    """The process's task runner (created on first use, on the GUI thread)."""
    global _runner
    if _runner is None:
        _runner = TaskRunner()
    return _runner


def run_task(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    cancel: Callable[[], None] | None = None,
) -> None:
    """Run ``fn`` in the background; a task offered while the station closes is dropped."""
    try:
        runner().run(fn, on_done, on_error, cancel)
    except TaskRefused:
        log.info("background task refused: the station is closing")


def wait_all(timeout_ms: int = 30_000) -> bool:
    return runner().wait(timeout_ms)


# What must stop first when a station closes, registered by the module that owns it (so this
# module, which they all use to run their work, imports none of them).
_STOPPERS: list[Callable[[AppContext], None]] = []


def on_station_close(stop: Callable[[AppContext], None]) -> None:
    """Call ``stop(ctx)`` first thing when a station closes (before its sync is cancelled)."""
    if stop not in _STOPPERS:
        _STOPPERS.append(stop)


def close_station(ctx: AppContext, timeout_ms: int = 4_000) -> bool:
    """End a station whose windows are closed: stop its timers (sync, probe, maintenance),
    cancel its sync, stop and wait for its background work (bounded), drop its change
    signal, then close its database, which waits for (and refuses to cut off) any
    straggler. The runner stays closed until :func:`reopen_tasks`. True if everything
    ended in time."""
    from kiosk.ui.station_events import end_station_events

    for stop in list(_STOPPERS):  # the sync controller's timers (kiosk/ui/sync_controller.py)
        stop(ctx)
    ctx.cancel_sync()
    finished = runner().close(timeout_ms)
    end_station_events(ctx)
    try:
        ctx.close(wait_seconds=2.0 if finished else 8.0)
    except KioskError as exc:  # DatabaseBusy: a straggler still uses it
        log.warning("station not closed cleanly: %s", exc.en)
        return False
    return finished


def reopen_tasks() -> None:
    """A station was opened (again) in this process: accept background work."""
    runner().reopen()

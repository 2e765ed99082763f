"""The task runner: every task freed on the GUI thread, widgets refused, a bounded close."""

from __future__ import annotations

import gc
import threading
import time
import weakref

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.ui.worker import TaskRefused, TaskRunner


class Tracked:
    """Records the thread that frees it."""

    freed_on: list[str] = []  # noqa: RUF012

    def __del__(self) -> None:
        Tracked.freed_on.append(threading.current_thread().name)


def drain(qtbot, runner: TaskRunner) -> None:
    assert runner.wait(10_000)
    qtbot.waitUntil(lambda: runner.in_flight() == 0, timeout=5000)


def test_tasks_and_their_closures_are_freed_when_done(qtbot):
    runner = TaskRunner()
    closures: list[weakref.ref] = []
    results: list[int] = []
    for i in range(200):
        payload = Tracked()  # e.g. decrypted attachment bytes, a query code

        def fn(i: int = i, payload: Tracked = payload) -> int:
            return i

        closures.append(weakref.ref(fn))
        runner.run(fn, on_done=results.append)
        del fn, payload
    drain(qtbot, runner)
    gc.collect()
    assert sorted(results) == list(range(200))
    assert runner.in_flight() == 0
    alive = [r for r in closures if r() is not None]
    assert not alive, f"{len(alive)} of 200 task closures still alive after the run"
    runner.close()


def test_a_worker_never_frees_what_a_task_held(qtbot):
    """The closure, its captures, the result and an exception with its traceback are all
    let go on the GUI thread, however the threads interleave."""
    Tracked.freed_on.clear()
    runner = TaskRunner()
    errors: list[Exception] = []
    for i in range(100):
        held = Tracked()

        def ok(held: Tracked = held) -> Tracked:
            return Tracked()  # the result is freed after delivery

        def bad(held: Tracked = held, i: int = i) -> None:
            local = Tracked()  # lives in the traceback's frame
            raise ValueError(f"refused {i} {local!r}")

        runner.run(ok, on_done=lambda _r: None)
        runner.run(bad, on_error=errors.append)
        del held, ok, bad
    drain(qtbot, runner)
    errors.clear()
    gc.collect()
    main = threading.main_thread().name
    assert len(Tracked.freed_on) == 300  # captured, result, traceback local: 100 each
    assert set(Tracked.freed_on) == {main}, set(Tracked.freed_on)
    runner.close()


def test_results_and_errors_arrive_on_the_gui_thread(qtbot):
    runner = TaskRunner()
    seen: list[tuple[str, object]] = []

    def fail() -> None:
        raise KeyError("x")

    runner.run(lambda: threading.current_thread().name, on_done=lambda r: seen.append(("ran", r)))
    runner.run(fail, on_error=lambda e: seen.append(("err", threading.current_thread().name)))
    drain(qtbot, runner)
    main = threading.main_thread().name
    assert ("err", main) in seen
    ran = next(v for k, v in seen if k == "ran")
    assert ran != main  # the work itself ran elsewhere
    runner.close()


def test_strict_mode_refuses_a_task_that_captures_a_widget(qtbot):
    runner = TaskRunner(strict=True)
    label = QLabel()
    qtbot.addWidget(label)
    with pytest.raises(TypeError, match="captures QLabel"):
        runner.run(lambda: label.text())
    with pytest.raises(TypeError, match="captures QLabel"):
        runner.run(label.text)  # a bound method of a widget carries it too
    text = label.text()
    runner.run(lambda: text.upper())  # plain values are fine
    drain(qtbot, runner)
    runner.close()


def test_close_cancels_waits_with_a_bound_and_forgets_callbacks(qtbot):
    runner = TaskRunner(max_threads=1)
    release = threading.Event()
    cancelled: list[bool] = []
    delivered: list[object] = []
    started = threading.Event()

    def long_task() -> str:
        started.set()
        release.wait(5)
        return "late"

    runner.run(
        long_task, on_done=delivered.append, cancel=lambda: (cancelled.append(True), release.set())
    )
    ran_queued: list[bool] = []
    runner.run(lambda: ran_queued.append(True), on_done=delivered.append)  # never starts
    assert started.wait(5)
    t0 = time.monotonic()
    assert runner.close(timeout_ms=3000)
    assert time.monotonic() - t0 < 3
    assert cancelled == [True]
    qtbot.wait(50)
    assert delivered == [] and ran_queued == []  # the window is gone: nothing delivered
    assert runner.in_flight() == 0
    with pytest.raises(TaskRefused):
        runner.run(lambda: None)
    runner.reopen()
    runner.run(lambda: 1, on_done=delivered.append)
    drain(qtbot, runner)
    assert delivered == [1]
    runner.close()


def test_close_reports_work_that_would_not_stop(qtbot):
    runner = TaskRunner()
    release = threading.Event()
    runner.run(lambda: release.wait(10))  # no cancel hook: it cannot be stopped
    t0 = time.monotonic()
    assert not runner.close(timeout_ms=300)
    assert time.monotonic() - t0 < 2
    release.set()
    assert runner.wait(5000)

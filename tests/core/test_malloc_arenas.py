"""Two malloc arenas for the station process (kiosk/core/malloc_arenas.py), counted from
glibc's own report (``malloc_info``) in a fresh process whose threads allocate at once."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import textwrap

import pytest

from kiosk.core import malloc_arenas

glibc = pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="glibc's arenas only",
)

_THREADS_ALLOCATE = textwrap.dedent(
    """
    import ctypes, re, sys, tempfile, threading
    from kiosk.core.malloc_arenas import limit_malloc_arenas
    capped = limit_malloc_arenas() if sys.argv[1] == "cap" else False
    start = threading.Barrier(8)
    held = []
    def work():
        start.wait()
        held.append([bytearray(4096) for _ in range(50)])  # malloc'd, not Python's pool
    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    libc = ctypes.CDLL(None)
    libc.fopen.restype = ctypes.c_void_p
    libc.malloc_info.argtypes = (ctypes.c_int, ctypes.c_void_p)
    libc.fclose.argtypes = (ctypes.c_void_p,)
    with tempfile.NamedTemporaryFile(suffix=".xml") as out:
        fp = libc.fopen(out.name.encode(), b"w")
        libc.malloc_info(0, fp)
        libc.fclose(fp)
        heaps = len(re.findall(r'<heap nr="\\d+">', open(out.name).read()))
    print(capped, heaps)
    """
)


def _arenas(mode: str) -> tuple[bool, int]:
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    out = subprocess.run(
        [sys.executable, "-c", _THREADS_ALLOCATE, mode],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.split()
    return out[0] == "True", int(out[1])


@glibc
def test_eight_threads_allocating_at_once_share_two_arenas():
    capped, heaps = _arenas("cap")
    assert capped
    assert heaps <= malloc_arenas.STATION_ARENAS
    uncapped, heaps_without = _arenas("none")  # the same threads, glibc's default
    assert not uncapped
    assert heaps_without > malloc_arenas.STATION_ARENAS  # the check can tell the difference


def test_an_arena_count_set_by_the_technician_wins(monkeypatch):
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert malloc_arenas.limit_malloc_arenas() is False


def test_nothing_to_do_on_windows(monkeypatch):
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    assert malloc_arenas.limit_malloc_arenas() is False

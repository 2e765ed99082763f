"""Fewer malloc arenas for a long-running station process (Linux with glibc only).

glibc gives each thread that allocates at the same time as another a heap of its own
("arena"), up to 8 per core, and never returns one. The desk app renders receipts and guides
(reportlab), reads files and records sync answers on worker threads, so within the first
few dozen filings of a day each of those arenas has grown to the high-water mark of one
PDF render and stays there, fragmented: the long-day soak (``tests/ui/test_soak.py``) grew
by 12.8 MB between filings 20 and 40 and held it, and the process stood 36 MB higher at
filing 20 than with two arenas. Two arenas for the whole process remove that step; the
workers' allocations are short and rarely contend, so nothing measurable is lost.

Windows' heap and other C libraries are not affected (nothing to do there). A
``MALLOC_ARENA_MAX`` set in the environment wins: glibc has already read it.
"""

from __future__ import annotations

import ctypes
import logging
import os
import platform
import sys

log = logging.getLogger(__name__)

M_ARENA_MAX = -8  # glibc's malloc.h
STATION_ARENAS = 2


def limit_malloc_arenas(arenas: int = STATION_ARENAS) -> bool:
    """Cap glibc's arenas for this process; call before the first worker thread starts.
    Returns whether the cap was set."""
    if not sys.platform.startswith("linux") or os.environ.get("MALLOC_ARENA_MAX"):
        return False
    if platform.libc_ver()[0] != "glibc":
        return False
    try:
        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    if mallopt(M_ARENA_MAX, arenas) != 1:  # 1 on success
        log.warning("mallopt(M_ARENA_MAX, %d) refused", arenas)
        return False
    return True

"""Non-blocking inter-process locks on a file (the OS drops them when the process dies).

Exclusive (the sync lock: the GUI timer and a CLI sync never overlap; a restore) or shared
(every running app instance holds the station lock shared, so several may run but a restore
cannot). POSIX: ``flock``; Windows: ``LockFileEx`` on the first byte. A crashed process
never blocks anyone: its locks go with its file handles.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO


class LockBusy(Exception):
    pass


def _lock(fh: IO[str], shared: bool) -> None:
    """Take the lock at once or raise OSError."""
    if sys.platform == "win32":
        import ctypes
        import msvcrt
        from ctypes import wintypes

        class _Overlapped(ctypes.Structure):
            _fields_ = [
                ("Internal", ctypes.c_size_t),
                ("InternalHigh", ctypes.c_size_t),
                ("Offset", wintypes.DWORD),
                ("OffsetHigh", wintypes.DWORD),
                ("hEvent", wintypes.HANDLE),
            ]

        fail_immediately, exclusive = 0x1, 0x2
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel32.LockFileEx.argtypes = [
            wintypes.HANDLE,
            wintypes.DWORD,
            wintypes.DWORD,
            wintypes.DWORD,
            wintypes.DWORD,
            ctypes.POINTER(_Overlapped),
        ]
        kernel32.LockFileEx.restype = wintypes.BOOL
        flags = fail_immediately | (0 if shared else exclusive)
        overlapped = _Overlapped()
        handle = wintypes.HANDLE(msvcrt.get_osfhandle(fh.fileno()))
        if not kernel32.LockFileEx(handle, flags, 0, 1, 0, ctypes.byref(overlapped)):
            raise OSError(ctypes.get_last_error(), "LockFileEx failed")
    else:
        import fcntl

        fcntl.flock(fh.fileno(), (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)


class FileLock:
    def __init__(self, path: Path, *, shared: bool = False) -> None:
        self._path = path
        self._shared = shared
        self._fh: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._fh is not None

    def acquire(self) -> FileLock:
        """Take the lock now, or raise :class:`LockBusy` (never waits)."""
        self._path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(self._path, "a+")  # noqa: SIM115 - held open for as long as the lock is
        try:
            _lock(fh, self._shared)
        except OSError:
            fh.close()
            raise LockBusy(str(self._path)) from None
        self._fh = fh
        return self

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()  # closing the handle releases the lock
            self._fh = None

    def __enter__(self) -> FileLock:
        return self.acquire()

    def __exit__(self, *_exc: object) -> None:
        self.release()

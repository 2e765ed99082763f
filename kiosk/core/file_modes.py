"""The station's files are its OS user's alone (issue 16): the data dir 0700, the database,
its WAL and shared-memory files, the logs and every file the app writes 0600. Another user
of the same PC cannot read case numbers, query codes or PIN hashes. On Windows the per-user
profile's ACLs do this job; these modes are POSIX-only.

``tighten`` is run each time a station opens (cheap: the folder and its top-level files);
``PRIVATE_UMASK`` is set by the entry points so files created later (rotated logs, SQLite's
journal files, backups) start private; ``loose`` is what ``kiosk doctor`` reports.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
PRIVATE_UMASK = 0o077
_SUBDIRS = ("logs", "backups", "blobs", "tmp")  # checked one level down too


def applies() -> bool:
    return os.name == "posix"


def private_process() -> None:
    """Files this process creates from now on are its user's only."""
    if applies():
        os.umask(PRIVATE_UMASK)


def create_private(path: Path) -> None:
    """Create ``path`` empty with mode 0600 if it does not exist (SQLite then gives its WAL
    and shared-memory files the database file's mode)."""
    if not applies() or path.exists():
        return
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))


def _entries(data_dir: Path) -> list[Path]:
    found = [data_dir]
    for child in data_dir.iterdir():
        found.append(child)
        if child.name in _SUBDIRS and child.is_dir() and not child.is_symlink():
            found.extend(child.iterdir())
    return found


def tighten(data_dir: Path) -> None:
    """Make the data dir 0700 and the files in it (and in logs/, backups/ …) 0600."""
    if not applies() or not data_dir.is_dir():
        return
    for path in _entries(data_dir):
        with contextlib.suppress(OSError):
            st = path.lstat()
            if stat.S_ISLNK(st.st_mode) or st.st_uid != os.getuid():
                continue
            mode = stat.S_IMODE(st.st_mode)
            if mode & 0o077:  # the owner's bits stay (a file's x bit, a folder's rwx)
                os.chmod(path, PRIVATE_DIR if stat.S_ISDIR(st.st_mode) else mode & 0o700)


def loose(data_dir: Path) -> list[str]:
    """Entries of the data dir (relative names) that another OS user could read or enter."""
    if not applies() or not data_dir.is_dir():
        return []
    out = []
    for path in _entries(data_dir):
        with contextlib.suppress(OSError):
            st = path.lstat()
            if not stat.S_ISLNK(st.st_mode) and stat.S_IMODE(st.st_mode) & 0o077:
                out.append(str(path.relative_to(data_dir)) if path != data_dir else ".")
    return out


def report(data_dir: Path) -> dict[str, object]:
    """``kiosk doctor``'s section: which entries another OS user could read (names only)."""
    found = loose(data_dir)
    return {
        "ok": not found,
        "loose": found[:20],
        "detail": ""
        if not found
        else f"数据目录中有 {len(found)} 项可被本机其他用户读取（如 {found[0]}）："
        "启动一次代办程序会自动收紧权限，或运行 chmod -R go-rwx 数据目录。",
    }

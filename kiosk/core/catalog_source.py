"""What a station's catalog is made of, as bytes: the shipped catalog files and the installed
update. Their hash keys the search index too, so a search from the command line can open
the index and answer without parsing the catalog (its forms, rules and divisions) at all.

Imports nothing heavy: this is on the path of ``kiosk catalog search``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kiosk import __version__
from kiosk.paths import assets_dir

INSTALLED = Path("catalog") / "current.json"  # under the data dir: the imported update
INDEX_FILE = "catalog.sqlite3"  # under the data dir: the search index (derived)
INDEX_FORMAT = "4"  # of that file; 2: initials in threes and fours; 3: guide in pairs;
# 4: event bundles (一件事) indexed with the items, each document with its kind


def station_prefers_village(station_code: str) -> bool:
    """A village/community station (12-digit code not ending in 000) lists village items first."""
    return len(station_code) == 12 and station_code.isdigit() and station_code[9:] != "000"


def source_fingerprint(data_dir: Path) -> str:
    """Changes whenever a file the station's catalog is read from changes (or the app)."""
    digest = hashlib.sha256(f"{__version__}\0{INDEX_FORMAT}\0".encode())
    shipped = assets_dir() / "catalog"
    for path in sorted(shipped.rglob("*.json")):
        digest.update(path.relative_to(shipped).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    installed = data_dir / INSTALLED
    if installed.is_file():
        digest.update(b"installed\0" + hashlib.sha256(installed.read_bytes()).digest())
    return digest.hexdigest()

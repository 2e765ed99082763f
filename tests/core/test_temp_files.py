"""Plaintext scratch files (camera photos, signatures) left by a crash are gone at the next
start; a file another running process is using right now is not touched."""

import os
import stat
import time

from kiosk.context import open_context
from kiosk.core.temp_files import private_temp_dir


def test_a_crash_leftover_is_swept_at_start_and_a_fresh_file_kept(tmp_path):
    data_dir = tmp_path / "station"
    scratch = private_temp_dir(data_dir)
    assert stat.S_IMODE(scratch.stat().st_mode) == 0o700
    photos = scratch / "photos-abc"
    photos.mkdir()
    stale = photos / "photo-1.jpg"
    stale.write_bytes(b"\xff\xd8 id card photo")
    yesterday = time.time() - 86400
    os.utime(stale, (yesterday, yesterday))
    os.utime(photos, (yesterday, yesterday))
    fresh = scratch / "signature-now.png"  # another process is attaching it this moment
    fresh.write_bytes(b"\x89PNG")
    open_context(data_dir, demo=True).close()
    assert not stale.exists() and not photos.exists()
    assert fresh.exists()

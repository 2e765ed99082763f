"""Content-addressed, resumable blob upload with hash verification (SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
import os

import pytest

from tests.hub.helpers import OTHER, enroll, item, submit_one

pytestmark = pytest.mark.slow


def put_range(client, sha, data, start, end, total):
    return client.put(
        f"/blobs/{sha}",
        content=data[start:end],
        headers={"Content-Range": f"bytes {start}-{end - 1}/{total}"},
    )


def test_missing_blobs_then_whole_upload(hub):
    client = enroll(hub)
    data = b"scan of a hukou page"
    sha = hashlib.sha256(data).hexdigest()
    sub = item(blobs=[sha])
    first = submit_one(client, sub)
    assert first["outcome"] == "missing_blobs" and first["missing"] == [sha]
    head = client.head(f"/blobs/{sha}")
    assert head.status_code == 404 and head.headers["upload-offset"] == "0"
    wrong = client.put(f"/blobs/{sha}", content=b"something else")
    assert wrong.status_code == 422 and "校验值不符" in wrong.json()["detail"]
    done = client.put(f"/blobs/{sha}", content=data)
    assert done.status_code == 201 and done.json() == {
        "sha256": sha,
        "offset": 20,
        "complete": True,
    }
    assert client.put(f"/blobs/{sha}", content=data).status_code == 200  # a resend
    head = client.head(f"/blobs/{sha}")
    assert head.status_code == 200 and head.headers["upload-offset"] == str(len(data))
    assert submit_one(client, sub)["outcome"] == "created"


def test_resumable_upload_goes_on_from_the_last_confirmed_byte(hub):
    client = enroll(hub)
    data = os.urandom(300_000)
    sha, total = hashlib.sha256(data).hexdigest(), len(data)
    first = put_range(client, sha, data, 0, 100_000, total)
    assert first.status_code == 202 and first.json()["offset"] == 100_000
    assert not first.json()["complete"]
    # the connection broke; the station asks where to go on from
    assert client.head(f"/blobs/{sha}").headers["upload-offset"] == "100000"
    # a late duplicate of an earlier range is answered with the offset to use
    stale = put_range(client, sha, data, 0, 100_000, total)
    assert stale.status_code == 409 and stale.json()["offset"] == 100_000
    assert stale.headers["upload-offset"] == "100000"
    ahead = put_range(client, sha, data, 200_000, total, total)
    assert ahead.status_code == 409 and ahead.json()["offset"] == 100_000
    assert put_range(client, sha, data, 100_000, 200_000, total).status_code == 202
    last = put_range(client, sha, data, 200_000, total, total)
    assert last.status_code == 201 and last.json()["complete"]
    assert hub.service.blob_bytes(sha) == data
    assert hub.service.stats()["uploads_in_progress"] == 0


def test_a_damaged_upload_is_discarded_and_starts_again(hub):
    client = enroll(hub)
    data = os.urandom(50_000)
    sha, total = hashlib.sha256(data).hexdigest(), len(data)
    damaged = bytearray(data)
    damaged[30_000] ^= 0xFF
    assert put_range(client, sha, bytes(damaged), 0, 25_000, total).status_code == 202
    bad = put_range(client, sha, bytes(damaged), 25_000, total, total)
    assert bad.status_code == 422 and bad.json()["type"] == "/problems/blob-hash-mismatch"
    assert client.head(f"/blobs/{sha}").headers["upload-offset"] == "0"
    assert hub.service.blob_bytes(sha) is None
    assert put_range(client, sha, data, 0, total, total).status_code == 201


def test_bad_ranges_are_refused(hub):
    client = enroll(hub)
    data = os.urandom(1000)
    sha = hashlib.sha256(data).hexdigest()
    for header in ("bytes 0-10/5", "bytes=0-9/1000", "bytes 5-1/1000", "lines 0-9/1000"):
        resp = client.put(f"/blobs/{sha}", content=data[:10], headers={"Content-Range": header})
        assert resp.status_code in (400, 416), header
        assert resp.headers["content-type"].startswith("application/problem+json")
    too_big = client.put(
        f"/blobs/{sha}", content=data[:10], headers={"Content-Range": "bytes 0-9/999999999"}
    )
    assert too_big.status_code == 413 and "附件过大" in too_big.json()["detail"]


def test_a_station_sees_only_blobs_it_uploaded_itself(hub):
    mine, theirs = enroll(hub), enroll(hub, OTHER)
    data = os.urandom(2000)
    sha = hashlib.sha256(data).hexdigest()
    assert mine.put(f"/blobs/{sha}", content=data).status_code == 201
    assert theirs.head(f"/blobs/{sha}").status_code == 404
    assert submit_one(theirs, item(blobs=[sha]))["outcome"] == "missing_blobs"
    # the other station proves it has the bytes by sending them; stored once
    assert theirs.put(f"/blobs/{sha}", content=data).status_code == 201
    assert submit_one(theirs, item(blobs=[sha]))["outcome"] == "created"
    assert hub.service.stats()["blobs"] == 1

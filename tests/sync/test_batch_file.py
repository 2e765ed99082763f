import hashlib
import os

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kiosk.core.errors import KioskError
from kiosk.demo import demo_residents
from kiosk.sync.batch_file import (
    BatchItem,
    BatchRefused,
    open_batch,
    read_manifest,
    verify_batch,
    write_batch,
)

STATION = "330106109201"


@pytest.fixture
def keys():
    return Ed25519PrivateKey.generate(), X25519PrivateKey.generate()


def items(n=5):
    out = []
    for i, r in enumerate((demo_residents() * n)[:n]):
        blob = os.urandom(1000 + i)
        out.append(
            BatchItem(
                f"00000000-0000-4000-8000-{i:012d}",
                "330000-20-0001",
                "城乡居民基本养老保险参保登记",
                1,
                0,
                dict(r),
                {hashlib.sha256(blob).hexdigest(): blob} if i % 2 else {},
            )
        )
    return out


def test_round_trip(tmp_path, keys):
    sign, hub = keys
    source = items()
    seen = []
    manifest = write_batch(
        tmp_path / "b.kbatch",
        station_code=STATION,
        sequence=3,
        items=source,
        signing_key=sign,
        hub_key=hub.public_key(),
        progress=lambda d, t: seen.append((d, t)),
    )
    assert manifest.count == 5 and manifest.sequence == 3 and seen[-1][0] == seen[-1][1]
    assert read_manifest(tmp_path / "b.kbatch").items[0]["item_name"] == source[0].item_name
    got = list(open_batch(tmp_path / "b.kbatch", hub, sign.public_key()))
    assert [g.client_id for g in got] == [s.client_id for s in source]
    assert [g.payload for g in got] == [s.payload for s in source]
    assert [g.blobs for g in got] == [s.blobs for s in source]


def test_no_plaintext_personal_data(tmp_path, keys):
    sign, hub = keys
    write_batch(
        tmp_path / "b.kbatch",
        station_code=STATION,
        sequence=1,
        items=items(),
        signing_key=sign,
        hub_key=hub.public_key(),
    )
    raw = (tmp_path / "b.kbatch").read_bytes()
    for r in demo_residents():
        for key in ("name", "id_number", "phone", "address"):
            assert r[key].encode() not in raw


@pytest.mark.parametrize("damage", ["flip", "truncate", "append"])
def test_damaged_file_refused(tmp_path, keys, damage):
    sign, hub = keys
    path = tmp_path / "b.kbatch"
    write_batch(
        path,
        station_code=STATION,
        sequence=1,
        items=items(),
        signing_key=sign,
        hub_key=hub.public_key(),
    )
    raw = bytearray(path.read_bytes())
    if damage == "flip":
        raw[len(raw) // 3] ^= 0x40
    elif damage == "truncate":
        raw = raw[: len(raw) // 2]
    else:
        raw += b"\0"
    path.write_bytes(bytes(raw))
    with pytest.raises(BatchRefused) as err:
        verify_batch(path, sign.public_key())
    assert "未做任何更改" in err.value.zh


def test_other_stations_key_and_other_hub_refused(tmp_path, keys):
    sign, hub = keys
    path = tmp_path / "b.kbatch"
    write_batch(
        path,
        station_code=STATION,
        sequence=1,
        items=items(),
        signing_key=sign,
        hub_key=hub.public_key(),
    )
    with pytest.raises(BatchRefused):
        verify_batch(path, Ed25519PrivateKey.generate().public_key())
    with pytest.raises(BatchRefused) as err:
        list(open_batch(path, X25519PrivateKey.generate(), sign.public_key()))
    assert "无法解密" in err.value.zh


def test_not_a_batch(tmp_path, keys):
    path = tmp_path / "x.kbatch"
    path.write_bytes(b"hello" * 100)
    with pytest.raises(BatchRefused):
        verify_batch(path, keys[0].public_key())


def lazy(source):
    """The same items with their attachments left on 'disk' (sizes only)."""
    store = {sha: b for s in source for sha, b in s.blobs.items()}
    for s in source:
        s.blob_sizes, s.blobs = {sha: len(b) for sha, b in s.blobs.items()}, {}
    return source, store


def test_attachments_are_read_one_at_a_time_while_writing(tmp_path, keys):
    sign, hub = keys
    source = items()
    expected = [dict(s.blobs) for s in source]
    source, store = lazy(source)
    events = []

    def read_blob(sha):
        events.append("read")
        return store[sha]

    manifest = write_batch(
        tmp_path / "b.kbatch",
        station_code=STATION,
        sequence=1,
        items=source,
        signing_key=sign,
        hub_key=hub.public_key(),
        progress=lambda d, t: events.append("record"),
        read_blob=read_blob,
    )
    # each attachment is read just before its record is written, never all up front
    assert events.count("read") == len(store) == 2
    assert all(events[k + 1] == "record" for k, e in enumerate(events) if e == "read")
    assert events.index("read") > 0
    assert manifest.bytes == sum(len(b) for b in store.values())
    listed = {
        b["sha256"]: b["size"]
        for i in read_manifest(tmp_path / "b.kbatch").items
        for b in i["blobs"]
    }
    assert listed == {sha: len(b) for sha, b in store.items()}
    got = list(open_batch(tmp_path / "b.kbatch", hub, sign.public_key()))
    assert [g.blobs for g in got] == expected


def test_an_attachment_that_changed_since_it_was_listed_leaves_no_file(tmp_path, keys):
    sign, hub = keys
    source, store = lazy(items())
    with pytest.raises(KioskError) as err:
        write_batch(
            tmp_path / "b.kbatch",
            station_code=STATION,
            sequence=1,
            items=source,
            signing_key=sign,
            hub_key=hub.public_key(),
            read_blob=lambda sha: store[sha] + b"x",
        )
    assert "附件" in err.value.zh
    assert list(tmp_path.iterdir()) == []  # neither the file nor its partial

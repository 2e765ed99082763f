"""Removable-media batches end to end: a village with no network, a township with a real hub.

Two data dirs on disk, a real hub on loopback. The village files 50 applications, exports
them to a "USB stick" folder; the township imports, relays to the hub; the hub advances
some cases; the township exports the status-return file; the village imports it and shows
case numbers and statuses. Importing either file again changes nothing. Tampered,
truncated, foreign and replayed files are refused and leave both databases unchanged.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from hub.server import BackgroundHub
from kiosk.context import AppContext, open_context
from kiosk.core.applications import AttachmentInput
from kiosk.core.status import AppStatus
from kiosk.demo import DEMO_STATION_CODE
from kiosk.store.models import Application
from kiosk.sync.batch_file import BatchRefused
from kiosk.sync.outbox import count_due
from tests.conftest import AGENT, PENSION
from tests.support.residents import resident

pytestmark = pytest.mark.slow

TOWNSHIP_CODE = DEMO_STATION_CODE[:9] + "000"
NEIGHBOUR_CODE = DEMO_STATION_CODE[:9] + "202"  # another village of the same township
FOREIGN_CODE = "330106110201"  # a village of another township
OFFLINE = "http://127.0.0.1:9"  # nothing listens there: the village has no network


def station(tmp_path: Path, hub: BackgroundHub, name: str, code: str, role: str) -> AppContext:
    ctx = open_context(tmp_path / name, demo=True)
    ctx.agents.add(AGENT, role, "246810")
    ctx.provision(hub.url, code, name, hub.service.issue_enrollment_code(code))
    return ctx


@pytest.fixture
def village(tmp_path: Path, hub: BackgroundHub) -> Iterator[AppContext]:
    ctx = station(tmp_path, hub, "village", DEMO_STATION_CODE, "agent")
    ctx.set_hub_url(OFFLINE)  # enrolled once by the technician; no network since
    yield ctx
    ctx.close()


@pytest.fixture
def township(tmp_path: Path, hub: BackgroundHub) -> Iterator[AppContext]:
    ctx = station(tmp_path, hub, "township", TOWNSHIP_CODE, "township")
    yield ctx
    ctx.close()


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def file_applications(ctx: AppContext, n: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    scans = ctx.data_dir.parent / "scans"
    scans.mkdir(exist_ok=True)
    ids = []
    for i in range(n):
        atts = []
        if i % 5 == 0:
            path = scans / f"scan-{seed}-{i}.pdf"
            path.write_bytes(b"%PDF-1.4\n" + rng.randbytes(20_000))
            atts.append(AttachmentInput(path, "户口簿"))
        ids.append(ctx.applications.submit(PENSION, resident(rng, i), AGENT, atts).id)
    return ids


def db_digest(ctx: AppContext) -> str:
    """Everything stored, as one hash (read through a separate read-only connection)."""
    con = sqlite3.connect(f"file:{ctx.data_dir / 'kiosk.sqlite3'}?mode=ro", uri=True)
    try:
        h = hashlib.sha256()
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for t in sorted(tables):
            for row in con.execute(f'SELECT * FROM "{t}" ORDER BY 1'):
                h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        con.close()


def test_fifty_applications_go_out_on_usb_and_their_answers_come_back(
    village, township, hub, usb, tmp_path
):
    ids = file_applications(village, 50)
    assert count_due(village.db, include_future=True)[0] == 50

    # the village exports (and prints the hand-over list)
    result = village.batch_paperwork.export_batch(usb, AGENT)
    assert result.manifest.count == 50 and result.path.exists()
    assert sorted(result.app_ids) == sorted(ids)
    assert result.changes.ids == set(ids)  # lists and counts show them on the stick
    handover = tmp_path / "handover.pdf"
    handover.write_bytes(
        village.printing.handover(village.batch_paperwork.export_list(result, AGENT))
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(handover), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "交接清单" in text.replace(" ", "") and "村代办员签字" in text.replace(" ", "")
    # exported items wait for the township instead of also going online
    assert count_due(village.db, include_future=True)[0] == 0

    # the township: village keys from the hub, import (twice), relay
    client = township.hub_client()
    try:
        assert township.township.refresh_villages(client) >= 1
        manifest, new = township.township.import_batch(result.path, "李接收")
        assert new and manifest.count == 50
        before = db_digest(township)
        again, new_again = township.township.import_batch(result.path, "李接收")
        assert not new_again and again.batch_id == manifest.batch_id
        assert db_digest(township) == before
        receipt = township.printing.handover(
            township.batch_paperwork.import_list(manifest, "李接收")
        )
        assert receipt.startswith(b"%PDF")
        outcome = township.township.relay(client)
        assert outcome.batches == 1 and outcome.applications == 50 and not outcome.refused
        assert hub.service.stats()["cases"] == 50
        # relaying the same file once more is harmless at the hub
        dup = client.relay_batch(township.data_dir / "batches" / f"{manifest.batch_id}.kbatch")
        assert {r["outcome"] for r in dup} == {"duplicate"}
        assert hub.service.stats()["cases"] == 50

        # the hub's back office moves some cases
        cases = hub.service.cases(DEMO_STATION_CODE)
        for case in cases[:5]:
            hub.service.advance(case.case_no, "受理")
        for case in cases[:2]:
            hub.service.advance(case.case_no, "办结")
        hub.service.advance(cases[5].case_no, "补齐补正", "请补充户口簿")
        board = {v.code: v for v in township.township.villages()}
        assert board[DEMO_STATION_CODE].by_status.get("submitted") == 50

        returns = township.township.export_returns(client, usb)
    finally:
        client.close()
    assert [p.name.split("-")[0] for p in returns] == [DEMO_STATION_CODE]
    board = {v.code: v for v in township.township.villages()}
    assert board[DEMO_STATION_CODE].by_status == {
        "completed": 2,
        "accepted": 3,
        "need_supplement": 1,
        "submitted": 44,
    }
    assert board[DEMO_STATION_CODE].waiting == 0

    # a found USB stick gives no query code: they are sealed to the village's device key
    stick = returns[0].read_bytes()
    assert all(c.query_code and c.query_code.encode() not in stick for c in cases)
    # the village imports the return: case numbers, query codes and statuses, as online
    answer = village.village_batches.import_return(returns[0], AGENT)
    assert answer.results_applied == 50 and answer.changes.applications
    by_case = {c.client_id: c for c in cases}
    for app_id in ids:
        view = village.applications.get(app_id)
        assert view.case_no == by_case[app_id].case_no
        assert view.query_code == by_case[app_id].query_code
    assert village.applications.get(cases[0].client_id).status is AppStatus.COMPLETED
    assert village.applications.get(cases[3].client_id).status is AppStatus.ACCEPTED
    assert village.applications.get(cases[5].client_id).status is AppStatus.NEED_SUPPLEMENT
    assert village.applications.get(cases[9].client_id).status is AppStatus.SUBMITTED
    before = db_digest(village)
    again = village.village_batches.import_return(returns[0], AGENT)
    assert again.results_applied == 0 and again.status_updates == 0 and not again.changes
    assert db_digest(village) == before


def test_the_batch_file_holds_no_personal_data(village, usb):
    rng = random.Random(1)
    people = [resident(rng, i) for i in range(10)]
    for person in people:
        village.applications.submit(PENSION, person, AGENT)
    data = village.batch_paperwork.export_batch(usb, AGENT).path.read_bytes()
    for person in people:
        for key in ("name", "id_number", "phone"):
            value = str(person[key])
            assert value.encode() not in data, key
            assert value.encode("utf-16-be") not in data, key
            assert value.encode("unicode_escape") not in data, key
    # while the manifest (no personal data) is readable without any key
    assert village.catalog.get(PENSION).name.encode() in data


@pytest.fixture
def exported(village, township, usb) -> Path:
    file_applications(village, 3)
    path = village.batch_paperwork.export_batch(usb, AGENT).path
    client = township.hub_client()
    try:
        township.township.refresh_villages(client)
    finally:
        client.close()
    return path


def refused_and_unchanged(township: AppContext, path: Path, *words: str) -> None:
    before = db_digest(township)
    with pytest.raises(BatchRefused) as info:
        township.township.import_batch(path, "李接收")
    for word in words:
        assert word in info.value.zh
    assert "未做任何更改" in info.value.zh
    assert db_digest(township) == before
    assert not list((township.data_dir / "batches").glob("*.kbatch"))


def test_a_flipped_byte_is_refused(township, exported, tmp_path):
    data = bytearray(exported.read_bytes())
    data[len(data) // 2] ^= 0x01
    bad = tmp_path / "flipped.kbatch"
    bad.write_bytes(bytes(data))
    refused_and_unchanged(township, bad, "校验失败")


def test_a_truncated_file_is_refused(township, exported, tmp_path):
    bad = tmp_path / "truncated.kbatch"
    bad.write_bytes(exported.read_bytes()[: exported.stat().st_size * 2 // 3])
    refused_and_unchanged(township, bad)


def test_another_stations_file_is_refused(tmp_path, hub, township, exported, usb):
    foreign = station(tmp_path, hub, "foreign", FOREIGN_CODE, "agent")
    neighbour = station(tmp_path, hub, "neighbour", NEIGHBOUR_CODE, "agent")
    try:
        for other in (foreign, neighbour):
            other.set_hub_url(OFFLINE)
            file_applications(other, 2, seed=5)
        out = tmp_path / "other-usb"
        out.mkdir()
        refused_and_unchanged(
            township, foreign.batch_paperwork.export_batch(out, AGENT).path, "不属于本乡镇"
        )
        # the neighbour's file, with the village's code written into its manifest
        theirs = bytearray(neighbour.batch_paperwork.export_batch(out, AGENT).path.read_bytes())
        swapped = bytes(theirs).replace(NEIGHBOUR_CODE.encode(), DEMO_STATION_CODE.encode())
        bad = tmp_path / "swapped.kbatch"
        bad.write_bytes(swapped)
        refused_and_unchanged(township, bad, "校验失败")
    finally:
        foreign.close()
        neighbour.close()


def test_an_old_file_replayed_after_a_newer_one_is_refused(village, township, exported, usb):
    old = usb / "old.kbatch"
    shutil.move(exported, old)
    file_applications(village, 1, seed=9)
    newer = village.batch_paperwork.export_batch(usb, AGENT).path
    township.township.import_batch(newer, "李接收")
    before = db_digest(township)
    with pytest.raises(BatchRefused) as info:
        township.township.import_batch(old, "李接收")
    assert "旧批次" in info.value.zh and "未做任何更改" in info.value.zh
    assert db_digest(township) == before


def test_a_tampered_or_foreign_return_file_is_refused(village, township, exported, tmp_path):
    client = township.hub_client()
    try:
        township.township.import_batch(exported, "李接收")
        township.township.relay(client)
        out = tmp_path / "returns"
        out.mkdir()
        (ret,) = township.township.export_returns(client, out)
    finally:
        client.close()
    before = db_digest(village)
    data = bytearray(ret.read_bytes())
    data[40] ^= 0x01
    bad = tmp_path / "bad.kreturn"
    bad.write_bytes(bytes(data))
    with pytest.raises(BatchRefused) as info:
        village.village_batches.import_return(bad, AGENT)
    assert "校验失败" in info.value.zh or "不完整" in info.value.zh
    bad.write_bytes(ret.read_bytes()[:-10])
    with pytest.raises(BatchRefused):
        village.village_batches.import_return(bad, AGENT)
    assert db_digest(village) == before
    # a return signed by the hub, but for the township: not this village's
    with pytest.raises(BatchRefused):
        township.village_batches.import_return(ret, AGENT)


def test_exported_items_go_online_after_the_hold_and_the_hub_answers_duplicate(
    village, township, exported, hub
):
    client = township.hub_client()
    try:
        township.township.import_batch(exported, "李接收")
        township.township.relay(client)
    finally:
        client.close()
    with village.db.write() as s:  # the stick took longer than the hold
        for app in s.query(Application):
            app.exported_at = app.exported_at.replace(year=app.exported_at.year - 1)
    village.set_hub_url(hub.url)  # the village got a connection
    report = village.sync_engine().run_once(force=True)
    assert report.duplicate == 3 and report.created == 0
    assert hub.service.stats()["cases"] == 3

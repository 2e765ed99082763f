"""``kiosk-hub``: the back office's command line, as real subprocesses."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from hub.cli import main
from hub.db import HubDatabase
from hub.service import HubService
from tests.hub.helpers import STATION, item, submit_one
from tests.hub.test_hub_catalog import pension_v

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def run_main(capsys, db_url, *args):
    """The same ``main()`` the ``kiosk-hub`` script runs, in-process (no interpreter start-up)."""
    code = main(["--db", db_url, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def enroll_with_code(url, code):
    resp = httpx.post(f"{url}/v1/enroll", json={"enrollment_code": code, "station_code": STATION})
    assert resp.status_code == 200, resp.text
    return httpx.Client(
        base_url=f"{url}/v1", headers={"Authorization": f"Bearer {resp.json()['token']}"}
    ), resp.json()["device_id"]


def test_back_office_commands(hub_db_url, tmp_path, capsys):
    from hub.server import BackgroundHub

    rc, out, err = run_main(capsys, hub_db_url, "enroll-code", "--station", STATION)
    assert rc == 0, err
    with BackgroundHub(hub_db_url) as hub:
        client, device_id = enroll_with_code(hub.url, out.strip())
        case_no = submit_one(client, item())["case_no"]
        rc, out, _ = run_main(
            capsys, hub_db_url, "advance", case_no, "--to", "受理", "--note", "材料齐全"
        )
        assert rc == 0 and "受理" in out
        rc, _, err = run_main(capsys, hub_db_url, "advance", case_no, "--to", "受理")
        assert rc == 1 and "不能转到" in err
        events = client.get("/changes").json()["events"]
        assert [e["stage"] for e in events] == ["收件", "受理"] and events[1]["note"] == "材料齐全"
        stats = json.loads(run_main(capsys, hub_db_url, "stats", "--json")[1])
        assert stats["cases"] == 1 and stats["stages"] == {"受理": 1} and stats["devices"] == 1
        item_file = tmp_path / "pension-v2.json"
        item_file.write_text(json.dumps(pension_v(2), ensure_ascii=False), "utf-8")
        rc, out, err = run_main(capsys, hub_db_url, "catalog", "publish", str(item_file))
        assert rc == 0, err
        feed = client.get("/catalog", params={"since": stats["catalog_version"]}).json()
        assert [i["form"]["version"] for i in feed["items"]] == [2]
        rc, out, _ = run_main(capsys, hub_db_url, "revoke", device_id)
        assert rc == 0 and "1" in out
        assert client.get("/changes").status_code == 401
    rc, _, err = run_main(capsys, hub_db_url, "enroll-code", "--station", "12345")
    assert rc == 1 and "12位" in err


def test_serve_with_simulation_moves_cases_on(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    port_file = tmp_path / "port"
    code = HubService(HubDatabase(db_url)).issue_enrollment_code(STATION)
    serve = ["serve", "--port", "0", "--port-file", str(port_file), "--simulate", "0.5"]
    proc = subprocess.Popen([sys.executable, "-m", "hub", "--db", db_url, *serve], cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        url = None
        while time.monotonic() < deadline and url is None:
            if port_file.exists():
                candidate = f"http://127.0.0.1:{port_file.read_text()}"
                try:
                    httpx.get(f"{candidate}/v1/health", timeout=1)
                    url = candidate
                except httpx.HTTPError:
                    time.sleep(0.1)
            else:
                time.sleep(0.1)
        assert url, "hub did not start"
        client, _ = enroll_with_code(url, code)
        submit_one(client, item())
        deadline = time.monotonic() + 20
        stages: list[str] = []
        while time.monotonic() < deadline and stages[-1:] != ["办结"]:
            stages = [e["stage"] for e in client.get("/changes").json()["events"]]
            time.sleep(0.2)
        assert stages == ["收件", "受理", "办结"]
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.mark.parametrize("workers", ["2", "0"])
def test_several_workers_need_postgresql(capsys, tmp_path, workers):
    db = tmp_path / "hub.sqlite3"
    code = main(["--db", f"sqlite:///{db}", "serve", "--port", "0", "--workers", workers])
    err = capsys.readouterr().err
    assert code == 2
    assert ("PostgreSQL" in err) if workers == "2" else ("--workers" in err)
    assert not db.exists()  # refused before anything was created

"""``kiosk doctor --bundle``: everything support needs, nothing personal or secret."""

from __future__ import annotations

import json
import zipfile

from kiosk.deploy.diagnostics import write_bundle
from kiosk.sync.enrollment import DEVICE_TOKEN
from tests.conftest import AGENT, PENSION


def _read_all(path):
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def test_bundle_has_health_versions_logs_and_no_personal_data(online_ctx, resident, tmp_path):
    ctx = online_ctx
    ctx.applications.submit(PENSION, resident, AGENT, [])
    ctx.sync_engine().run_once(force=True)
    # a log written by an older version, before scrubbing existed
    (ctx.data_dir / "logs").mkdir(exist_ok=True)
    (ctx.data_dir / "logs" / "kiosk.log.1").write_text(
        f"2026-01-01 INFO old: filed for {resident['id_number']} tel {resident['phone']}\n",
        "utf-8",
    )
    token = ctx.secrets.get(DEVICE_TOKEN)
    data_key = ctx.secrets.get("data-key")
    ctx.close()
    info = write_bundle(ctx.data_dir, tmp_path / "diag.zip")
    files = _read_all(tmp_path / "diag.zip")
    assert info["logs"] >= 1
    assert {
        "versions.json",
        "settings.json",
        "health.json",
        "updates.json",
        "trust.json",
        "logs/kiosk.log.1",
    } <= set(files)
    health = json.loads(files["health.json"])
    assert health["database"]["ok"] and health["queue"]["unsent"] == 0
    assert "printer" in health and health["station"]["code"]
    assert json.loads(files["versions.json"])["app"]
    settings = json.loads(files["settings.json"])
    assert settings["hub_url"] and "install_id" not in settings
    everything = b"".join(files.values())
    for secret in (resident["id_number"], resident["phone"], resident["name"], token, data_key):
        assert secret and secret.encode() not in everything, secret
    assert b"330106********" in files["logs/kiosk.log.1"]


def test_bundle_is_written_even_when_the_station_cannot_open(tmp_path):
    broken = tmp_path / "station"
    broken.mkdir()
    (broken / "settings.toml").write_text("this is [not toml", "utf-8")
    write_bundle(broken, tmp_path / "diag.zip")
    files = _read_all(tmp_path / "diag.zip")
    assert json.loads(files["health.json"])["ok"] is False
    assert "error" in json.loads(files["settings.json"])

"""Offline update packages: verified, applied side by side, self-checked, rolled back.

The "new versions" here are small launch scripts standing in for a bundle: a good one runs
this source tree's real ``kiosk update selfcheck`` (migrations, doctor checks, Qt offscreen);
a broken one damages the database the way a bad migration would, then fails to start.
"""

from __future__ import annotations

import json
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from kiosk.context import open_context
from kiosk.core.errors import InputError, KioskError
from kiosk.deploy import signing, trust
from kiosk.deploy.installs import UpdateRoot
from kiosk.deploy.launcher import choose, dispatch
from kiosk.deploy.update_package import build_package, open_package, this_platform
from kiosk.deploy.updater import apply_update, rollback, status
from kiosk.paths import assets_dir
from tests.conftest import AGENT, PENSION

pytestmark = pytest.mark.slow

GOOD = """#!/bin/sh
echo "$@" >> "$(dirname "$0")/ran.txt"
exec "{python}" -m kiosk "$@"
"""
BROKEN = """#!/bin/sh
# a broken release: its migration drops a table and bumps the schema, then it crashes
"{python}" - "$2/kiosk.sqlite3" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("drop table status_event")
c.execute("update alembic_version set version_num = '9999_broken'")
c.commit()
PY
echo "Traceback: ImportError: libQt6Gui.so.6: cannot open shared object file" >&2
exit 3
"""


def fake_version(folder: Path, script: str) -> Path:
    folder.mkdir(parents=True)
    exe = folder / "kiosk"
    exe.write_text(script.format(python=sys.executable))
    exe.chmod(0o755)
    (folder / "_internal").mkdir()
    (folder / "_internal" / "base_library.zip").write_bytes(b"PK\x05\x06" + b"\0" * 18)
    return folder


@pytest.fixture
def key(tmp_path):
    return signing.load_or_create_key(tmp_path / "release" / "hub-signing.key")


@pytest.fixture
def station(ctx, key, resident):
    """A station with data: two applications filed; it trusts the hub's key."""
    trust.pin_key(ctx.data_dir, signing.public_bytes(key.public_key()), "test")
    for i in range(2):
        data = dict(resident, phone=f"1390000111{i}")
        ctx.applications.submit(PENSION, data, AGENT, [])
    return ctx


@pytest.fixture
def root(tmp_path):
    return UpdateRoot(tmp_path / "app-root")


def snapshot(data_dir: Path) -> dict:
    ctx = open_context(data_dir)
    try:
        apps = sorted((v.id, v.status.value) for v in ctx.applications.list())
        payloads = sorted(
            json.dumps(ctx.applications.payload(a_id), sort_keys=True) for a_id, _ in apps
        )
        audit = ctx.audit.verify(ctx.db)
        return {"apps": apps, "payloads": payloads, "audit_ok": audit.ok}
    finally:
        ctx.close()


def make_pkg(tmp_path, key, name="u.kupd", **kw):
    return build_package(tmp_path / name, key, **kw)


def test_good_update_becomes_current_and_launcher_hands_over(station, root, key, tmp_path, capfd):
    before = snapshot(station.data_dir)
    station.close()
    app = fake_version(tmp_path / "build" / "0.2.0", GOOD)
    pkg = make_pkg(tmp_path, key, app_dir=app, app_version="0.2.0", notes="test release")
    done = apply_update(pkg, station.data_dir, root)
    assert done.version == "0.2.0" and done.selfcheck["ok"], done.selfcheck
    assert set(done.selfcheck["checks"]) >= {"database", "keyring", "audit", "catalog", "gui"}
    assert root.load().current == "0.2.0"
    assert (root.versions / "0.2.0" / "kiosk").exists()
    assert done.backup.exists() and station.backups.verify(done.backup).files >= 1
    assert snapshot(station.data_dir) == before
    # the installed base hands every start over to the new version …
    base_exe = tmp_path / "opt" / "kiosk"
    assert choose(root, "0.1.0") == root.executable("0.2.0")
    assert dispatch(["--version"], root=root, self_exe=base_exe, base_version="0.1.0") == 0
    assert "--version" in (root.versions / "0.2.0" / "ran.txt").read_text()
    # … but never `kiosk update …` (rollback must not depend on the update) nor itself
    assert dispatch(["update", "rollback"], root=root, self_exe=base_exe) is None
    assert dispatch(["gui"], root=root, self_exe=root.executable("0.2.0")) is None
    # a newer base (.deb upgraded past the USB update) wins
    assert choose(root, "0.3.0") is None
    # the same package again is refused: not newer
    with pytest.raises(InputError):
        apply_update(pkg, station.data_dir, root)
    # the technician can go back
    back = rollback(station.data_dir, root)
    assert back["current"] == "installed" and not back["restored_data"]
    assert root.load().current is None
    assert snapshot(station.data_dir) == before
    assert status(root)["running"] == "0.1.0"


def test_failed_update_rolls_back_and_station_keeps_its_data(station, root, key, tmp_path):
    before = snapshot(station.data_dir)
    station.close()
    app = fake_version(tmp_path / "build" / "0.2.0", BROKEN)
    pkg = make_pkg(tmp_path, key, app_dir=app, app_version="0.2.0")
    with pytest.raises(KioskError) as failed:
        apply_update(pkg, station.data_dir, root)
    assert "已自动回退" in failed.value.zh
    # the old version is still current, the broken one is gone
    state = root.load()
    assert state.current is None and root.installed() == []
    assert state.history[-1]["event"] == "failed"
    # the data is what it was: every application, the audit chain intact
    assert snapshot(station.data_dir) == before
    # what the broken version left is kept aside, not deleted
    assert list(station.data_dir.glob("replaced-*/kiosk.sqlite3"))
    # and the station keeps working: file another application, back it up
    again = open_context(station.data_dir)
    try:
        again.applications.submit(PENSION, _resident(), AGENT, [])
        assert len(again.applications.list()) == len(before["apps"]) + 1
    finally:
        again.close()


def _resident():
    from kiosk.demo import demo_residents

    return dict(demo_residents()[1])


def _rewrite_zip(src: Path, dst: Path, edit) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        items = {n: zin.read(n) for n in zin.namelist()}
        for name, data in edit(items).items():
            zout.writestr(name, data)
    return dst


@pytest.mark.parametrize(
    "edit, why",
    [
        (lambda m: {**m, "app/kiosk": m["app/kiosk"].replace(b"exec", b"exex")}, "内容与清单不符"),
        (
            lambda m: {
                **m,
                "manifest.json": m["manifest.json"].replace(b'"notes": ""', b'"notes": "x"'),
            },
            "签名校验失败",
        ),
        (lambda m: {**m, "app/extra.so": b"\x7fELF"}, "与清单不一致"),
        (lambda m: {k: v for k, v in m.items() if k != "manifest.sig"}, "不是更新包"),
        (lambda m: {**m, "app/../../evil": b"x"}, "与清单不一致"),
    ],
    ids=["content", "manifest", "extra-file", "unsigned", "traversal"],
)
def test_tampered_package_is_refused_and_nothing_changes(station, root, key, tmp_path, edit, why):
    before = snapshot(station.data_dir)
    station.close()
    app = fake_version(tmp_path / "build" / "0.2.0", GOOD)
    pkg = make_pkg(tmp_path, key, app_dir=app, app_version="0.2.0")
    bad = _rewrite_zip(pkg, tmp_path / "bad.kupd", edit)
    with pytest.raises(InputError) as refused:
        apply_update(bad, station.data_dir, root)
    assert why in refused.value.zh
    assert root.load().current is None and root.installed() == []
    assert not (root.versions / "0.2.0").exists()
    assert snapshot(station.data_dir) == before


def test_untrusted_signer_truncated_file_and_wrong_platform(station, root, key, tmp_path):
    station.close()
    app = fake_version(tmp_path / "build" / "0.2.0", GOOD)
    other = signing.load_or_create_key(tmp_path / "other.key")
    rogue = make_pkg(tmp_path, other, "rogue.kupd", app_dir=app, app_version="0.2.0")
    with pytest.raises(InputError) as refused:
        apply_update(rogue, station.data_dir, root)
    assert "不是由本站点信任" in refused.value.zh
    good = make_pkg(tmp_path, key, app_dir=app, app_version="0.2.0")
    cut = tmp_path / "cut.kupd"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(InputError):
        apply_update(cut, station.data_dir, root)
    foreign = make_pkg(
        tmp_path, key, "win.kupd", app_dir=app, app_version="0.2.0", target_platform="windows-x86"
    )
    with pytest.raises(InputError) as refused:
        apply_update(foreign, station.data_dir, root)
    assert this_platform() in refused.value.zh
    # a station that was never provisioned trusts nobody
    with pytest.raises(InputError) as refused:
        open_package(good, set())
    assert "可信任的签名密钥" in refused.value.zh
    assert root.load().history == []


def test_catalog_update_applies_and_rolls_back(station, root, key, tmp_path):
    station.close()
    items = tmp_path / "catalog"
    items.mkdir()
    source = assets_dir() / "catalog" / "items"
    shipped_file = next(source.glob("*.json"))
    item = json.loads(shipped_file.read_text("utf-8"))
    shipped_name = item["name"]
    item["name"] = shipped_name + "（2027版）"
    (items / shipped_file.name).write_text(json.dumps(item, ensure_ascii=False), "utf-8")
    pkg = make_pkg(tmp_path, key, catalog_dir=items, catalog_version="2027.1")
    done = apply_update(pkg, station.data_dir, root)
    assert "事项目录 2027.1" in done.description
    ctx = open_context(station.data_dir)
    assert ctx.catalog.get(item["code"]).name == shipped_name + "（2027版）"
    assert len(ctx.catalog.items()) == len(list(source.glob("*.json")))
    ctx.close()
    rollback(station.data_dir, root)
    ctx = open_context(station.data_dir)
    assert ctx.catalog.get(item["code"]).name == shipped_name
    ctx.close()
    # a signed catalog whose items break the schema is refused before it replaces anything
    del item["form"]
    (items / shipped_file.name).write_text(json.dumps(item, ensure_ascii=False), "utf-8")
    bad = make_pkg(tmp_path, key, "bad.kupd", catalog_dir=items)
    with pytest.raises(InputError):
        apply_update(bad, station.data_dir, root)
    ctx = open_context(station.data_dir)
    assert ctx.catalog.get(item["code"]).name == shipped_name
    ctx.close()
    shutil.rmtree(items)


def test_make_update_tool_signs_a_package_the_station_accepts(station, key, tmp_path):
    import subprocess

    items = tmp_path / "items"
    items.mkdir()
    shipped = next((assets_dir() / "catalog" / "items").glob("*.json"))
    shutil.copy(shipped, items / shipped.name)
    out = tmp_path / "catalog.kupd"
    res = subprocess.run(
        [
            sys.executable,
            "installer/make_update.py",
            "--key",
            str(tmp_path / "release" / "hub-signing.key"),
            "--catalog",
            str(items),
            "--catalog-version",
            "2027.1",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=60,
    )
    assert res.returncode == 0, res.stderr
    pkg = open_package(out, trust.trusted_keys(station.data_dir))
    assert pkg.has_catalog and pkg.app_version is None
    assert pkg.manifest["catalog_version"] == "2027.1"


def test_second_update_is_backed_up_by_the_running_update_and_old_ones_pruned(
    station, root, key, tmp_path
):
    station.close()
    for version in ("0.2.0", "0.3.0", "0.4.0"):
        app = fake_version(tmp_path / "build" / version, GOOD)
        pkg = make_pkg(tmp_path, key, f"{version}.kupd", app_dir=app, app_version=version)
        apply_update(pkg, station.data_dir, root)
    state = root.load()
    assert (state.current, state.previous) == ("0.4.0", "0.3.0")
    assert root.installed() == ["0.3.0", "0.4.0"]  # 0.2.0 pruned
    # the version that was running (0.3.0) made the backup before 0.4.0 went in
    ran = (root.versions / "0.3.0" / "ran.txt").read_text()
    assert "backup --out" in ran and "update selfcheck" in ran
    assert rollback(station.data_dir, root)["current"] == "0.3.0"
    with pytest.raises(InputError):
        rollback(station.data_dir, root)  # one step back only: 0.2.0 is gone

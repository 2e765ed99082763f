"""The PyInstaller bundle and the .deb, run the way a village PC runs them.

The bundle is built once per source hash (cached under build/bundle/, a few minutes the
first time) and started with an empty environment (``env -i``: no venv, no PYTHONPATH),
offscreen, in a fresh home directory: it provisions itself from a provisioning file, files
and syncs an application against a real hub, prints a receipt and starts its GUI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from hub.provision import issue
from kiosk.demo import DEMO_STATION_CODE, demo_residents
from tests.conftest import PENSION
from tests.support.authority import authority_key
from tests.support.pdf import fonts as pdf_fonts
from tests.support.pdf import text as pdf_text

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installer"))
sys.path.insert(0, str(ROOT / "installer" / "linux"))

needs_secret_service = pytest.mark.skipif(
    os.environ.get("KIOSK_TEST_SECRET_SERVICE") != "1",
    reason="the bundle keeps its keys in the OS keyring: run through ./dev test",
)


@pytest.fixture(scope="module")
def bundle() -> Path:
    from build_bundle import build

    return build("kiosk")


def clean_env(home: Path) -> dict[str, str]:
    """What `env -i` leaves, plus what a desktop session provides."""
    env = {
        "HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
        "PATH": "/usr/bin:/bin",
    }
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        env["DBUS_SESSION_BUS_ADDRESS"] = os.environ["DBUS_SESSION_BUS_ADDRESS"]
    return env


def test_bundle_is_self_contained(bundle):
    internal = bundle / "_internal"
    assert (bundle / "kiosk").is_file() and os.access(bundle / "kiosk", os.X_OK)
    # what the app loads from files at run time travels with it
    assert (internal / "kiosk" / "store" / "migrations" / "env.py").is_file()
    assert list((internal / "kiosk" / "store" / "migrations" / "versions").glob("0001_*.py"))
    assert (internal / "assets" / "catalog" / "item.schema.json").is_file()
    assert (internal / "assets" / "translations" / "kiosk_en.qm").is_file()
    assert (internal / "assets" / "fonts" / "wqy-microhei.ttc").is_file()
    qt = internal / "PySide6" / "Qt"
    for plugin in ("platforms/libqxcb.so", "platforms/libqoffscreen.so"):
        assert (qt / "plugins" / plugin).is_file(), plugin
    assert list((qt / "plugins" / "printsupport").glob("*.so"))
    assert list((qt / "plugins" / "imageformats").glob("*jpeg*"))
    assert (qt / "lib" / "libQt6Pdf.so.6").exists()
    assert (internal / "pypinyin" / "pinyin_dict.json").is_file()  # read by the search index
    # and what it must not carry
    names = {p.name for p in internal.rglob("*")}
    for unwanted in (
        "libQt6WebEngineCore.so.6",
        "libQt6Qml.so.6",
        "libQt6Quick.so.6",
        "libgtk-3.so.0",
        "libX11.so.6",
        "libcups.so.2",
        "tkinter",
        "_pytest",
        "phrases_dict.json",  # pypinyin's phrase dictionary: the app never imports pypinyin
    ):
        assert unwanted not in names, unwanted
    info = json.loads((internal / "build-info.json").read_text())
    assert info["version"] and info["source_hash"]


@needs_secret_service
def test_fresh_station_provisions_files_syncs_prints_and_starts(bundle, hub, tmp_path):
    usb = tmp_path / "usb"
    issued = issue(
        hub.service,
        station_code=DEMO_STATION_CODE,
        station_name="示范村代办点",
        hub_url=hub.url,
        out=usb / "station.kprov",
        key_path=authority_key(tmp_path / "hubdata" / "hub-signing.key"),  # shipped test key
    )
    home = tmp_path / "home"
    work = tmp_path / "work"
    home.mkdir()
    work.mkdir()
    env = clean_env(home)

    def kiosk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(bundle / "kiosk"), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            cwd=work,
            timeout=180,
        )

    r = kiosk("setup", "--from", str(usb / "station.kprov"), "--json", stdin="WRONG-PASS\n")
    assert r.returncode == 2 and "口令不对" in r.stderr
    r = kiosk(
        "setup", "--from", str(usb / "station.kprov"), "--json", stdin=issued.passphrase + "\n"
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["station"] == DEMO_STATION_CODE
    data_dir = home / ".local" / "share" / "village-kiosk"  # the platform default, in $HOME
    assert (data_dir / "kiosk.sqlite3").is_file()
    assert "device-token" not in (data_dir / "settings.toml").read_text()

    tech = ("--agent", "tech")  # the first account is the station's technician
    assert kiosk("agent", "add", "tech", "--role", "technician", stdin="246810\n").returncode == 0
    r = kiosk("agent", "add", "li", "--role", "agent", *tech, stdin="246810\n135790\n")
    assert r.returncode == 0, r.stderr
    resident = demo_residents()[2]  # 张𠮷: a rare character the fallback font must print
    (work / "data.json").write_text(json.dumps(resident, ensure_ascii=False), "utf-8")
    r = kiosk(
        "apply",
        "--item",
        PENSION,
        "--data",
        "data.json",
        "--agent",
        "li",
        "--json",
        stdin="135790\n",
    )
    assert r.returncode == 0, r.stderr
    app_id = json.loads(r.stdout)["id"]
    r = kiosk("sync", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["created"] == 1
    assert hub.service.stats()["cases"] == 1

    r = kiosk("print", "receipt", app_id, "--out", "receipt.pdf", "--agent", "li", stdin="135790\n")
    assert r.returncode == 0, r.stderr
    text = pdf_text(work / "receipt.pdf")
    case_no = json.loads(kiosk("queue", "--json").stdout)[0]["case_no"]
    assert case_no and case_no in text
    assert resident["id_number"] not in text
    # 𠮷 is drawn from the (subset) fallback font, embedded. (pdftotext shows it as U+20BB:
    # reportlab's ToUnicode map truncates characters outside the BMP; the glyph is right.)
    embedded = {f["name"].split("+")[-1]: f["emb"] for f in pdf_fonts(work / "receipt.pdf")}
    assert embedded.get("LXGWWenKai-Regular") == "yes", embedded

    r = kiosk("gui", "--login-check")  # the workspace's own start, to its painted login
    assert r.returncode == 0 and "login painted" in r.stdout, r.stderr

    r = kiosk("update", "selfcheck", "--json")
    assert r.returncode == 0, r.stderr
    check = json.loads(r.stdout)
    assert check["ok"] and check["checks"]["gui"]["platform"] == "offscreen"
    assert check["checks"]["keyring"]["ok"] and check["checks"]["database"]["ok"]

    r = kiosk("doctor", "--bundle", "diag.zip")
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(work / "diag.zip") as zf:
        blob = b"".join(zf.read(n) for n in zf.namelist())
        assert json.loads(zf.read("versions.json"))["frozen"] is True
    assert resident["id_number"].encode() not in blob and resident["phone"].encode() not in blob

    # an offline catalog update from USB, signed by the hub that provisioned the station
    from kiosk.deploy import signing
    from kiosk.deploy.update_package import build_package

    items = tmp_path / "items"
    items.mkdir()
    item = json.loads(next((ROOT / "assets/catalog/items").glob("*.json")).read_text("utf-8"))
    item["name"] += "（新版）"
    (items / f"{item['code']}.json").write_text(json.dumps(item, ensure_ascii=False), "utf-8")
    key = signing.load_or_create_key(tmp_path / "hubdata" / "hub-signing.key")
    pkg = build_package(usb / "catalog.kupd", key, catalog_dir=items, catalog_version="2027.1")
    env["KIOSK_APP_ROOT"] = str(tmp_path / "app-root")
    tampered = usb / "tampered.kupd"
    with zipfile.ZipFile(pkg) as zin, zipfile.ZipFile(tampered, "w") as zout:
        for name in zin.namelist():  # same manifest and signature, one item edited
            data = zin.read(name)
            zout.writestr(name, data.replace("（新版）".encode(), "（改版）".encode()))
    r = kiosk("update", "apply", str(tampered), *tech, stdin="246810\n")
    assert r.returncode == 2 and "更新包已拒绝" in r.stderr
    r = kiosk("update", "apply", str(pkg), "--json", *tech, stdin="246810\n")
    assert r.returncode == 0, r.stderr
    assert (data_dir / "catalog" / "items" / f"{item['code']}.json").exists()
    assert list((data_dir / "backups").glob("pre-update-*.kbak"))
    r = kiosk("update", "selfcheck", "--no-gui", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["ok"], r.stderr

    r = kiosk("demo", "--out", "demo-out")
    assert r.returncode == 2 and "演示模式" in r.stderr


def test_deb_package(bundle, tmp_path):
    from build_deb import RUNTIME_DEPENDS, build_deb, system_needs

    if shutil.which("dpkg-deb") is None:
        pytest.skip("not a Debian system")
    deb = build_deb(bundle, tmp_path, "gzip", 1)
    info = subprocess.run(
        ["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    fields = dict(line.split(": ", 1) for line in info.splitlines() if ": " in line)
    assert fields["Package"] == "village-kiosk"
    depends = [d.split(" (")[0] for d in fields["Depends"].split(", ")]
    # every library the bundle needs from the system is declared, and the names are real
    needs = system_needs(bundle)
    assert not needs.missing
    assert needs.packages - {"libc6"} <= set(depends)
    for expected in ("libc6", "libxcb-cursor0", "libfontconfig1", "libcups2", *RUNTIME_DEPENDS):
        assert expected in depends, expected
    for pkg in depends:
        status = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True, text=True
        ).stdout
        assert "ok installed" in status, f"{pkg} is not a package installed here"
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    for path in (
        "./opt/village-kiosk/kiosk",
        "./usr/bin/kiosk",
        "./usr/share/applications/village-kiosk.desktop",
        "./usr/share/village-kiosk/autostart/village-kiosk-kiosk-mode.desktop",
        "./usr/bin/village-kiosk-autostart",
    ):
        assert path in listing, path
    assert " root/root " in listing
    if os.geteuid() == 0:  # would it install here? (no-act: nothing is changed)
        res = subprocess.run(["dpkg", "--dry-run", "-i", str(deb)], capture_output=True, text=True)
        assert res.returncode == 0, res.stderr
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    home = tmp_path / "home"
    home.mkdir()
    res = subprocess.run(
        [str(root / "opt/village-kiosk/kiosk"), "--version"],
        capture_output=True,
        text=True,
        env=clean_env(home),
        timeout=60,
    )
    assert res.returncode == 0 and res.stdout.strip() == fields["Version"]
    desktop = root / "usr/share/village-kiosk/autostart/village-kiosk-kiosk-mode.desktop"
    assert "Exec=kiosk gui --kiosk-mode" in desktop.read_text()
    validator = shutil.which("desktop-file-validate")
    if validator:
        for entry in (desktop, root / "usr/share/applications/village-kiosk.desktop"):
            res = subprocess.run([validator, str(entry)], capture_output=True, text=True)
            assert res.returncode == 0, res.stdout + res.stderr
    # the autostart switch installs and removes the entry for one user
    env = dict(clean_env(home), XDG_CONFIG_HOME=str(home / ".config"))
    script = (
        (root / "usr/bin/village-kiosk-autostart")
        .read_text()
        .replace("/usr/share/village-kiosk", str(root / "usr/share/village-kiosk"))
    )
    (tmp_path / "autostart").write_text(script)
    assert subprocess.run(["sh", str(tmp_path / "autostart"), "on"], env=env).returncode == 0
    assert (home / ".config/autostart/village-kiosk-kiosk-mode.desktop").exists()
    assert subprocess.run(["sh", str(tmp_path / "autostart"), "off"], env=env).returncode == 0
    assert not (home / ".config/autostart/village-kiosk-kiosk-mode.desktop").exists()

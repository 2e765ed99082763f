"""Issue 16, point 5 (the parts about packages and trust files): catalog packages only go
forward; archive member names are refused if absolute on any platform (``app/C:/x`` was
accepted); the pinned key list is written 0600 in a 0700 folder and refused when another
account could have edited it."""

from __future__ import annotations

import json
import os
import stat
import zipfile

import pytest

from kiosk.core.errors import InputError
from kiosk.deploy import signing, trust
from kiosk.deploy.update_package import _safe
from kiosk.deploy.updater import apply_update
from kiosk.paths import assets_dir
from tests.installer.test_updates import key, make_pkg, root, snapshot, station  # noqa: F401


@pytest.mark.parametrize(
    "name",
    [
        "app/C:/x",
        "app/c:x",
        "C:/app/x",
        "C:app/x",
        "/app/x",
        "//server/share/app/x",
        "\\\\server\\share\\app\\x",
        "app\\..\\..\\x",
        "app/../x",
        "app/x:stream",
        "app/x\x00.dll",
        "catalog/items/../../x.json",
    ],
)
def test_member_names_that_escape_on_any_platform_are_refused(name):
    assert not _safe(name)


@pytest.mark.parametrize("name", ["app/kiosk", "app/_internal/lib.so", "catalog/items/a.json"])
def test_ordinary_member_names_are_accepted(name):
    assert _safe(name)


def catalog_dir(tmp_path, suffix):
    items = tmp_path / f"catalog-{suffix}"
    items.mkdir()
    shipped = next((assets_dir() / "catalog" / "items").glob("*.json"))
    item = json.loads(shipped.read_text("utf-8"))
    item["name"] += suffix
    (items / shipped.name).write_text(json.dumps(item, ensure_ascii=False), "utf-8")
    return items, item["code"]


def test_an_older_signed_catalog_cannot_roll_the_catalog_back(station, root, key, tmp_path):  # noqa: F811
    from kiosk.context import open_context

    station.close()
    newer, code = catalog_dir(tmp_path, "（2027.2版）")
    older, _ = catalog_dir(tmp_path, "（2027.1版）")
    apply_update(
        make_pkg(tmp_path, key, "new.kupd", catalog_dir=newer, catalog_version="2027.2"),
        station.data_dir,
        root,
    )
    before = snapshot(station.data_dir)
    for version, folder in (("2027.1", older), ("2027.2", newer), ("", older)):
        pkg = make_pkg(
            tmp_path, key, f"old-{version}.kupd", catalog_dir=folder, catalog_version=version
        )
        with pytest.raises(InputError) as err:
            apply_update(pkg, station.data_dir, root)
        assert "旧目录不能覆盖新目录" in err.value.zh
    ctx = open_context(station.data_dir)
    try:
        assert ctx.catalog.get(code).name.endswith("（2027.2版）")
    finally:
        ctx.close()
    assert snapshot(station.data_dir) == before
    assert not list((station.data_dir / "backups").glob("pre-update-*-to-catalog.kbak"))[1:]


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_trust_files_are_private_and_an_edited_one_is_refused(station, root, key, tmp_path):  # noqa: F811
    path = station.data_dir / trust.PINNED_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    station.close()
    os.chmod(path, 0o666)  # another account could have put its own key in
    pkg = make_pkg(tmp_path, key, "x.kupd", catalog_dir=catalog_dir(tmp_path, "x")[0])
    with pytest.raises(trust.TrustFileUnsafe):
        apply_update(pkg, station.data_dir, root)
    os.chmod(path, 0o600)
    os.chmod(path.parent, 0o777)
    with pytest.raises(trust.TrustFileUnsafe):
        trust.pinned_keys(station.data_dir)


def test_a_package_listing_a_drive_letter_path_is_refused(station, root, key, tmp_path):  # noqa: F811
    from kiosk.deploy.update_package import open_package

    pkg = make_pkg(tmp_path, key, "app.kupd", catalog_dir=catalog_dir(tmp_path, "y")[0])
    evil = tmp_path / "evil.kupd"
    with zipfile.ZipFile(pkg) as zin, zipfile.ZipFile(evil, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["files"][0]["path"] = "app/C:/Windows/evil.dll"
                data = json.dumps(manifest).encode()
            zout.writestr(info, data)
    with pytest.raises(InputError):
        open_package(evil, {signing.public_bytes(key.public_key())})


def test_the_shipped_key_is_the_marked_demo_test_key():
    folder = assets_dir() / "trust"
    [pub] = sorted(folder.glob("*.pub"))
    text = pub.read_text("utf-8")
    assert "DEMO / TEST KEY" in text and "NOT A PROVINCE'S KEY" in text
    from tests.support.authority import KEY

    private = signing.load_or_create_key(KEY)
    assert trust.shipped_keys() == {signing.public_bytes(private.public_key())}

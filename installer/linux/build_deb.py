"""Build the Debian package from the PyInstaller bundle:  ./dev deb  (or python -m …).

    /opt/village-kiosk/                  the one-folder bundle
    /usr/bin/kiosk                       wrapper → /opt/village-kiosk/kiosk
    /usr/bin/village-kiosk-autostart     turn the self-service (kiosk mode) autostart on/off
    /usr/share/applications/…            desktop entry (agent workspace)
    /usr/share/village-kiosk/autostart/… autostart entry for kiosk mode (`kiosk gui --kiosk-mode`)

The station's data stays in the user's home (~/.local/share/village-kiosk, platformdirs).
``Depends`` is computed from the bundle itself: every shared library that the bundle's ELF
files need and do not carry is looked up with ``dpkg -S``, and libc6 gets the highest
GLIBC symbol version any of them uses.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PACKAGE = "village-kiosk"
PREFIX = Path("opt") / PACKAGE
# Needed at run time but never linked (dlopen'd or executed), so ldd cannot see them.
RUNTIME_DEPENDS = ["libegl1", "libgl1", "libxkbcommon-x11-0", "libxcb-cursor0", "fontconfig"]
WRAPPER = """#!/bin/sh
exec /opt/village-kiosk/kiosk "$@"
"""


def _is_elf(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"\x7fELF"
    except OSError:
        return False


@dataclass(frozen=True)
class SystemNeeds:
    packages: set[str]
    glibc: str
    missing: set[str]


def _owners(paths: set[str]) -> set[str]:
    """The packages that own ``paths`` (one dpkg -S call; /lib and /usr/lib both tried)."""
    variants: dict[str, str] = {}
    for path in paths:
        for p in {path, str(Path(path).resolve())}:
            variants[p] = path
            variants[p[4:] if p.startswith("/usr/") else "/usr" + p] = path
    res = subprocess.run(["dpkg", "-S", *sorted(variants)], capture_output=True, text=True)
    owners: dict[str, str] = {}
    for line in res.stdout.splitlines():
        pkgs, _, owned = line.partition(": ")
        if owned in variants:
            owners[variants[owned]] = pkgs.split(",")[0].split(":")[0].strip()
    unowned = paths - set(owners)
    if unowned:
        raise RuntimeError(f"no Debian package owns {', '.join(sorted(unowned))}")
    return set(owners.values())


def system_needs(bundle: Path) -> SystemNeeds:
    bundle = bundle.resolve()
    elves = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink() and _is_elf(p)]
    lib_dirs = sorted({str(p.parent) for p in elves if ".so" in p.name})
    env = {"LD_LIBRARY_PATH": ":".join(lib_dirs), "PATH": "/usr/bin:/bin"}
    outside: set[str] = set()
    missing: set[str] = set()
    glibc = (2, 17)
    for elf in elves:
        dyn = subprocess.run(["readelf", "-d", "-W", str(elf)], capture_output=True, text=True)
        direct = set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dyn.stdout))
        res = subprocess.run(["ldd", str(elf)], capture_output=True, text=True, env=env)
        for line in res.stdout.splitlines():
            m = re.match(r"\s*(\S+) => (not found|(/\S+))", line)
            if not m or m.group(1) not in direct:
                continue  # what the bundle's own libraries need is declared, not their deps
            if m.group(2) == "not found":
                missing.add(m.group(1))
            elif not m.group(3).startswith(str(bundle)):
                outside.add(m.group(3))
        ver = subprocess.run(["readelf", "-V", "-W", str(elf)], capture_output=True, text=True)
        for found in re.findall(r"Name: GLIBC_(\d+)\.(\d+)", ver.stdout):
            glibc = max(glibc, (int(found[0]), int(found[1])))
    return SystemNeeds(_owners(outside) if outside else set(), f"{glibc[0]}.{glibc[1]}", missing)


def depends_line(needs: SystemNeeds) -> str:
    names = sorted((needs.packages | set(RUNTIME_DEPENDS)) - {"libc6"})
    return ", ".join([f"libc6 (>= {needs.glibc})", *names])


def _version(bundle: Path) -> str:
    import json

    info = bundle / "_internal" / "build-info.json"
    return str(json.loads(info.read_text("utf-8"))["version"])


def _size_kb(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) // 1024


def build_deb(bundle: Path, out_dir: Path, compression: str = "xz", level: int = 6) -> Path:
    needs = system_needs(bundle)
    if needs.missing:
        raise RuntimeError(
            "the bundle needs libraries this build machine lacks (install them, e.g. via "
            f"scripts/debian-run.txt): {', '.join(sorted(needs.missing))}"
        )
    version = _version(bundle)
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="deb-") as tmp:
        stage = Path(tmp) / "root"
        shutil.copytree(bundle, stage / PREFIX, symlinks=True)
        bin_dir = stage / "usr" / "bin"
        bin_dir.mkdir(parents=True)
        (bin_dir / "kiosk").write_text(WRAPPER)
        (bin_dir / "kiosk").chmod(0o755)
        shutil.copy2(HERE / "village-kiosk-autostart", bin_dir / "village-kiosk-autostart")
        share = stage / "usr" / "share"
        (share / "applications").mkdir(parents=True)
        shutil.copy2(HERE / "village-kiosk.desktop", share / "applications")
        (share / PACKAGE / "autostart").mkdir(parents=True)
        shutil.copy2(HERE / "village-kiosk-kiosk-mode.desktop", share / PACKAGE / "autostart")
        icons = share / "icons" / "hicolor" / "scalable" / "apps"
        icons.mkdir(parents=True)
        shutil.copy2(HERE / "village-kiosk.svg", icons)
        doc = share / "doc" / PACKAGE
        doc.mkdir(parents=True)
        notices = [
            "village-kiosk: Apache-2.0.\n",
            *(p.read_text("utf-8") for p in sorted((ROOT / "assets" / "fonts").glob("*.txt"))),
        ]
        (doc / "copyright").write_text("\n\n".join(notices), "utf-8")
        control = (HERE / "control.in").read_text("utf-8")
        control = (
            control.replace("@VERSION@", version)
            .replace("@ARCH@", arch)
            .replace("@SIZE_KB@", str(_size_kb(stage)))
            .replace("@DEPENDS@", depends_line(needs))
        )
        (stage / "DEBIAN").mkdir()
        (stage / "DEBIAN" / "control").write_text(control, "utf-8")
        for path in stage.rglob("*"):  # no group/other write bits, whatever the umask was
            if not path.is_symlink():
                path.chmod(path.stat().st_mode & 0o755)
        out_dir.mkdir(parents=True, exist_ok=True)
        out = out_dir / f"{PACKAGE}_{version}_{arch}.deb"
        subprocess.run(
            [
                "dpkg-deb",
                "--root-owner-group",
                f"-Z{compression}",
                f"-z{level}",
                "--build",
                str(stage),
                str(out),
            ],
            check=True,
            capture_output=True,
        )
    return out


def main() -> int:
    sys.path.insert(0, str(ROOT / "installer"))
    from build_bundle import build

    parser = argparse.ArgumentParser(prog="build_deb")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--fast", action="store_true", help="gzip -1 (tests), not xz -6")
    args = parser.parse_args()
    bundle = build("kiosk")
    deb = build_deb(bundle, args.out, *(("gzip", 1) if args.fast else ("xz", 6)))
    print(deb)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

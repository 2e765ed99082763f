"""What a PyInstaller one-folder bundle is made of: bytes per component, for the bundle bench.

A component is a Qt library (``Qt6Pdf``), a Qt plugin folder, Qt's translations, the PySide6
bindings, the Python runtime, a package's native or data files (``cryptography``, ``PIL``,
``pypinyin``), the app's assets (fonts apart), and, inside the executable's module archive
(PYZ), the compiled Python of each top-level package (``py:sqlalchemy``).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

_QT_LIB = re.compile(r"^(?:lib)?(Qt6\w+?)(?:\.abi3)?\.(?:so|dll)")


def component_of(rel: str) -> str:
    """The component a file of the bundle belongs to, by its path inside the bundle."""
    parts = PurePosixPath(rel.replace("\\", "/")).parts
    if parts and parts[0] == "_internal":
        parts = parts[1:]
    if not parts:
        return "?"
    top, name = parts[0], parts[-1]
    if top == "PySide6":
        if "plugins" in parts:
            return f"Qt plugins: {parts[parts.index('plugins') + 1]}"
        if "translations" in parts:
            return "Qt translations"
        if "resources" in parts:
            return "Qt resources"
        if (m := _QT_LIB.match(name)) and ("lib" in parts or "bin" in parts or len(parts) == 2):
            if len(parts) == 2 and not name.startswith(("lib", "Qt6")):
                return "PySide6 bindings"
            return f"Qt lib: {m.group(1)}"
        return "PySide6 bindings"
    if top.startswith(("libpython", "python3", "base_library")) or top == "lib-dynload":
        return "Python runtime"
    if top == "assets":
        return "assets: fonts" if len(parts) > 1 and parts[1] == "fonts" else "assets: other"
    if top.endswith((".libs", ".dylibs")):  # auditwheel's vendored libraries
        top = top.split(".")[0].removesuffix("-")
    top = re.split(r"[.-]", top)[0] or top
    return {"pillow": "PIL"}.get(top, top)


def component_sizes(folder: Path) -> dict[str, int]:
    """Bytes per component of the files under ``folder`` (symlinks not counted twice)."""
    out: dict[str, int] = {}
    for path in folder.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        rel = path.relative_to(folder).as_posix()
        key = component_of(rel)
        out[key] = out.get(key, 0) + path.stat().st_size
    return out


def pyz_sizes(executable: Path) -> dict[str, int]:
    """Compressed bytes per top-level package in the executable's module archive ("py:…"),
    and the rest of the executable (the bootloader) as "executable"."""
    from PyInstaller.archive.readers import CArchiveReader

    total = executable.stat().st_size
    out: dict[str, int] = {}
    carchive = CArchiveReader(str(executable))
    pyz = next((n for n in carchive.toc if n.endswith(".pyz")), None)
    if pyz is None:
        return {"executable": total}
    archive = carchive.open_embedded_archive(pyz)
    counted = 0
    for name, entry in archive.toc.items():
        length = int(entry[2])
        key = "py:" + name.split(".")[0]
        out[key] = out.get(key, 0) + length
        counted += length
    out["executable"] = total - counted
    return out


def bundle_table(folder: Path, executable: Path | None = None) -> dict[str, int]:
    """Every component of a bundle; the executable broken down by its module archive."""
    sizes = component_sizes(folder)
    if executable is not None and executable.is_file():
        rel_key = component_of(executable.relative_to(folder).as_posix())
        sizes[rel_key] = sizes.get(rel_key, 0) - executable.stat().st_size
        if sizes[rel_key] <= 0:
            del sizes[rel_key]
        for key, n in pyz_sizes(executable).items():
            sizes[key] = sizes.get(key, 0) + n
    return sizes


def compare(kiosk: dict[str, int], hello: dict[str, int], top: int = 40) -> list[str]:
    """Rows "component  kiosk MB  hello MB  extra MB", biggest difference first."""
    keys = sorted(set(kiosk) | set(hello), key=lambda k: kiosk.get(k, 0) - hello.get(k, 0))
    rows = []
    for key in reversed(keys):
        k, h = kiosk.get(key, 0), hello.get(key, 0)
        if max(k, h) < 50_000:
            continue
        rows.append(f"{key:36} {k / 1e6:7.2f} {h / 1e6:7.2f} {(k - h) / 1e6:+7.2f}")
    return rows[:top]

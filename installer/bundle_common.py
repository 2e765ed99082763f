"""What the kiosk bundle and the hello-world baseline share, so both are built the same way.

Imported by the ``.spec`` files (PyInstaller executes them with ``SPECPATH`` set).
"""

from __future__ import annotations

import fnmatch
import json
import sys
from pathlib import Path, PurePosixPath
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# Qt plugin folders a village PC can use. Everything else (eglfs, VNC, Wayland compositor,
# QML tooling, SQL drivers, TLS backends …) is dropped from the bundle.
QT_PLUGIN_KEEP = {
    # X11 (xcb), headless (offscreen, minimal) and Windows. Wayland sessions use XWayland.
    "platforms": ["libqxcb.so", "libqoffscreen.so", "libqminimal.so", "qwindows*", "qoffscreen*"],
    "platformthemes": ["*xdgdesktopportal*"],  # not gtk3: it drags GTK into the bundle
    # ibus / compose: Chinese input methods (fcitx5 speaks ibus). Not Qt's virtual keyboard:
    # it is QML (drags in QtQuick); self-service mode has its own on-screen keypad.
    "platforminputcontexts": ["*ibus*", "*compose*"],
    "xcbglintegrations": ["*"],
    "imageformats": ["*"],
    "iconengines": ["*"],
    "printsupport": ["*"],
    "styles": ["*"],
}
# Qt libraries only the dropped plugins need.
QT_LIBS_DROP = [
    "libQt6EglFS*",
    "libQt6EglFsKms*",
    "libQt6Wayland*",
    "libQt6WlShell*",
    "libQt6VirtualKeyboard*",
    "libQt6Qml*",
    "libQt6Quick*",
]
# On Linux the desktop stack (X11/xcb, fontconfig, D-Bus, CUPS, EGL/GL …) comes from the
# system, so it matches the PC's graphics and printing; the .deb declares it (Depends).
# The bundle keeps only what Python's own runtime links against.
LINUX_SYSTEM_DIRS = ("/lib/", "/usr/lib/", "/lib64/", "/usr/lib64/")
LINUX_KEEP_SYSTEM = [
    "libssl.so*",
    "libcrypto.so*",
    "libsqlite3.so*",
    "libffi.so*",
    "libz.so*",
    "libbz2.so*",
    "liblzma.so*",
    "libexpat.so*",
    "libuuid.so*",
    "libmpdec.so*",
]

# Qt's own translations: only Chinese (the UI's language); English needs none.
QT_TRANSLATIONS_KEEP = ["qtbase_zh_CN.qm", "qt_zh_CN.qm", "qt_help_zh_CN.qm"]

# Data files of packages the app reads only in part. pypinyin: the station reads the
# character dictionary's JSON itself (kiosk/core/pinyin.py) and never imports the package,
# so its phrase dictionary (2.5 MB) and type stubs stay out.
DATA_DROP = ["pypinyin/phrases_dict.json", "pypinyin/*.pyi", "pypinyin/*/*.pyi"]

# Python modules never used at run time (tests, tooling, unused Qt modules).
EXCLUDES = [
    "tkinter",
    "_tkinter",
    "unittest",
    "test",
    "idlelib",
    "lib2to3",
    "pydoc_data",
    "setuptools",
    "pkg_resources",
    "pip",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "schemathesis",
    "mypy",
    "IPython",
    "psycopg",
    "psycopg_binary",
    "sqlalchemy.testing",
    "yaml",
    # the embedded demo hub (kiosk gui --demo, kiosk demo) stays in the source install: a field
    # station talks to the provincial hub, it does not run one
    "hub",
    "kiosk.demo",
    "fastapi",
    "starlette",
    "uvicorn",
    # (pydantic stays: the station reads the hub's answers with kiosk/protocol/models.py)
    "click",
    "pygments",
    "rich",
    "markdown_it",
    "requests",
    "charset_normalizer",
    # Pillow: text rendering and colour management are never used (receipts are reportlab)
    "PIL._imagingft",
    "PIL._imagingcms",
    "PIL.AvifImagePlugin",
    "PIL._avif",
    "PIL.ImageTk",
    "PIL.ImageQt",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.Qt3DCore",
    "PySide6.QtMultimedia",
    "PySide6.QtNetwork",
    "PySide6.QtSql",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtXml",
    "PySide6.QtSvg",
    "PySide6.QtDBus",
    "PySide6.QtConcurrent",
]


def _plugin_allowed(dest: str) -> bool:
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if "plugins" not in parts:
        return True
    i = parts.index("plugins")
    if len(parts) < i + 3 or parts[i - 1] != "Qt":
        return True
    folder, name = parts[i + 1], parts[-1]
    patterns = QT_PLUGIN_KEEP.get(folder, [])  # plugin folders not listed are dropped
    return any(fnmatch.fnmatch(name, p) for p in patterns)


def _translation_allowed(dest: str) -> bool:
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if len(parts) >= 2 and parts[-2] == "translations" and "Qt" in parts:
        return parts[-1] in QT_TRANSLATIONS_KEEP
    return True


def _data_allowed(dest: str) -> bool:
    path = PurePosixPath(dest.replace("\\", "/"))
    return not any(path.match(p) for p in DATA_DROP)


def _binary_allowed(dest: str, src: str) -> bool:
    name = PurePosixPath(dest.replace("\\", "/")).name
    if any(fnmatch.fnmatch(name, p) for p in QT_LIBS_DROP):
        return False
    if sys.platform.startswith("linux") and src.startswith(LINUX_SYSTEM_DIRS):
        return any(fnmatch.fnmatch(name, p) for p in LINUX_KEEP_SYSTEM)
    return True


def trim(toc: Any) -> Any:
    """Drop unused Qt plugins, translations, package data and system libraries from a
    PyInstaller TOC."""
    return [
        e
        for e in toc
        if _plugin_allowed(e[0])
        and _translation_allowed(e[0])
        and _data_allowed(e[0])
        and _binary_allowed(e[0], str(e[1] or ""))
    ]


STRIP = sys.platform.startswith("linux")  # debug symbols (libpython alone: 23 MB → 5 MB)


def source_version() -> str:
    text = (ROOT / "kiosk" / "__init__.py").read_text("utf-8")
    for line in text.splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise RuntimeError("no __version__ in kiosk/__init__.py")


def write_build_info(folder: Path, extra: dict[str, str]) -> Path:
    """``build-info.json``: version, source hash and build time, shown by ``kiosk doctor``."""
    import datetime as dt
    import platform

    folder.mkdir(parents=True, exist_ok=True)
    info = {
        "version": source_version(),
        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": sys.platform,
        **extra,
    }
    path = folder / "build-info.json"
    path.write_text(json.dumps(info, indent=2), "utf-8")
    return path


def windows_version_file(folder: Path) -> Path:
    """A VSVersionInfo resource so Explorer shows the product name and version."""
    parts = [*map(int, source_version().split(".")), 0, 0, 0][:4]
    ver = ", ".join(str(p) for p in parts)
    dotted = ".".join(str(p) for p in parts)
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers=({ver}), prodvers=({ver}), mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080404b0', [
      StringStruct('CompanyName', 'Village Kiosk Project'),
      StringStruct('FileDescription', '村级代办 Kiosk'),
      StringStruct('FileVersion', '{dotted}'),
      StringStruct('InternalName', 'kiosk'),
      StringStruct('OriginalFilename', 'kiosk.exe'),
      StringStruct('ProductName', '村级代办 Kiosk'),
      StringStruct('ProductVersion', '{dotted}')])]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])])
  ]
)
"""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "version-info.txt"
    path.write_text(text, "utf-8")
    return path


def subset_fallback_font(fallback: Path, primary: Path, out: Path, primary_index: int = 0) -> Path:
    """The fallback font (kiosk/print/fonts.py FONT_CHAIN) is only used for characters the
    primary font lacks, so the bundle carries only those glyphs (15.7 MB → about 2 MB)."""
    from fontTools import subset
    from fontTools.ttLib import TTCollection, TTFont

    if primary.suffix == ".ttc":
        primary_font = TTCollection(str(primary)).fonts[primary_index]
    else:
        primary_font = TTFont(str(primary))
    primary_cmap = set(primary_font.getBestCmap())
    font = TTFont(str(fallback))
    wanted = sorted(set(font.getBestCmap()) - primary_cmap)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.glyph_names = False
    sub = subset.Subsetter(options)
    sub.populate(unicodes=wanted)
    sub.subset(font)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))
    return out


def staged_assets(work: Path) -> Path:
    """A copy of assets/ for the bundle, with the fallback font subset."""
    import shutil

    target = work / "assets"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT / "assets", target, ignore=shutil.ignore_patterns("*.ts", "__pycache__"))
    fonts = target / "fonts"
    subset_fallback_font(
        ROOT / "assets" / "fonts" / "LXGWWenKai-Regular.ttf",
        ROOT / "assets" / "fonts" / "wqy-microhei.ttc",
        fonts / "LXGWWenKai-Regular.ttf",
    )
    return target

"""docs/design.md §3: Qt stays in kiosk/ui; the UI never talks to the database or network."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


# One scanner for every rule below: every module a file imports, at any depth.
def _type_checking_only(tree: ast.AST) -> set[ast.AST]:
    """The import nodes under ``if TYPE_CHECKING:`` (never run)."""
    skipped: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                skipped.update(ast.walk(child))
    return skipped


def full_imports(path: Path, runtime_only: bool = False) -> set[str]:
    """Every module a file imports, dotted, wherever the import is (a function-level import
    counts); ``from pkg import name`` counts as ``pkg.name`` when that is a module (and as
    ``pkg`` when it is a name defined there: its ``__init__`` is what runs). With
    ``runtime_only``, imports under ``if TYPE_CHECKING:`` are left out."""
    tree = ast.parse(path.read_text("utf-8"))
    skipped = _type_checking_only(tree) if runtime_only else set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if node in skipped:
            continue
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            subs = {f"{node.module}.{a.name}" for a in node.names}
            modules = {m for m in subs if _is_module(m)}
            names.update(modules)
            if modules != subs:  # a name defined in the package or module itself
                names.add(node.module)
    return names


def _is_module(dotted: str) -> bool:
    base = ROOT.joinpath(*dotted.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def top_level_imports(path: Path) -> set[str]:
    """The distributions a file imports (``PySide6``, ``sqlalchemy`` …), at any depth."""
    return {m.split(".")[0] for m in full_imports(path)}


@pytest.mark.parametrize(
    "package",
    [
        "kiosk/core",
        "kiosk/store",
        "kiosk/forms",
        "kiosk/sync",
        "kiosk/print",
        "kiosk/devices",
        "hub",
    ],
)
def test_no_qt_below_the_ui(package):
    offenders = [p for p in (ROOT / package).rglob("*.py") if "PySide6" in top_level_imports(p)]
    assert offenders == []


@pytest.mark.parametrize(
    "package",
    [
        "kiosk/core",
        "kiosk/store",
        "kiosk/forms",
        "kiosk/sync",
        "kiosk/print",
        "kiosk/devices",
        "kiosk/deploy",
    ],
)
def test_nothing_below_the_ui_imports_it(package):
    """Not even inside a function: the GUI probe of ``kiosk update selfcheck`` is handed to
    ``deploy`` by the command, which is a front-end like the UI."""
    offenders = {
        f"{p.relative_to(ROOT)}: {name}"
        for p in (ROOT / package).rglob("*.py")
        for name in full_imports(p)
        if name == "kiosk.ui" or name.startswith("kiosk.ui.")
    }
    assert offenders == set()


def test_ui_does_not_touch_database_or_network():
    banned = {"sqlalchemy", "httpx", "sqlite3"}
    offenders = {
        str(p.relative_to(ROOT)): top_level_imports(p) & banned
        for p in (ROOT / "kiosk/ui").rglob("*.py")
        if top_level_imports(p) & banned
    }
    assert offenders == {}


# What the UI may not hold (docs/architecture.md, "Who may import what"): the station's
# database, cipher, audit log, secrets, blob store and hub clients stay behind services.
UI_BANNED_CONTEXT_ATTRS = {
    "db": "the database",
    "cipher": "the data cipher",
    "audit": "the audit log",
    "secrets": "the secret store",
    "blobs": "the blob store",
    "hub_client": "a hub client",
}
UI_BANNED_MODULES = {
    "kiosk.store.db": "the database",
    "kiosk.store": "the store's tables and files",
    "kiosk.sync.client": "the hub client",
    "kiosk.forms.engine.validate": "form validation (ApplicationService.check validates)",
}
UI_BANNED_NAMES = {"HttpHubClient", "HubClient", "Database", "validate"}


def _is_context(node: ast.expr) -> bool:
    """``ctx``, ``self.ctx``, ``self._ctx``, ``self.window.ctx`` …: the station's AppContext."""
    if isinstance(node, ast.Name):
        return node.id in {"ctx", "_ctx", "context"}
    if isinstance(node, ast.Attribute):
        return node.attr in {"ctx", "_ctx", "context"}
    return False


def _banned_import(module: str | None, name: str) -> str | None:
    """What an import names that the UI may not hold (None: fine)."""
    full = f"{module}.{name}" if module else name
    for banned, what in UI_BANNED_MODULES.items():
        if full == banned or full.startswith(banned + ".") or module == banned:
            return what
    if module and module.startswith("kiosk") and name in UI_BANNED_NAMES:
        return "a station internal"
    return None


def ui_service_bypasses(path: Path, root: Path = ROOT) -> list[str]:
    """Every place ``path`` reaches past the services (``file:line: what``)."""
    rel = path.relative_to(root)
    tree = ast.parse(path.read_text("utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in UI_BANNED_CONTEXT_ATTRS
            and _is_context(node.value)
        ):
            found.append(
                f"{rel}:{node.lineno}: ctx.{node.attr} hands the UI "
                f"{UI_BANNED_CONTEXT_ATTRS[node.attr]}; add a service method and call it"
            )
        elif isinstance(node, ast.Import | ast.ImportFrom):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            for alias in node.names:
                what = _banned_import(module, alias.name)
                if what is not None:
                    full = f"{module}.{alias.name}" if module else alias.name
                    found.append(
                        f"{rel}:{node.lineno}: imports {full} ({what}); the UI calls services"
                    )
    return found


def test_ui_calls_services_only():
    offenders = [
        line for p in sorted((ROOT / "kiosk/ui").rglob("*.py")) for line in ui_service_bypasses(p)
    ]
    assert offenders == [], "\n".join(offenders)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def f(ctx):\n    return ctx.db.read()\n", "x.py:2: ctx.db hands the UI the database"),
        ("def f(self):\n    self.ctx.cipher.encrypt(b'')\n", "x.py:2: ctx.cipher"),
        ("def f(self):\n    return self._ctx.audit\n", "x.py:2: ctx.audit"),
        ("def f(ctx):\n    return ctx.hub_client()\n", "x.py:2: ctx.hub_client"),
        ("from kiosk.store.db import Database\n", "x.py:1: imports kiosk.store.db.Database"),
        ("import kiosk.store.db\n", "x.py:1: imports kiosk.store.db (the database)"),
        ("from kiosk.sync.client import HttpHubClient\n", "x.py:1: imports kiosk.sync.client"),
        ("from kiosk.forms.engine import validate\n", "x.py:1: imports kiosk.forms.engine.val"),
    ],
)
def test_service_bypass_check_finds(tmp_path, source, expected):
    """The check above is not blind: each kind of bypass, in a file of its own, is named
    with its line."""
    path = tmp_path / "x.py"
    path.write_text(source, "utf-8")
    found = ui_service_bypasses(path, tmp_path)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_service_bypass_check_lets_services_through(tmp_path):
    path = tmp_path / "x.py"
    path.write_text(
        "from kiosk.forms.engine import compute_values\n"
        "def f(ctx, view):\n"
        "    ctx.applications.check('x', {})\n"
        "    return view.db, ctx.cases.find(None)\n",
        "utf-8",
    )
    assert ui_service_bypasses(path, tmp_path) == []


# docs/architecture.md, "Who may import what": the hub speaks to stations only through the
# protocol package, validates with the same forms, and reads the same catalog model.
HUB_MAY_IMPORT = (
    "kiosk.protocol",
    "kiosk.forms",
    "kiosk.core.catalog",
    "kiosk.core.implementation_list",
)


def _allowed(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def test_hub_imports_only_protocol_forms_and_catalog():
    offenders = {
        str(p.relative_to(ROOT)): sorted(
            m for m in full_imports(p) if m.startswith("kiosk.") and not _allowed(m, HUB_MAY_IMPORT)
        )
        for p in (ROOT / "hub").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_protocol_depends_on_nothing_else_of_the_station():
    third_party = {"pydantic", "cryptography"}
    offenders = {}
    for p in (ROOT / "kiosk/protocol").rglob("*.py"):
        bad = sorted(
            m
            for m in full_imports(p)
            if not _allowed(m, ("kiosk.protocol",))
            and m.split(".")[0] not in third_party
            and m.split(".")[0] not in sys.stdlib_module_names
        )
        if bad:
            offenders[str(p.relative_to(ROOT))] = bad
    assert offenders == {}


def test_deploy_never_imports_the_ui():
    offenders = {
        str(p.relative_to(ROOT)): sorted(m for m in full_imports(p) if _allowed(m, ("kiosk.ui",)))
        for p in (ROOT / "kiosk/deploy").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_import_circle_check_finds_a_lazy_circle(tmp_path, monkeypatch):
    """A circle closed by an import inside a function is still a circle."""
    pkg = tmp_path / "kiosk" / "core"
    pkg.mkdir(parents=True)
    (tmp_path / "kiosk" / "__init__.py").write_text("", "utf-8")
    (pkg / "__init__.py").write_text("", "utf-8")
    (pkg / "a.py").write_text("from kiosk.core.b import x\n", "utf-8")
    (pkg / "b.py").write_text("def x():\n    from kiosk.core import a\n    return a\n", "utf-8")
    (pkg / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from kiosk.core import a\n",
        "utf-8",
    )
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert _circles(_import_graph(("kiosk",))) == [["kiosk.core.a", "kiosk.core.b"]]


def test_status_events_only_through_the_lifecycle():
    """One writer of status events (kiosk/core/lifecycle.py: apply_transition,
    record_creation, record_raw); no one else builds a StatusEvent or inserts the row."""
    offenders = []
    for path in sorted((ROOT / "kiosk").rglob("*.py")):
        rel = str(path.relative_to(ROOT))
        if rel == "kiosk/core/lifecycle.py" or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "StatusEvent"
            ):
                offenders.append(f"{rel}:{node.lineno}: StatusEvent(...)")
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and "insert into status_event" in node.value.lower()
            ):
                offenders.append(f"{rel}:{node.lineno}: INSERT INTO status_event")
    assert offenders == [], "\n".join(offenders)


def _import_graph(packages: tuple[str, ...]) -> dict[str, set[str]]:
    """Module → the modules of ``packages`` it imports when it runs (at any level: a lazy
    import inside a function still ties the two modules together; ``if TYPE_CHECKING:``
    imports never run and do not)."""
    files = {_module_name(p): p for pkg in packages for p in (ROOT / pkg).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        targets = set()
        for m in full_imports(path, runtime_only=True):
            while m and m not in files:
                m = m.rpartition(".")[0]
            if m and m != name:
                targets.add(m)
        graph[name] = targets
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_circles():
    assert _circles(_import_graph(("kiosk", "hub"))) == []

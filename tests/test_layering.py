"""docs/design.md §3: Qt stays in kiosk/ui; the UI never talks to the database or network."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


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
    offenders = [p for p in (ROOT / package).rglob("*.py") if "PySide6" in imported_modules(p)]
    assert offenders == []


def test_ui_does_not_touch_database_or_network():
    banned = {"sqlalchemy", "httpx", "sqlite3"}
    offenders = {
        str(p.relative_to(ROOT)): imported_modules(p) & banned
        for p in (ROOT / "kiosk/ui").rglob("*.py")
        if imported_modules(p) & banned
    }
    assert offenders == {}


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
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


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

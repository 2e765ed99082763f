"""What every ``kiosk`` subcommand shares: the parser class, output, opening the station."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.core.errors import InputError

if TYPE_CHECKING:  # `kiosk gui` paints its login before the services are imported
    from kiosk.context import AppContext
    from kiosk.core.catalog import Catalog


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"命令参数不正确：{message} / bad arguments: {message}", file=sys.stderr)
        raise SystemExit(2)


def read_secret(prompt_zh: str, prompt_en: str) -> str:
    """The next secret (PIN, passphrase): a hidden prompt on a terminal, else the next line of
    standard input (several secrets: one per line, in the order the command asks for them)."""
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        line = getpass.getpass(f"{prompt_zh} / {prompt_en}: ")
    else:
        line = sys.stdin.readline() if sys.stdin is not None else ""
    line = line.strip()
    if not line:
        raise InputError(f"请从标准输入提供{prompt_zh}。", f"{prompt_en} expected on stdin")
    return line


def emit(args: argparse.Namespace, data: Any, text: Callable[[], str]) -> None:
    print(json.dumps(data, ensure_ascii=False) if args.json else text())


def report_field_errors(args: argparse.Namespace, errors: dict[str, str]) -> None:
    """A refused filing's field errors: as JSON on stdout with ``--json`` (stderr carries the
    one line of the error itself), else one per line on stderr."""
    if args.json:
        print(json.dumps({"errors": errors}, ensure_ascii=False))
    else:
        for key, msg in errors.items():
            print(f"  {key}: {msg}", file=sys.stderr)


def open_ctx(args: argparse.Namespace) -> AppContext:
    from kiosk.context import open_context

    return open_context(args.data_dir)


def station_catalog(args: argparse.Namespace) -> Catalog:
    """The station's catalog (shipped + imported updates): browsing it needs no keyring."""
    from kiosk.core.catalog_bundle import load_catalog
    from kiosk.core.catalog_source import station_prefers_village

    catalog = load_catalog(args.data_dir)
    catalog.prefer_village = station_prefers_village(station_code(args.data_dir))
    return catalog


def station_code(data_dir: Path) -> str:
    """The station's code, read-only with the sqlite3 module: browsing the catalog loads no
    ORM (SQLAlchemy costs a quarter of a second to import) and migrates nothing."""
    import sqlite3

    path = data_dir / "kiosk.sqlite3"  # kiosk.store.db.DB_FILE (not imported: see above)
    if not path.exists():
        return ""
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("select code from station order by id limit 1").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return ""  # not set up yet (no table), or being replaced: no village preference
    return str(row[0]) if row else ""


class Commands:
    """Where each command group (``*_cmds.py``) registers its subcommands: the top-level
    subparsers and the options every subcommand shares (``--data-dir``, ``--json``, ``-v``)."""

    def __init__(self, sub: Any, common: argparse.ArgumentParser) -> None:
        self._sub = sub
        self.common = common

    def add(
        self, name: str, func: Callable[[argparse.Namespace], int], **kw: Any
    ) -> argparse.ArgumentParser:
        """A top-level command: ``kiosk NAME``."""
        return self.add_to(self._sub, name, func, **kw)

    def group(self, name: str, dest: str = "sub", parent: Any = None) -> Any:
        """A command with subcommands (``kiosk NAME SUB``), under ``parent`` if given."""
        parser = (parent or self._sub).add_parser(name, parents=[self.common])
        return parser.add_subparsers(dest=dest, required=True, parser_class=Parser)

    def add_to(
        self, group: Any, name: str, func: Callable[[argparse.Namespace], int], **kw: Any
    ) -> argparse.ArgumentParser:
        """A subcommand of ``group`` (from :meth:`group`)."""
        parser: argparse.ArgumentParser = group.add_parser(name, parents=[self.common], **kw)
        parser.set_defaults(func=func)
        return parser

"""The ``kiosk`` command's arguments (README: which commands need a login). Each command
group registers its own subcommands (``register*`` in ``*_cmds.py``)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.cli import backup_cmds, batch_cmds, catalog_cmds, station_cmds
from kiosk.cli.common import Commands, Parser


def _common(suppress: bool) -> Parser:
    def default(value: Any) -> Any:
        return argparse.SUPPRESS if suppress else value

    common = Parser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        default=default(None),
        help="station data directory (env KIOSK_DATA_DIR)",
    )
    common.add_argument(
        "--json", action="store_true", default=default(False), help="print results as JSON"
    )
    common.add_argument("-v", "--verbose", action="store_true", default=default(False))
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="kiosk", description="村级代办 Kiosk", parents=[_common(False)])
    common = _common(True)  # sub-commands must not reset what was given before them
    parser.add_argument("--version", action="version", version=__version__)
    sub = parser.add_subparsers(dest="cmd", parser_class=Parser)
    cmds = Commands(sub, common)
    station_cmds.register_station(cmds)  # gui, demo, setup
    station_cmds.register_agents(cmds)  # agent …
    catalog_cmds.register(cmds)  # catalog …
    station_cmds.register_desk(cmds)  # apply, queue, sync, print
    backup_cmds.register(cmds)  # backup, restore, update …
    station_cmds.register_upkeep(cmds)  # doctor, audit verify, maintenance
    batch_cmds.register(cmds)  # batch …
    return parser

"""The ``kiosk`` command's arguments (README: which commands need a login). Each command
group registers its own subcommands (``register*`` in ``*_cmds.py``)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.cli.backup_cmds import register as register_backup
from kiosk.cli.batch_cmds import register as register_batch
from kiosk.cli.catalog_cmds import register as register_catalog
from kiosk.cli.common import Commands, Parser
from kiosk.cli.event_cmds import register as register_event
from kiosk.cli.station_cmds import (
    register_agents,
    register_desk,
    register_station,
    register_upkeep,
)


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
    register_station(cmds)  # gui, demo, setup
    register_agents(cmds)  # agent …
    register_catalog(cmds)  # catalog …
    register_desk(cmds)  # apply, queue, sync, print
    register_event(cmds)  # event … (一件事)
    register_backup(cmds)  # backup, restore, update …
    register_upkeep(cmds)  # doctor, audit verify, maintenance
    register_batch(cmds)  # batch …
    return parser

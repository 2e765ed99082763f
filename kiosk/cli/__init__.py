"""The ``kiosk`` command (docs/design.md §6). Exit 0 ok, 2 bad input or refused, 1 other.

One module per group of commands (``station_cmds``, ``catalog_cmds``, ``backup_cmds``,
``batch_cmds``, ``paper_cmds``), each registering its own subcommands and their options
(``register*``, through ``common.Commands``); ``parser`` only lists the groups. Who may run
what is ``auth``. A refused command prints one line on stderr
(Chinese / English); log records go to the log file only (``-v`` also shows them).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from kiosk.cli.parser import build_parser
from kiosk.core.errors import KioskError
from kiosk.core.file_modes import private_process
from kiosk.core.malloc_arenas import limit_malloc_arenas
from kiosk.logs import setup_logging
from kiosk.paths import resolve_data_dir

__all__ = ["build_parser", "main"]

log = logging.getLogger("kiosk.cli")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        args = parser.parse_args(["gui", *(argv or sys.argv[1:])])
    if (
        args.cmd == "gui"
        and args.demo
        and args.data_dir is None
        and not os.environ.get("KIOSK_DATA_DIR")
    ):
        args.data_dir = resolve_data_dir(None).with_name("village-kiosk-demo")
    if args.cmd == "demo":
        args.data_dir = Path(args.out) / "station"
    args.data_dir = resolve_data_dir(args.data_dir)
    private_process()  # what this process writes is its user's only (docs/security.md)
    limit_malloc_arenas()  # before any worker thread: a day of PDF renders stays small
    # the GUI keeps warnings on the console; a command's stderr carries its one message
    setup_logging(args.data_dir, args.verbose, console=args.verbose or args.cmd == "gui")
    try:
        return int(args.func(args))
    except KioskError as exc:
        log.error("%s failed: %s", args.cmd, exc.en)
        print(exc.one_line(), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        log.exception("%s crashed", args.cmd)
        print(
            f"出现意外错误，详情已写入日志。/ unexpected error: {type(exc).__name__}",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    raise SystemExit(main())

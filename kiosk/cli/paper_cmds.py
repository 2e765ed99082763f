"""Commands of the paper trail (technician only): agents' real identities, and provincial
实施清单 imports into the catalog.

    kiosk agent profile wang --real-name 王建国 --id-number 3301… --phone 139… [--service-point …]
    kiosk catalog update --from 实施清单.csv     (or a JSON list; a catalog bundle as before)
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.cli.auth import TECHNICIAN, add_login_options, login
from kiosk.cli.common import Commands, emit, open_ctx
from kiosk.core.agent_identity import AgentProfile


def add_agent_profile(cmds: Commands, agent_sub: Any) -> None:
    p = cmds.add_to(
        agent_sub,
        "profile",
        cmd_agent_profile,
        help="the agent's real name, ID number and phone for paper",
    )
    p.add_argument("name", help="login name")
    p.add_argument("--real-name", required=True)
    p.add_argument("--id-number", required=True)
    p.add_argument("--phone", required=True)
    p.add_argument("--service-point", default="", help="服务点 (default: the station's name)")
    add_login_options(p)


def cmd_agent_profile(args: argparse.Namespace) -> int:
    from kiosk.core.masking import mask_id_number

    ctx = open_ctx(args)
    try:
        who = login(args, ctx, TECHNICIAN)  # what is printed as 受托人 on every 委托书
        assert ctx.agent_profiles is not None
        profile = ctx.agent_profiles.set(
            args.name,
            AgentProfile(args.real_name, args.id_number, args.phone, args.service_point),
            who.actor,
        )
    finally:
        ctx.close()
    shown = {"name": args.name, "real_name": profile.real_name}
    shown |= {"id_number": mask_id_number(profile.id_number), "phone": profile.phone}
    emit(args, shown, lambda: f"已登记 {args.name} 的实名信息：{profile.real_name}")
    return 0


def catalog_update(args: argparse.Namespace, bundle: Callable[[argparse.Namespace], int]) -> int:
    """``kiosk catalog update --from FILE``: a 实施清单 (CSV, or JSON of that format) is
    planned and installed here; anything else goes to ``bundle`` (a catalog bundle)."""
    from kiosk.core.implementation_list import is_implementation_list

    if not args.source or not is_implementation_list(Path(args.source)):
        return bundle(args)
    ctx = open_ctx(args)
    try:
        login(args, ctx, TECHNICIAN)  # it changes what every form asks: a technician's job
    finally:
        ctx.close()
    from kiosk.core.implementation_install import install_list

    plan, version = install_list(Path(args.source), args.data_dir)
    emit(
        args,
        plan.to_json() | {"version": version},
        lambda: "\n".join([*plan.report_lines(), f"事项目录版本 {version}"]),
    )
    return 0

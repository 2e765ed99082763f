"""Who runs a ``kiosk`` command: a PIN login (``--agent NAME``, PIN on standard input or a
hidden prompt) with a role check, or a technician-made service credential (``--service
NAME``, its secret in the keyring) for scripts. The audit trail names whoever logged in.

Open without a login: read-only status (queue, doctor, catalog browsing, audit verify,
update status) and the very first set-up of a station that has no account yet.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.cli.common import read_secret
from kiosk.core.errors import KioskError

if TYPE_CHECKING:
    from kiosk.context import AppContext

ANY_ROLE = frozenset({"agent", "township", "technician"})
TECHNICIAN = frozenset({"technician"})
TOWNSHIP = frozenset({"township", "technician"})
SETUP_ACTOR = "初始设置"  # the PC's user setting up a station that has no account yet
_ROLE_ZH = {"agent": "代办员", "township": "乡镇工作人员", "technician": "技术员"}


class Refused(KioskError):
    """Not logged in, or the role may not do this: exit 2, one line, nothing changed."""

    exit_code = 2


@dataclass(frozen=True)
class Session:
    actor: str  # the audit trail's actor: the agent's name, or service:NAME
    role: str  # agent | township | technician | service | setup


def add_login_options(parser: argparse.ArgumentParser, service: bool = False) -> None:
    """``--agent``; ``--service`` too (refused with a message where no scope allows it)."""
    parser.add_argument(
        "--agent", metavar="NAME", help="log in as this user (PIN on stdin or a prompt)"
    )
    parser.add_argument(
        "--service",
        metavar="NAME",
        help="for scripts: a service credential a technician made (secret in the keyring)"
        if service
        else argparse.SUPPRESS,
    )


def login(
    args: argparse.Namespace,
    ctx: AppContext,
    roles: frozenset[str],
    *,
    scope: str | None = None,
    bootstrap: bool = False,
) -> Session:
    """Check who runs this command; raise ``Refused`` (or ``LoginFailed``) if not allowed.

    ``scope``: the service-credential scope that may run it instead of a person;
    ``bootstrap``: open while the station has no account at all (first set-up)."""
    service = getattr(args, "service", None)
    if service:
        if scope is None:
            raise Refused(
                "此命令不能用服务凭据执行，请技术员用 --agent 登录。",
                "this command needs a person's login, not a service credential",
            )
        from kiosk.core.service_credentials import ServiceCredentials

        actor = ServiceCredentials(ctx.db, ctx.secrets, ctx.audit).check(service, scope)
        return Session(actor, "service")
    name = getattr(args, "agent", None)
    if not name:
        if bootstrap and not ctx.agents.any():
            return Session(SETUP_ACTOR, "setup")
        raise Refused(
            "此命令需要登录：请加 --agent 用户名，PIN 码从标准输入或提示输入。",
            "login required: --agent NAME (PIN on stdin)",
        )
    info = ctx.agents.authenticate(name, read_secret("PIN 码", "PIN"))
    if info.role not in roles:
        from kiosk.core import audit

        ctx.audit.note(ctx.db, info.name, audit.DENIED, args.cmd, info.role)
        allowed = "或".join(_ROLE_ZH[r] for r in sorted(roles))
        role_zh = _ROLE_ZH.get(info.role, info.role)
        raise Refused(
            f"“{info.name}”（{role_zh}）无权执行此命令，需要{allowed}登录。",
            f"role {info.role} may not run {args.cmd}",
        )
    return Session(info.name, info.role)

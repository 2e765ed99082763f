"""``kiosk-hub complaints …``: the back office's 差评 follow-up from the command line."""

from __future__ import annotations

import argparse
import json
from typing import Any

from hub.complaints import ACTION_WORDS, OVERTURNED, STATE_WORDS, UPHELD
from hub.service import HubService

ACTOR = "省级平台后台"


def add_parser(sub: Any) -> None:
    p = sub.add_parser("complaints", help="差评 follow-up (回访, 整改, 申诉, 办结)")
    c = p.add_subparsers(dest="complaints_cmd", required=True)
    ls = c.add_parser("list", help="差评 records with state and due date")
    ls.add_argument("--station", help="one station's (12 digits)")
    ls.add_argument("--state", choices=list(STATE_WORDS), default="")
    ls.add_argument("--json", action="store_true")
    for action in ("callback", "rectify", "appeal", "close"):
        a = c.add_parser(action, help=ACTION_WORDS[action])
        a.add_argument("id", type=int)
        a.add_argument("--note", required=True)
    d = c.add_parser("decide", help="decide an appeal (township reviewer or back office)")
    d.add_argument("id", type=int)
    d.add_argument("--decision", required=True, choices=[UPHELD, OVERTURNED])
    d.add_argument("--note", required=True)
    ct = c.add_parser("contact", help="who rated (for the call-back; recorded)")
    ct.add_argument("id", type=int)


def _line(v: dict[str, Any]) -> str:
    flag = "  【已超期】" if v["overdue"] else ""
    return (
        f"#{v['id']} {v['station_code']} {v['case_no'] or '—'} {v['level']} "
        f"{v['state_words']} 期限 {v['due_on']}{flag}"
    )


def run(args: argparse.Namespace, service: HubService) -> None:
    cmd, complaints = args.complaints_cmd, service.complaints
    if cmd == "list":
        views = complaints.list_all([args.station] if args.station else None, args.state)
        if args.json:
            print(json.dumps(views, ensure_ascii=False))
        else:
            print("\n".join(_line(v) for v in views) or "没有差评记录 / no complaints")
        return
    if cmd == "contact":
        print(json.dumps(complaints.rater_contact(args.id, ACTOR), ensure_ascii=False))
        return
    if cmd == "decide":
        view = complaints.decide(args.id, args.decision, args.note, ACTOR)
    else:
        view = complaints.act(args.id, cmd, args.note, ACTOR)
    print(_line(view))

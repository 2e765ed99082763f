"""``kiosk event list|show|file|status``: 一件事一次办 from the command line. Browsing is open
(public information); filing logs in like ``kiosk apply``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.auth import ANY_ROLE, add_login_options, login
from kiosk.cli.common import Commands, emit, open_ctx, report_field_errors, station_catalog
from kiosk.core.errors import InputError, NotFound, ValidationFailed

if TYPE_CHECKING:
    from kiosk.core.catalog import Catalog, EventBundle
    from kiosk.core.event_views import GroupView


def _bundle_json(catalog: Catalog, b: EventBundle) -> dict[str, Any]:
    members = []
    for m in b.members:
        item = catalog.get(m.item_code)
        members.append(
            {
                "item_code": m.item_code,
                "item_name": item.name,
                "optional": m.optional,
                "condition": m.condition,
                "why_not": m.why_not,
                "note": m.note,
                "own_fields": [
                    {"key": f.key, "label": f.label, "required": f.required}
                    for f in b.own_fields(item)
                ],
            }
        )
    return {
        "code": b.code,
        "name": b.name,
        "life_event": b.life_event,
        "description": b.description,
        "version": b.version,
        "members": members,
        "fields": [
            {"key": f.key, "label": f.label, "type": f.type, "required": f.required}
            for f in b.form.fields
        ],
        "materials": [
            {"id": m.id, "name": m.name, "form": m.form, "note": m.note} for m in b.materials
        ],
    }


def cmd_event_list(args: argparse.Namespace) -> int:
    catalog = station_catalog(args)
    bundles = (
        catalog.bundles_for_life_event(args.life_event)
        if args.life_event
        else catalog.event_bundles()
    )
    emit(
        args,
        [
            {"code": b.code, "name": b.name, "life_event": b.life_event, "members": len(b.members)}
            for b in bundles
        ],
        lambda: "\n".join(
            f"{b.code}  {b.name}（{b.life_event}，{len(b.members)} 项）" for b in bundles
        ),
    )
    return 0


def _show_text(data: dict[str, Any]) -> str:
    lines = [f"{data['code']}  {data['name']}", data["description"], "", "包含事项："]
    for m in data["members"]:
        how = "（可选）" if m["optional"] else ("（按条件）" if m["condition"] else "")
        lines.append(f"  {m['item_code']}  {m['item_name']}{how}")
        if m["why_not"]:
            lines.append(f"      不办理时：{m['why_not']}")
        for f in m["own_fields"]:
            lines.append(f"      本事项另填：{f['key']}  {f['label']}")
    lines += ["", "一张表（共用字段）："]
    lines += [f"  {f['key']}  {f['label']}" for f in data["fields"]]
    lines += ["", "一套材料（--attach 材料编号=文件）："]
    lines += [f"  {m['id']}  {m['name']}" for m in data["materials"]]
    return "\n".join(lines)


def cmd_event_show(args: argparse.Namespace) -> int:
    catalog = station_catalog(args)
    data = _bundle_json(catalog, catalog.event_bundle(args.code))
    emit(args, data, lambda: _show_text(data))
    return 0


def _read_answers(path: str) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(
            f"无法读取申请数据文件 {path}，请确认它是 UTF-8 编码的 JSON。",
            f"cannot read data file {path}: {exc}",
        ) from exc
    members = data.get("members", {}) if isinstance(data, dict) else None
    skip = data.get("skip", []) if isinstance(data, dict) else None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("shared", {}), dict)
        or not isinstance(members, dict)
        or not all(isinstance(v, dict) for v in members.values())
        or not isinstance(skip, list)
    ):
        raise InputError(
            '“一件事”数据文件应为 JSON 对象：{"shared": {共用字段}, "members": '
            '{事项编码: {本事项字段}}, "skip": [不办的可选事项编码]}。',
            "event data file must be an object with shared/members/skip",
        )
    return data


def cmd_event_file(args: argparse.Namespace) -> int:
    from kiosk.core.attachments import AttachmentInput
    from kiosk.core.event_plan import EventAnswers

    answers = EventAnswers.from_json(_read_answers(args.data))
    attachments = []
    for spec in args.attach:
        material, sep, path = spec.partition("=")
        if not sep or not material or not path:
            raise InputError(
                f"附件参数“{spec}”格式不正确，应为 --attach 材料编号=文件路径"
                "（材料编号见 kiosk event show）。",
                f"--attach expects MATERIAL=PATH, got {spec!r}",
            )
        attachments.append(AttachmentInput(Path(path), material))
    ctx = open_ctx(args)
    agent = login(args, ctx, ANY_ROLE)
    try:
        view = ctx.event_filings.file(args.code, answers, agent.actor, attachments)
    except ValidationFailed as exc:
        report_field_errors(args, exc.field_errors)
        raise
    data = view.to_json()
    emit(args, data, lambda: _group_text(data, "已保存并排队等待发送："))
    return 0


def _group_text(data: dict[str, Any], head: str = "") -> str:
    lines = [f"{head}{data['bundle_name']}  {data['group_id']}", data["summary"]]
    for m in data["members"]:
        extra = f"  {m['case_no']}" if m["case_no"] else ""
        extra += f"  预计 {m['promised']} 前办结" if m["promised"] else ""
        lines.append(f"  {m['status_label']:8}  {m['item_name']}{extra}")
    for x in data["left_out"]:
        lines.append(f"  未办理：{x['item_name']}（{x['reason']}）")
    return "\n".join(lines)


def cmd_event_status(args: argparse.Namespace) -> int:
    ctx = open_ctx(args)
    service = ctx.event_filings
    view: GroupView | None
    try:
        view = service.get_group(args.group)
    except NotFound:
        view = service.group_by_no(args.group) or service.group_of(args.group)
    if view is None:
        raise NotFound(
            f"找不到“一件事”办件 {args.group}（可输入办件组编号、组号或其中一件的编号）。",
            f"no application group {args.group!r}",
        )
    data = view.to_json()
    emit(args, data, lambda: _group_text(data))
    return 0


def register(cmds: Commands) -> None:
    """``kiosk event list|show|file|status``."""
    ev = cmds.group("event")
    el = cmds.add_to(ev, "list", cmd_event_list)
    el.add_argument("--life-event", help="e.g. 出生")
    es = cmds.add_to(ev, "show", cmd_event_show)
    es.add_argument("code", help="e.g. 330000-EV-0001")
    ef = cmds.add_to(ev, "file", cmd_event_file, help="file a 一件事 (PIN on stdin)")
    ef.add_argument("code")
    ef.add_argument("--data", required=True, help='JSON: {"shared", "members", "skip"}')
    ef.add_argument("--attach", action="append", default=[], metavar="MATERIAL=PATH")
    add_login_options(ef)
    st = cmds.add_to(ev, "status", cmd_event_status)
    st.add_argument("group", help="group id, group number, or a member application's id")

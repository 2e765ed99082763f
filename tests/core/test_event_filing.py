"""Filing an event bundle (一件事, issue 19) on a station on disk with the real catalog:
each field typed once, each file stored once, all or nothing, members left out with why."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from kiosk.context import AppContext
from kiosk.core.errors import InputError
from kiosk.core.event_errors import EventValidationFailed
from kiosk.core.event_filing import EventFilingService
from kiosk.core.event_plan import EventAnswers
from kiosk.core.event_views import STATE_DONE
from kiosk.core.status import AppStatus
from kiosk.store.db import DB_FILE
from tests.support.event_answers import (
    BIRTH,
    DEATH,
    RETIREMENT,
    birth_answers,
    death_answers,
    retirement_answers,
    scans,
)

AGENT = "wang"
BIRTH_FILES = ("birth_cert", "hukou", "marriage", "signature", "baby_photo")


def _today() -> dt.date:
    from kiosk.core.clock import to_local, utcnow

    return to_local(utcnow()).date()


def _count(ctx: AppContext, sql: str, *args: object) -> int:
    conn = sqlite3.connect(ctx.data_dir / DB_FILE)
    try:
        return int(conn.execute(sql, args).fetchone()[0])
    finally:
        conn.close()


def _blobs(ctx: AppContext) -> int:
    return len(list((ctx.data_dir / "blobs").glob("*/*.enc")))


def test_birth_each_field_typed_once_each_file_stored_once(ctx: AppContext, tmp_path: Path):
    raw = birth_answers(_today())
    answers = EventAnswers.from_json(raw)
    bundle = ctx.catalog.event_bundle(BIRTH)
    # each field once: no member is asked again for a field the bundle form asks
    for code, own in answers.members.items():
        assert not set(own) & set(bundle.sources(code)), code
    # and what a member asks itself is exactly its own fields (asked under the member)
    for code, own in answers.members.items():
        item = ctx.catalog.get(code)
        assert set(own) <= {f.key for f in bundle.own_fields(item)}, code
    view = ctx.event_filings.file(BIRTH, answers, AGENT, scans(tmp_path / "in", *BIRTH_FILES))

    assert [m.item_code for m in view.members] == list(bundle.member_codes)
    assert all(m.status is AppStatus.QUEUED for m in view.members)
    assert view.left_out == ()
    assert view.changes.queued and view.changes.ids == {m.app_id for m in view.members}
    # the shared answers reached every member through the field map
    payloads = {m.item_code: ctx.applications.payload(m.app_id) for m in view.members}
    shared = raw["shared"]
    assert payloads["330000-07-0001"]["baby_name"] == shared["baby_name"]
    assert payloads["330000-20-0003"]["name"] == shared["baby_name"]
    assert payloads["330000-20-0003"]["resident_type"] == "新生儿"
    assert payloads["330000-20-0009"]["guardian_id_number"] == shared["mother_id_number"]
    assert payloads["330000-20-0005"]["id_number"] == shared["mother_id_number"]
    assert payloads["330000-20-0005"]["birth_date"] == "1995-10-10"  # derived from her 身份证号
    # the baby's 身份证号 comes from 落户's result: left empty, not refused
    assert "id_number" not in payloads["330000-20-0003"]
    assert "id_number" not in payloads["330000-20-0009"]
    # each file stored once; referenced by every member that needs it
    assert _blobs(ctx) == len(BIRTH_FILES)
    rows = {
        m.item_code: _count(
            ctx, "select count(*) from attachment where application_id = ?", m.app_id
        )
        for m in view.members
    }
    assert rows == {
        "330000-07-0001": 4,  # 出生医学证明, 户口簿, 结婚证, 签名
        "330000-20-0003": 3,  # 出生医学证明, 户口簿, 签名
        "330000-20-0009": 3,  # 户口簿, 照片, 签名
        "330000-20-0005": 2,  # 结婚证, 签名
    }
    assert _count(ctx, "select count(distinct sha256) from attachment") == len(BIRTH_FILES)
    signature = payloads["330000-07-0001"]["signature"][0]["sha256"]
    assert all(p["signature"][0]["sha256"] == signature for p in payloads.values())
    # one group row, members point at it, audit events for the group and each member
    assert _count(ctx, "select count(*) from application_group") == 1
    assert _count(ctx, "select count(*) from application where group_id = ?", view.group_id) == 4
    assert _count(ctx, "select count(*) from audit_event where subject = ?", view.group_id) == 1
    assert ctx.audit.verify(ctx.db).ok


def test_one_member_invalid_stores_nothing_and_names_it(ctx: AppContext, tmp_path: Path):
    raw = birth_answers(_today())
    raw["members"]["330000-20-0005"]["child_order"] = "第一个孩子"  # but one child listed
    files = scans(tmp_path / "in", *BIRTH_FILES)
    with pytest.raises(EventValidationFailed) as caught:
        ctx.event_filings.file(BIRTH, EventAnswers.from_json(raw), AGENT, files)
    assert "生育登记" in caught.value.zh
    assert caught.value.members == ("生育登记",)
    assert "330000-20-0005/child_order" in caught.value.field_errors
    assert _count(ctx, "select count(*) from application") == 0
    assert _count(ctx, "select count(*) from application_group") == 0
    assert _count(ctx, "select count(*) from attachment") == 0
    assert _blobs(ctx) == 0


def test_error_in_a_mapped_field_is_shown_on_the_shared_field(ctx: AppContext, tmp_path: Path):
    raw = retirement_answers(_today(), age=55)  # 养老金 and 优待证 need 60
    with pytest.raises(EventValidationFailed) as caught:
        ctx.event_filings.file(
            RETIREMENT,
            EventAnswers.from_json(raw),
            AGENT,
            scans(tmp_path, "id_card", "photo", "signature"),
        )
    errors = caught.value.field_errors
    assert set(errors) == {"id_number"}  # typed once, reported there, member named
    assert errors["id_number"].startswith("【")
    assert _count(ctx, "select count(*) from application") == 0


def test_conditional_member_left_out_with_reason(ctx: AppContext, tmp_path: Path):
    young = EventAnswers.from_json(retirement_answers(_today(), age=66))
    plan = ctx.event_filings.plan(RETIREMENT, young)
    assert [(d.item_code, d.applies) for d in plan] == [
        ("330000-20-0002", True),
        ("330000-20-0007", True),
        ("330000-05-0005", False),
    ]
    assert "80周岁" in plan[2].reason
    view = ctx.event_filings.file(
        RETIREMENT, young, AGENT, scans(tmp_path / "a", "id_card", "photo", "signature")
    )
    assert [m.item_code for m in view.members] == ["330000-20-0002", "330000-20-0007"]
    assert [(x.item_code, x.item_name) for x in view.left_out] == [
        ("330000-05-0005", "高龄津贴申领")
    ]
    assert "80周岁" in view.left_out[0].reason
    again = ctx.event_filings.get_group(view.group_id)
    assert again.left_out == view.left_out
    # at 85 the 高龄津贴 applies too
    old = EventAnswers.from_json(retirement_answers(_today(), age=85))
    assert all(d.applies for d in ctx.event_filings.plan(RETIREMENT, old))
    view = ctx.event_filings.file(
        RETIREMENT, old, AGENT, scans(tmp_path / "b", "id_card", "photo", "signature")
    )
    assert len(view.members) == 3 and view.left_out == ()


def test_condition_on_an_answer_and_optional_member(ctx: AppContext, tmp_path: Path):
    raw = death_answers(_today(), insured=False)
    view = ctx.event_filings.file(
        DEATH,
        EventAnswers.from_json(raw),
        AGENT,
        scans(tmp_path / "d", "death_cert", "cremation_cert", "kinship", "signature"),
    )
    assert [m.item_code for m in view.members] == ["330000-05-0010"]
    assert view.left_out[0].item_code == "330000-20-0013"
    # 生育登记 is optional in the birth bundle: left out by choice, with why
    raw = birth_answers(_today())
    raw["skip"] = ["330000-20-0005"]
    view = ctx.event_filings.file(
        BIRTH, EventAnswers.from_json(raw), AGENT, scans(tmp_path / "b", *BIRTH_FILES)
    )
    assert len(view.members) == 3
    assert view.left_out[0].reason.startswith("居民选择本次不办理")
    # a member that is not optional cannot be left out
    raw["skip"] = ["330000-07-0001"]
    with pytest.raises(InputError) as refused:
        ctx.event_filings.plan(BIRTH, EventAnswers.from_json(raw))
    assert "不能选择不办" in refused.value.zh


def test_unknown_material_refused(ctx: AppContext, tmp_path: Path):
    with pytest.raises(InputError) as refused:
        ctx.event_filings.file(
            BIRTH, EventAnswers.from_json(birth_answers(_today())), AGENT, scans(tmp_path, "nope")
        )
    assert "不是“出生一件事”的材料" in refused.value.zh
    assert _count(ctx, "select count(*) from application") == 0


def test_group_queries_and_state(ctx: AppContext, tmp_path: Path):
    view = ctx.event_filings.file(
        DEATH,
        EventAnswers.from_json(death_answers(_today())),
        AGENT,
        scans(tmp_path, "death_cert", "cremation_cert", "kinship", "signature"),
    )
    first, second = view.members
    assert ctx.event_filings.group_of(first.app_id) == ctx.event_filings.get_group(view.group_id)
    assert ctx.event_filings.group_by_no("ZJ-G-0001") is None
    # the hub's answers, as the sync applies them (events-wire): a number, then outcomes
    conn = sqlite3.connect(ctx.data_dir / DB_FILE)
    with conn:
        conn.execute("update application_group set group_no = 'ZJ-G-0001'")
        conn.execute(
            "update application set status = 'completed', case_no = 'C1' where id = ?",
            (first.app_id,),
        )
        conn.execute(
            "update application set status = 'rejected', case_no = 'C2' where id = ?",
            (second.app_id,),
        )
    conn.close()
    found = ctx.event_filings.group_by_no(" zj-g-0001 ")
    assert found is not None and found.group_id == view.group_id
    assert found.state == STATE_DONE
    assert [m.item_name for m in found.refused] == [second.item_name]
    assert "未获办理" in found.summary_zh() and second.item_name in found.summary_zh()
    assert found.members[0].plain_words == "已办结"


def test_check_before_filing(ctx: AppContext, tmp_path: Path):
    answers = EventAnswers.from_json(birth_answers(_today()))
    missing = ctx.event_filings.check(BIRTH, answers)
    assert missing["330000-07-0001/birth_cert_scan"].startswith("【出生登记（新生儿落户）】")
    files = scans(tmp_path, *BIRTH_FILES)
    assert ctx.event_filings.check(BIRTH, answers, files) == {}
    assert ctx.event_filings.check(BIRTH, answers, files[:4]) == {
        "330000-20-0009/photo": "【社会保障卡申领】请上传“近期免冠白底彩色照片”。"
    }
    assert _count(ctx, "select count(*) from application") == 0


def test_a_failure_inside_the_write_leaves_no_row(ctx: AppContext, tmp_path: Path):
    """The third member's INSERT fails (as a full disk would): the group row and the first
    two members, written before it in the same transaction, are not there either."""
    conn = sqlite3.connect(ctx.data_dir / DB_FILE)
    with conn:
        conn.execute(
            "create trigger refuse_third before insert on application"
            " when new.item_code = '330000-20-0009'"
            " begin select raise(abort, 'simulated write failure'); end"
        )
    conn.close()
    answers = EventAnswers.from_json(birth_answers(_today()))
    with pytest.raises(sqlite3.DatabaseError, match="simulated write failure"):
        ctx.event_filings.file(BIRTH, answers, AGENT, scans(tmp_path, *BIRTH_FILES))
    for table in ("application", "application_group", "attachment", "status_event"):
        assert _count(ctx, f"select count(*) from {table}") == 0, table
    assert _count(ctx, "select count(*) from audit_event where action like 'submit%'") == 0
    assert ctx.audit.verify(ctx.db).ok


def test_a_missing_shared_answer_is_reported_once_where_it_is_typed(
    ctx: AppContext, tmp_path: Path
):
    raw = birth_answers(_today())
    del raw["shared"]["baby_name"]  # feeds 落户, 医保 and 社保卡
    errors = ctx.event_filings.check(BIRTH, EventAnswers.from_json(raw))
    assert "baby_name" in errors
    assert not any(k.endswith("/name") or k.endswith("/baby_name") for k in errors)
    with pytest.raises(EventValidationFailed) as caught:
        ctx.event_filings.file(
            BIRTH, EventAnswers.from_json(raw), AGENT, scans(tmp_path, *BIRTH_FILES)
        )
    assert set(caught.value.field_errors) == {"baby_name"}
    assert caught.value.members == ()  # no member's own answers were wrong
    assert _count(ctx, "select count(*) from application") == 0


def test_nothing_to_file_when_no_member_applies(ctx: AppContext):
    """A bundle whose every member is optional, left out by the resident: refused, with why."""
    bundle = ctx.catalog.event_bundle(DEATH)
    members = tuple(dataclasses.replace(m, optional=True, why_not="不办") for m in bundle.members)
    catalog = type(ctx.catalog)(
        ctx.catalog.items(),
        version=ctx.catalog.version,
        event_bundles=[dataclasses.replace(bundle, members=members)],
    )
    service = EventFilingService(ctx.db, ctx.cipher, catalog, ctx.blobs, ctx.audit)
    raw = death_answers(_today())
    raw["skip"] = list(bundle.member_codes)
    with pytest.raises(InputError) as refused:
        service.file(DEATH, EventAnswers.from_json(raw), AGENT)
    assert "没有需要办理的事项" in refused.value.zh and "惠民殡葬补助申请" in refused.value.zh
    assert _count(ctx, "select count(*) from application_group") == 0

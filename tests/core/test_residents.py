import json

import pytest
from sqlalchemy import select

from kiosk.core.catalog import Catalog
from kiosk.core.errors import InputError
from kiosk.store.models import AuditEvent, Resident
from tests.conftest import AGENT, PENSION


def test_returning_resident_is_found_and_prefills_the_form(ctx, resident):
    ctx.residents.remember(resident, AGENT, consent=True)
    found = ctx.residents.find_by_id_number(resident["id_number"].lower(), AGENT)
    assert found is not None and found.consent_by == AGENT and found.consent_at
    form = Catalog.shipped().get(PENSION).form
    prefill = ctx.residents.prefill(form, found)
    assert prefill["name"] == resident["name"] and prefill["phone"] == resident["phone"]
    assert "contribution_level" not in prefill  # a case's answer, not a fact about the resident
    assert found.display.startswith(resident["name"][0]) and "********" in found.display


def test_found_by_name_and_phone(ctx, resident):
    ctx.residents.remember(resident, AGENT, consent=True)
    found = ctx.residents.find_by_name_phone(resident["name"], resident["phone"], AGENT)
    assert found is not None and found.data["id_number"] == resident["id_number"]
    assert ctx.residents.find_by_name_phone(resident["name"], "13800001111", AGENT) is None


def test_no_consent_nothing_kept(ctx, resident):
    with pytest.raises(InputError) as err:
        ctx.residents.remember(resident, AGENT, consent=False)
    assert "未同意" in err.value.zh
    assert ctx.residents.find_by_id_number(resident["id_number"], AGENT) is None


def test_second_visit_updates_the_same_record(ctx, resident):
    first = ctx.residents.remember(resident, AGENT, consent=True)
    second = ctx.residents.remember(dict(resident, phone="13911112222"), AGENT, consent=True)
    assert second.id == first.id and second.data["phone"] == "13911112222"
    assert second.data["address"] == resident["address"]


def test_household_members(ctx, resident):
    from kiosk.demo import make_id_number

    record = ctx.residents.remember(resident, AGENT, consent=True)
    import datetime as dt

    child = make_id_number("330106", dt.date(2015, 5, 1), 51)
    members = [
        {"name": "王小明", "relation": "子女", "id_number": child.lower()},
        {"name": "李𠮷", "relation": "配偶"},
    ]
    updated = ctx.residents.set_household(record.id, members, AGENT)
    assert [m["name"] for m in updated.household] == ["王小明", "李𠮷"]
    assert updated.household[0]["id_number"] == child
    with pytest.raises(InputError) as err:
        ctx.residents.set_household(
            record.id, [{"name": "张三", "relation": "子女", "id_number": child[:-1] + "0"}], AGENT
        )
    assert "第 1 位家庭成员" in err.value.zh


def test_looking_up_a_resident_is_audited(ctx, resident):
    from sqlalchemy import select

    from kiosk.store.models import AuditEvent

    ctx.residents.remember(resident, AGENT, consent=True)
    ctx.residents.find_by_id_number(resident["id_number"], AGENT)
    with ctx.db.read() as s:
        actions = list(s.scalars(select(AuditEvent.action)))
    assert "view_resident" in actions


# --- what a consenting resident gave on an application, offered on the next form -----------
DIBAO = "330000-05-0001"  # 最低生活保障: household members (members), bank card
INSURED = "330000-20-0003"  # 城乡居民医保参保: members with name, 身份证号, relation only


def dibao_example(ctx) -> dict:
    return json.loads(json.dumps(ctx.catalog.get(DIBAO).raw["examples"]["valid"][0]))


def register(ctx, data: dict):
    who = {k: data[k] for k in ("name", "id_number", "phone")}
    return ctx.residents.remember(who, AGENT, consent=True)


def test_household_members_given_on_an_application_prefill_the_next_form(ctx):
    data = dibao_example(ctx)
    record = register(ctx, data)
    assert record.household == [] and "bank_card" not in record.data
    draft = ctx.applications.save_draft(DIBAO, data, AGENT, resident_id=record.id)
    ctx.applications.submit_draft(draft.id, AGENT)  # what the new-application flow does

    again = ctx.residents.find_by_id_number(data["id_number"], AGENT)
    assert [m["name"] for m in again.household] == ["陈阿水", "陈小军"]
    assert again.household[0] == data["members"][0], "every fact of the member is kept"
    assert again.data["bank_card"] == data["bank_card"]

    prefill = ctx.residents.prefill(ctx.catalog.get(DIBAO).form, again)
    assert prefill["members"] == data["members"]
    assert prefill["bank_card"] == data["bank_card"] and prefill["address"] == data["address"]
    assert "reasons" not in prefill and "applicant_income" not in prefill, "the case's answers"
    # another item's household group takes only the row fields it has
    insured = ctx.residents.prefill(ctx.catalog.get(INSURED).form, again)
    assert insured["members"] == [
        {k: m[k] for k in ("name", "id_number", "relation")} for m in data["members"]
    ]
    # a free-text address field gets the stored address as text, never an object
    pension = ctx.residents.prefill(ctx.catalog.get(PENSION).form, again)
    assert pension["address"] == "浙江省杭州市西湖区示范镇东山村东山路3号"

    with ctx.db.read() as s:  # encrypted like the rest of the register
        stored = s.scalar(select(Resident.data_enc).where(Resident.id == record.id))
        edits = list(
            s.scalars(
                select(AuditEvent).where(
                    AuditEvent.subject == record.id, AuditEvent.action == "edit"
                )
            )
        )
    assert "陈阿水".encode() not in stored and b"330106196008080138" not in stored
    assert edits and edits[-1].detail == f"resident from application {draft.id}"


def test_a_later_shorter_household_form_keeps_what_it_did_not_ask(ctx):
    data = dibao_example(ctx)
    record = register(ctx, data)
    ctx.applications.submit(DIBAO, data, AGENT, resident_id=record.id)
    insured = json.loads(json.dumps(ctx.catalog.get(INSURED).raw["examples"]["valid"][0]))
    insured.update({k: data[k] for k in ("name", "id_number", "sex", "birth_date", "phone")})
    insured["address"], insured["resident_type"] = data["address"], "农村居民"
    insured["members"] = [
        {k: data["members"][0][k] for k in ("name", "id_number", "relation")}
    ]  # the son has moved out
    ctx.applications.submit(INSURED, insured, AGENT, resident_id=record.id)
    household = ctx.residents.get(record.id, AGENT).household
    assert [m["name"] for m in household] == ["陈阿水"]
    assert household[0]["health"] == "残疾", "known from the 低保 form, not asked again"


def test_nothing_is_remembered_without_a_consenting_resident(ctx):
    data = dibao_example(ctx)
    ctx.applications.submit(DIBAO, data, AGENT)  # not chosen from the register
    assert ctx.residents.find_by_id_number(data["id_number"], AGENT) is None
    record = register(ctx, data)
    with ctx.db.write() as s:  # consent withdrawn
        s.get(Resident, record.id).consent_at = None
    ctx.applications.submit(DIBAO, data, AGENT, resident_id=record.id)
    assert ctx.residents.get(record.id, AGENT).household == []


def test_an_application_for_someone_else_does_not_change_the_register(ctx, resident):
    record = ctx.residents.remember(resident, AGENT, consent=True)
    data = dibao_example(ctx)  # the agent chose 王秀英, then filed for 周美华
    ctx.applications.submit(DIBAO, data, AGENT, resident_id=record.id)
    after = ctx.residents.get(record.id, AGENT)
    assert after.household == [] and after.data == record.data


def test_a_register_that_cannot_be_updated_does_not_fail_the_submission(ctx, monkeypatch):
    data = dibao_example(ctx)
    record = register(ctx, data)

    def broken(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(ctx.applications, "_on_resident_submit", broken)
    view = ctx.applications.submit(DIBAO, data, AGENT, resident_id=record.id)
    assert ctx.applications.get(view.id).status.value == "queued"

import pytest

from kiosk.core.catalog import Catalog
from kiosk.core.errors import InputError
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

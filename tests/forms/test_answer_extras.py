"""The filing's own answers (delivery, notify) beside an item's form: checked by their own
small forms, passed through clean; an item that asks 领卡方式 as its own ``delivery`` keeps it."""

from __future__ import annotations

import datetime as dt

from kiosk.core.catalog import Catalog
from kiosk.core.delivery import POST, STATION, delivery_line, method_of
from kiosk.forms.engine import validate
from kiosk.forms.examples import resolve_example

PENSION, CARD = "330000-20-0001", "330000-20-0009"
TODAY = dt.date(2026, 12, 6)


def test_extras_are_checked_and_kept():
    form = Catalog.shipped().get(PENSION).form
    example = resolve_example(Catalog.shipped().get(PENSION).raw["examples"]["valid"][0], TODAY)
    clean, errors = validate(
        form,
        {**example, "result_delivery": {"method": "邮寄"}, "progress_notify": {"consent": True}},
        TODAY,
    )
    assert {
        "result_delivery.recipient",
        "result_delivery.phone",
        "result_delivery.address",
        "progress_notify.phone",
    } <= set(errors)
    good = {"method": "自取（乡镇便民服务中心）", "recipient": "不该留下"}
    clean, errors = validate(
        form, {**example, "result_delivery": good, "progress_notify": {"consent": False}}, TODAY
    )
    assert errors == {}
    assert clean["result_delivery"] == {"method": "自取（乡镇便民服务中心）"}  # hidden: dropped
    assert clean["progress_notify"] == {"consent": False}
    assert validate(form, {**example, "result_delivery": "邮寄"}, TODAY)[1] == {
        "result_delivery": "结果领取方式或通知设置的格式不正确，请重新选择。"
    }


def test_an_item_with_its_own_delivery_field_keeps_it():
    item = Catalog.shipped().get(CARD)
    assert any(f.key == "delivery" for f in item.form.fields)
    example = resolve_example(item.raw["examples"]["valid"][0], TODAY)
    clean, errors = validate(
        item.form, {**example, "progress_notify": {"consent": True, "phone": "13900001111"}}
    )
    assert errors == {}
    assert clean["delivery"] == example["delivery"]  # the item's own answer, untouched
    assert clean["progress_notify"]["consent"] is True
    assert method_of({"delivery": "邮寄到家"}) == POST
    assert method_of({"delivery": "代办点领取"}) == STATION
    assert delivery_line({"delivery": "代办点领取"}) == ""  # the receipt prints the item's own

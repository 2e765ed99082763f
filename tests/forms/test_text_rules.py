"""Issue 16, point 7: typed text may not hold characters that print as nothing or reorder
the page (``王\\x00秀英`` was queued and printed as 王; a U+202E name could never be printed).
NFC-normalised; control, format (bidi, zero-width), private-use, unassigned and lone
surrogate code points refused with the field and position named; rare CJK kept. The hub uses
the same engine. A property test: every answer the station accepts prints."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from kiosk.core.catalog import Catalog
from kiosk.core.errors import ValidationFailed
from kiosk.forms.engine import validate
from kiosk.print.kinds import DocumentKind
from tests.conftest import AGENT, PENSION
from tests.support import pdf as pdftools

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def form():
    return Catalog.shipped().get(PENSION).form


def answer(form, resident, name):
    return validate(form, dict(resident, name=name), TODAY)


@pytest.mark.parametrize(
    ("name", "position", "code"),
    [
        ("王\x00秀英", 2, "U+0000"),
        ("王秀\u202e英", 3, "U+202E"),  # right-to-left override
        ("王\u2066秀英", 2, "U+2066"),  # bidi isolate
        ("王\u200b秀英", 2, "U+200B"),  # zero-width space
        ("王秀英\u200d", 4, "U+200D"),  # zero-width joiner
        ("王\x85秀英", 2, "U+0085"),  # C1 control
        ("王\ue000秀英", 2, "U+E000"),  # private use
        ("王\u0378秀英", 2, "U+0378"),  # unassigned
        ("王\ud800秀英", 2, "U+D800"),  # lone surrogate
        ("王\u2028秀英", 2, "U+2028"),  # line separator
    ],
)
def test_invisible_and_reordering_characters_are_refused_naming_field_and_position(
    form, resident, name, position, code
):
    clean, errors = answer(form, resident, name)
    assert "name" in errors, clean
    message = errors["name"]
    assert "“姓名”" in message and f"第 {position} 个字符" in message and code in message


def test_rare_cjk_names_are_kept_and_text_is_nfc(form, resident):
    for name in ("张𠮷", "王䶮", "𪚥𫝀𬺓"):  # extension A, B, C, D, E letters
        clean, errors = answer(form, resident, name)
        assert "name" not in errors and clean["name"] == name
    clean, errors = answer(form, resident, "Jose\u0301 王")  # decomposed é (as some IMEs send)
    assert "name" not in errors and clean["name"] == "José 王"


def test_an_address_detail_follows_the_same_rule():
    item = Catalog.shipped().get("330000-05-0005")
    data = dict(item.raw["examples"]["valid"][0])
    address_keys = [f.key for f in item.form.fields if f.type == "address"]
    if not address_keys:
        pytest.skip("no address field in this item")
    key = address_keys[0]
    data[key] = dict(data[key], detail="人民路\u202e8号")
    errors = validate(item.form, data, TODAY)[1]
    assert "第 4 个字符" in errors[key] and "U+202E" in errors[key]


def test_the_hub_refuses_the_same_text(hub, resident):
    from tests.hub.helpers import enroll, item, submit_one

    client = enroll(hub)
    result = submit_one(client, item(dict(resident, name="王秀\u202e英")))
    assert result["outcome"] == "rejected"
    assert "U+202E" in result["errors"]["name"] and "第 3 个字符" in result["errors"]["name"]


def common_cjk(text: str) -> list[str]:
    return [c for c in text if 0x4E00 <= ord(c) <= 0x9FFF]


def printed_text(ctx, app_id: str) -> str:
    out = ctx.data_dir.parent / f"{app_id}.pdf"
    out.write_bytes(ctx.printing.render(DocumentKind.RECEIPT, app_id))
    return "".join(pdftools.text(out).split())


def test_the_receipt_prints_a_rare_name(ctx, resident):
    app = ctx.applications.submit(PENSION, dict(resident, name="张𠮷䶮"), AGENT)
    assert "张" in printed_text(ctx, app.id) and "䶮" in printed_text(ctx, app.id)


NAMES = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),  # any assigned or unassigned scalar value
        st.sampled_from(["\ud800", "\udfff", "\x00", "\u202e", "\u200b", "𠮷", "䶮", "\u0301"]),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # common CJK
    ),
    min_size=1,
    max_size=6,
)


@seed(16)
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=NAMES)
def test_every_accepted_answer_prints(ctx, resident, name):
    """Filing either refuses the name with a message for the field, or the receipt prints."""
    try:
        app = ctx.applications.submit(PENSION, dict(resident, name=name), AGENT)
    except ValidationFailed as exc:
        assert exc.field_errors.get("name"), exc.field_errors  # refused, and why
        return
    printed = printed_text(ctx, app.id)  # no MissingGlyph ...
    assert all(c in printed for c in common_cjk(app_id_name(ctx, app.id)))  # ... nothing cut


def app_id_name(ctx, app_id: str) -> str:
    return str(ctx.applications.payload(app_id)["name"])

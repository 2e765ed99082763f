import datetime as dt

import pytest

from kiosk.forms import validators as v


def make_id(body17: str) -> str:
    return body17 + v.id_check_char(body17)


VALID_IDS = [
    make_id("33010619620314022"),
    make_id("11010519491231002"),  # the GB 11643 standard example (check char X)
    "11010519491231002X",  # standard example with check char X
    make_id("44030420000229123"),  # leap day
    make_id("33010619900101001").lower(),  # lower-case x normalised (here a digit)
]


@pytest.mark.parametrize("value", VALID_IDS)
def test_valid_id_numbers(value):
    assert v.check_id_number(value, dt.date(2026, 11, 22)) is None


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("33010619620314022", "18位"),
        ("3301061962031402201", "18位"),
        ("33010619620314022A", "18位"),
        (make_id("33010619620314022")[:-1] + "9", "校验位"),
        (make_id("99010619620314022"), "省级"),
        (make_id("44030419990229123"), "真实日期"),  # 1999 is not a leap year
        (make_id("33010630000101001"), "不合理"),  # born in the future
        (make_id("33010618800101001"), "不合理"),
    ],
)
def test_invalid_id_numbers(value, fragment):
    message = v.check_id_number(value, dt.date(2026, 11, 22))
    assert message is not None and fragment in message


def test_standard_example_check_char_is_x():
    assert v.id_check_char("11010519491231002") == "X"


def test_sex_and_birth_from_id():
    value = make_id("33010619620314022")
    assert v.id_sex(value) == "女"
    assert v.id_birth_date(value) == dt.date(1962, 3, 14)


def make_uscc(body17: str) -> str:
    return body17 + v.uscc_check_char(body17)


def org(body8: str) -> str:
    return body8 + v.org_code_check(body8)


@pytest.mark.parametrize(
    "value",
    [
        "91350100M000100Y43",  # widely published example
        make_uscc("N2330106" + org("MA2H1234")),  # 农村集体经济组织: prefix N must be accepted
        make_uscc("91330106" + org("MA27XK4P")),
    ],
)
def test_valid_uscc(value):
    assert v.check_uscc(value) is None


@pytest.mark.parametrize(
    "value",
    [
        "91350100M000100Y44",
        "91350100M000100Y4",
        "91350100I000100Y43",  # I is not in the alphabet
        make_uscc("91330106" + "MA27XK4P" + ("1" if org("MA27XK4P")[-1] != "1" else "2")),
    ],
)
def test_invalid_uscc(value):
    assert v.check_uscc(value) is not None


@pytest.mark.parametrize("value", ["13900001234", "19912345678", "16612345678"])
def test_valid_mobile(value):
    assert v.check_mobile(value) is None


@pytest.mark.parametrize("value", ["1390000123", "23900001234", "12912345678", "139-0000-1234"])
def test_invalid_mobile(value):
    assert v.check_mobile(value) is not None


@pytest.mark.parametrize("value", ["6222021234567890128", "4111 1111 1111 1111"])
def test_valid_bank_card(value):
    assert v.check_bank_card(value) is None


@pytest.mark.parametrize("value", ["6222021234567890127", "4111", "62220212345678901A"])
def test_invalid_bank_card(value):
    assert v.check_bank_card(value) is not None


# --- region prefix plausibility (GB/T 2260 inside GB 11643) ----------------------------------
@pytest.mark.parametrize(
    ("region", "ok"),
    [
        ("330106", True),  # 杭州市西湖区
        ("110101", True),  # 北京市东城区
        ("429004", True),  # 湖北省直辖县级（仙桃市）: city part 90
        ("810000", True),  # 港澳台居民居住证
        ("830000", True),
        ("330006", False),  # city part 00
        ("330100", False),  # county part 00: the city itself issues no numbers
        ("337501", False),  # city part 75
        ("990101", False),  # no such province
        ("840000", False),  # not a permit region
    ],
)
def test_id_region_prefix(region, ok):
    value = make_id(region + "19800101123")
    message = v.check_id_number(value, dt.date(2026, 11, 22))
    assert (message is None) is ok, message


def test_id_born_today_is_valid_born_tomorrow_is_not():
    today = dt.date(2026, 11, 22)
    assert v.check_id_number(make_id("33010620261122001"), today) is None
    assert "不合理" in v.check_id_number(make_id("33010620261123001"), today)


# --- GB 32100 registration authority and GB 11714 inside ---------------------------------------
@pytest.mark.parametrize(
    ("first2", "ok"),
    [
        ("91", True),  # 工商 · 企业
        ("92", True),  # 工商 · 个体工商户
        ("93", True),  # 工商 · 农民专业合作社
        ("N1", True),  # 农业 · 组级集体经济组织
        ("N2", True),  # 农业 · 村级集体经济组织 (股份经济合作社)
        ("N3", True),
        ("12", True),  # 机构编制 · 事业单位
        ("51", True),  # 民政 · 社会团体
        ("Y1", True),
        ("B1", False),  # no authority B
        ("90", False),  # category 0
        ("Q1", False),
    ],
)
def test_uscc_registration_authority(first2, ok):
    value = make_uscc(first2 + "330106" + org("MA2H1234"))
    assert (v.check_uscc(value) is None) is ok


def test_uscc_admin_code_must_be_a_region():
    assert v.check_uscc(make_uscc("91" + "990106" + org("MA2H1234"))) is not None
    assert v.check_uscc(make_uscc("91" + "100000" + org("MA2H1234"))) is None  # 国家级


def test_uscc_lower_case_and_spaces_are_normalised_by_caller():
    value = make_uscc("N2330106" + org("MA2H1234"))
    assert v.check_uscc(value.lower()) is None  # the check itself upper-cases


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("+86 139 0000 1234", "13900001234"),
        ("0086-139-0000-1234", "13900001234"),
        (" 13900001234 ", "13900001234"),
    ],
)
def test_mobile_normalisation(raw, stored):
    assert v.normalize_mobile(raw) == stored
    assert v.check_mobile(v.normalize_mobile(raw)) is None


@pytest.mark.parametrize(
    ("digits", "ok"),
    [
        ("79927398713", True),  # the textbook Luhn example
        ("79927398710", False),
        ("0", True),
        ("18", True),
        ("4111111111111111", True),
        ("4111111111111112", False),
    ],
)
def test_luhn_table(digits, ok):
    assert v.luhn_ok(digits) is ok

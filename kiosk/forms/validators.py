"""Identifier validators: GB 11643 (身份证号), GB 32100 (统一社会信用代码), mobile, Luhn.

Each ``check_*`` returns ``None`` when the value is valid, else a Chinese message.
"""

from __future__ import annotations

import datetime as dt
import re

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# First two digits of GB/T 2260 province-level codes.
PROVINCE_PREFIXES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    ]
)


def id_check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def id_birth_date(value: str) -> dt.date | None:
    try:
        return dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def id_sex(value: str) -> str:
    """'男' or '女' from the 17th digit (odd: male)."""
    return "男" if int(value[16]) % 2 == 1 else "女"


def normalize_id_number(value: str) -> str:
    return value.strip().replace(" ", "").upper()


# 港澳台居民居住证 numbers use 810000 / 820000 / 830000 as their region part.
_PERMIT_REGIONS = frozenset({"810000", "820000", "830000"})


def region_problem(region6: str) -> str | None:
    """Why the 6-digit region part of a 身份证号 cannot be a real county code, or None.

    The province must exist (GB/T 2260), the city part is 01-70 or 90 (省直辖县级), and the
    county part is not 00 (numbers are issued by county-level offices).
    """
    if region6 in _PERMIT_REGIONS:
        return None
    if region6[:2] not in PROVINCE_PREFIXES:
        return "身份证号前两位不是有效的省级行政区划代码，请核对。"
    city, county = int(region6[2:4]), int(region6[4:6])
    if not (1 <= city <= 70 or city == 90) or county == 0:
        return "身份证号前六位不是有效的县级行政区划代码，请核对。"
    return None


def check_id_number(value: str, today: dt.date | None = None) -> str | None:
    v = normalize_id_number(value)
    if not re.fullmatch(r"\d{17}[\dX]", v):
        return "身份证号应为18位：17位数字加1位数字或X。"
    problem = region_problem(v[:6])
    if problem:
        return problem
    birth = id_birth_date(v)
    if birth is None:
        return "身份证号中的出生日期不是真实日期，请核对。"
    today = today or dt.date.today()
    if birth > today or birth.year < 1900:
        return "身份证号中的出生日期不合理（晚于今天或早于1900年），请核对。"
    if id_check_char(v[:17]) != v[17]:
        return "身份证号校验位不正确，请逐位核对后重新输入。"
    return None


_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_ORG_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def org_code_check(body8: str) -> str:
    total = sum(_ORG_CHARS.index(c) * w for c, w in zip(body8, _ORG_WEIGHTS, strict=True))
    c = 11 - total % 11
    return {10: "X", 11: "0"}.get(c, str(c))


def uscc_check_char(first17: str) -> str:
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31]


# GB 32100-2015 登记管理部门码 (first character): 1 机构编制, 2 外交, 3 司法行政, 4 文化,
# 5 民政, 6 旅游, 7 宗教, 8 工会, 9 市场监管（工商）, A 中央军委改革和编制办公室,
# N 农业农村（农村集体经济组织）, Y 其他. The second character (机构类别码) is 1-9.
USCC_AUTHORITIES = frozenset("123456789ANY")


def check_uscc(value: str) -> str | None:
    """GB 32100-2015, with the GB 11714 check of the organisation code inside it.

    Registration authority ``N`` (农村集体经济组织: 股份经济合作社 …) is valid.
    """
    v = value.strip().upper()
    if len(v) != 18 or any(c not in _USCC_CHARS for c in v):
        return "统一社会信用代码应为18位数字或大写字母（不含 I、O、S、V、Z）。"
    if v[0] not in USCC_AUTHORITIES or v[1] not in "123456789":
        return "统一社会信用代码前两位（登记管理部门和机构类别）不正确，请核对。"
    if not v[2:8].isdigit() or (v[2:4] not in PROVINCE_PREFIXES and v[2:8] != "100000"):
        return "统一社会信用代码第3-8位应为登记管理机关的行政区划代码，请核对。"
    if uscc_check_char(v[:17]) != v[17]:
        return "统一社会信用代码校验位不正确，请核对。"
    if org_code_check(v[8:16]) != v[16]:
        return "统一社会信用代码中的组织机构代码校验位不正确，请核对。"
    return None


def normalize_mobile(value: str) -> str:
    """``+86 139-0000-1234`` → ``13900001234`` (what people type, as stored)."""
    v = re.sub(r"[\s-]", "", value.strip())
    if v.startswith("+86"):
        v = v[3:]
    elif v.startswith("0086"):
        v = v[4:]
    return v


def check_mobile(value: str) -> str | None:
    """Mainland mobile numbers: 11 digits, 13x-19x (already normalised)."""
    if not re.fullmatch(r"1[3-9]\d{9}", value.strip()):
        return "手机号码应为以1开头、第二位为3-9的11位数字。"
    return None


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def check_bank_card(value: str) -> str | None:
    v = value.replace(" ", "")
    if not re.fullmatch(r"\d{12,19}", v):
        return "银行卡号应为12到19位数字。"
    if not luhn_ok(v):
        return "银行卡号校验不通过，请核对卡号。"
    return None

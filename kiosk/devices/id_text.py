"""The 256-byte text block of a second-generation card (UCS-2, little-endian), both ways.

Three layouts share the block; the type flag at byte 248 tells them apart: a space for the
居民身份证, ``J`` for the 港澳台居民居住证 (the resident layout plus 通行证号码 and 签发次数),
``I`` for the 外国人永久居留身份证 (English name first, a 15-character permit number,
nationality code). Dates are ``YYYYMMDD``; a validity end may be ``长期``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kiosk.core.card_reader import CardReadError, IdCard
from kiosk.forms.validators import check_id_number

TEXT_BYTES = 256
PHOTO_BYTES = 1024
TYPE_OFFSET = 248

RESIDENT, PERMIT_HMT, FOREIGNER = "居民身份证", "港澳台居民居住证", "外国人永久居留身份证"
TYPE_FLAGS = {" ": RESIDENT, "J": PERMIT_HMT, "I": FOREIGNER}

# GB/T 3304 民族代码
NATIONS = (  # noqa: SIM905 (one line of names reads better than 56)
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 "
    "拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 "
    "怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
NATION_CODES = {f"{i + 1:02d}": name for i, name in enumerate(NATIONS)} | {
    "97": "其他",
    "98": "外国血统中国籍人士",
}
SEX_CODES = {"1": "男", "2": "女", "0": "未知", "9": "未说明"}


@dataclass(frozen=True)
class Field:
    name: str
    start: int  # byte offset
    size: int  # bytes


def _layout(*parts: tuple[str, int]) -> tuple[Field, ...]:
    out, at = [], 0
    for name, size in parts:
        out.append(Field(name, at, size))
        at += size
    assert at == TEXT_BYTES, at
    return tuple(out)


RESIDENT_LAYOUT = _layout(
    ("name", 30),
    ("sex", 2),
    ("nation", 4),
    ("birth", 16),
    ("address", 70),
    ("id_number", 36),
    ("issuer", 30),
    ("valid_from", 16),
    ("valid_until", 16),
    ("permit_number", 18),
    ("issue_count", 4),
    ("reserved1", 6),
    ("type", 2),
    ("reserved2", 6),
)
FOREIGNER_LAYOUT = _layout(
    ("name_en", 120),
    ("sex", 2),
    ("id_number", 30),
    ("nationality", 6),
    ("name", 30),
    ("valid_from", 16),
    ("valid_until", 16),
    ("birth", 16),
    ("version", 4),
    ("issuer", 8),
    ("type", 2),
    ("reserved2", 6),
)


def _fields(block: bytes, layout: tuple[Field, ...]) -> dict[str, str]:
    return {
        f.name: block[f.start : f.start + f.size].decode("utf-16-le", "replace").strip(" \x00")
        for f in layout
    }


def _iso(value: str, what: str, allow_long: bool = False) -> str:
    if allow_long and value == "长期":
        return value
    try:
        return dt.datetime.strptime(value, "%Y%m%d").date().isoformat()
    except ValueError:
        raise CardReadError(
            f"读卡数据异常：{what}“{value}”不是日期。请重新读卡；仍不行请手工录入。",
            f"card text block: {what} {value!r} is not a YYYYMMDD date",
        ) from None


def card_type_of(block: bytes) -> str:
    flag = block[TYPE_OFFSET : TYPE_OFFSET + 2].decode("utf-16-le", "replace")
    if flag == "\x00":
        flag = " "
    if flag not in TYPE_FLAGS:
        raise CardReadError(
            f"读卡器读到一种本程序不认识的证件（类型标识“{flag}”）。请手工录入证件信息。",
            f"unknown card type flag {flag!r}",
        )
    return TYPE_FLAGS[flag]


def parse_text(block: bytes, photo: bytes | None = None) -> IdCard:
    """An :class:`IdCard` from the text block; the ID number and dates are checked."""
    if len(block) != TEXT_BYTES:
        raise CardReadError(
            "读卡数据不完整，请重新读卡。", f"text block is {len(block)} bytes, not {TEXT_BYTES}"
        )
    kind = card_type_of(block)
    f = _fields(block, FOREIGNER_LAYOUT if kind == FOREIGNER else RESIDENT_LAYOUT)
    number = f["id_number"].upper()
    if kind == FOREIGNER:
        if not re.fullmatch(r"[A-Z]{3}\d{12}", number):
            raise CardReadError(
                "读卡数据异常：永久居留身份证号码格式不对。请重新读卡。",
                "foreigner permit number is not 3 letters + 12 digits",
            )
    else:
        problem = check_id_number(number)
        if problem:
            raise CardReadError("读卡数据异常：" + problem, "card id number fails GB 11643")
    birth = _iso(f["birth"], "出生日期")
    if kind != FOREIGNER and birth.replace("-", "") != number[6:14]:
        raise CardReadError(
            "读卡数据异常：出生日期与证件号码不一致。请重新读卡。",
            "birth date field does not match the id number",
        )
    return IdCard(
        name=f["name"],
        id_number=number,
        sex=SEX_CODES.get(f["sex"], f["sex"]),
        birth_date=birth,
        address=f.get("address", ""),
        ethnicity=NATION_CODES.get(f.get("nation", ""), "") if kind == RESIDENT else "",
        issuer=f["issuer"],
        valid_until=_iso(f["valid_until"], "有效期限", allow_long=True),
        card_type=kind,
        valid_from=_iso(f["valid_from"], "签发日期"),
        name_en=f.get("name_en", ""),
        nationality=f.get("nationality", ""),
        permit_number=f.get("permit_number", ""),
        issue_count=f.get("issue_count", ""),
        photo=photo,
    )


# --- the other way round: what the simulator puts on its cards ------------------------------
def _put(block: bytearray, field: Field, text: str) -> None:
    raw = text.encode("utf-16-le")
    if len(raw) > field.size:
        raise ValueError(f"{field.name} {text!r} does not fit in {field.size} bytes")
    block[field.start : field.start + field.size] = raw + " ".encode("utf-16-le") * (
        (field.size - len(raw)) // 2
    )


def _ymd(iso: str) -> str:
    return iso if iso == "长期" else iso.replace("-", "")


def encode_text(card: IdCard, nation_code: str = "") -> bytes:
    """The text block a card with these fields carries (for the simulator and its fixtures)."""
    kind = card.card_type
    layout = FOREIGNER_LAYOUT if kind == FOREIGNER else RESIDENT_LAYOUT
    sex = {v: k for k, v in SEX_CODES.items()}.get(card.sex, card.sex)
    nation = nation_code or {v: k for k, v in NATION_CODES.items()}.get(card.ethnicity, "")
    values = {
        "name": card.name,
        "name_en": card.name_en,
        "sex": sex,
        "nation": nation if kind == RESIDENT else "",
        "birth": _ymd(card.birth_date),
        "address": card.address,
        "id_number": card.id_number,
        "issuer": card.issuer,
        "valid_from": _ymd(card.valid_from),
        "valid_until": _ymd(card.valid_until),
        "permit_number": card.permit_number,
        "issue_count": card.issue_count,
        "nationality": card.nationality,
        "version": "01" if kind == FOREIGNER else "",
        "type": {v: k for k, v in TYPE_FLAGS.items()}[kind],
    }
    block = bytearray(TEXT_BYTES)
    for field in layout:
        _put(block, field, values.get(field.name, ""))
    return bytes(block)

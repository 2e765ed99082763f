"""The pinyin data search ships (the syllable table) and reads (pypinyin's character JSON,
without importing pypinyin) must say exactly what pypinyin itself says."""

from __future__ import annotations

from pypinyin import Style
from pypinyin.core import to_fixed
from pypinyin.pinyin_dict import pinyin_dict

from kiosk.core import pinyin as py
from kiosk.core.pinyin_syllables import SYLLABLES


def _pypinyin_readings(raw: str) -> tuple[str, ...]:
    out: list[str] = []
    for r in raw.split(","):
        s = to_fixed(r, Style.NORMAL)
        if s.isascii() and s.isalpha() and s not in out:
            out.append(s)
    return tuple(out)


def test_the_shipped_syllable_table_is_pypinyins() -> None:
    derived = {
        s
        for raw in pinyin_dict.values()
        for s in _pypinyin_readings(raw)
        if any(v in s for v in "aeiouv")
    }
    assert derived == SYLLABLES


def test_every_characters_readings_match_pypinyin() -> None:
    differ = [
        (chr(k), raw, py.readings(chr(k)))
        for k, raw in pinyin_dict.items()
        if py.readings(chr(k)) != _pypinyin_readings(raw)
    ]
    assert not differ, differ[:5]
    assert py.readings("绿") == ("lv", "lu") and py.readings("行") == ("xing", "hang", "heng")


def test_toneless() -> None:
    assert py.toneless("lǜ") == "lv" and py.toneless("zhōng") == "zhong"
    assert not py.toneless("ế").isascii()  # ê readings are skipped, as pypinyin's NORMAL does

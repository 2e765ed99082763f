"""Which characters a typed answer may hold (issue 16): text is NFC-normalised, then refused
if it holds a character that prints as nothing or reorders what is printed around it: control
characters (``王\\x00秀英`` printed as 王), bidi overrides and isolates (a U+202E name could
never be printed), zero-width and other format characters, private-use, unassigned and lone
surrogate code points, line/paragraph separators. Rare CJK characters (𠮷, 䶮, extension
B–G) are letters and stay; ideographic variation selectors stay (a name's variant glyph
prints as its base character). The message names the field and the character's position.

The same module decides on the hub (hub/submissions.py validates with ``forms.engine``).
"""

from __future__ import annotations

import unicodedata

# General categories refused anywhere in typed text
_REFUSED = {
    "Cc": "控制字符",
    "Cf": "不可见的格式字符",
    "Cs": "不成对的代理字符",
    "Co": "私用区字符",
    "Cn": "未分配的字符",
    "Zl": "换行分隔符",
    "Zp": "段落分隔符",
}
# allowed although their category is refused: a line break in multi-line answers
_MULTILINE_OK = frozenset("\n")


def normalise(text: str) -> str:
    """NFC (one code point sequence per character as typed, whatever the input method did).
    A lone surrogate cannot be normalised: it is left for ``problem`` to refuse."""
    try:
        return unicodedata.normalize("NFC", text)
    except UnicodeError:  # pragma: no cover - normalize accepts surrogates in CPython
        return text


def problem(label: str, text: str, multiline: bool = False) -> str | None:
    """Why ``text`` (already normalised) may not be the answer to ``label``, or None."""
    for index, ch in enumerate(text):
        if multiline and ch in _MULTILINE_OK:
            continue
        category = unicodedata.category(ch)
        kind = _REFUSED.get(category)
        if kind is None:
            continue
        return (
            f"“{label}”第 {index + 1} 个字符是{kind}（U+{ord(ch):04X}），不能打印，"
            "请删除后重新输入。"
        )
    return None

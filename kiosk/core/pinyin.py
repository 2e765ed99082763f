"""Pinyin for search: every reading of a character, and how a typed Latin query splits.

Polyphonic characters keep all their readings (行 → xing, hang, heng; 长 → chang, zhang), so
a resident who types either finds the item. ü is typed ``v`` (女 → nv), as on every IME.

A query such as ``yanglaobx`` is split into *segments*, each one a whole syllable
(``yang``), an initial (``b``, ``zh``) or — for the last one only — the start of a syllable
still being typed (``bx`` → ``b`` + ``x``; ``yangl`` → ``yang`` + ``l``).
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from kiosk.core.pinyin_syllables import SYLLABLES

_INITIAL_LETTERS = frozenset("abcdefghjklmnopqrstwxyz")  # no syllable starts with i, u, v
_DOUBLE_INITIALS = frozenset({"zh", "ch", "sh"})
MAX_SEGMENTATIONS = 6


def syllables() -> frozenset[str]:
    """Every toneless syllable (about 420), ``ü`` written ``v``: shipped data, not built
    from the dictionary (not the vowel-less interjections n, m, ng, hm …)."""
    return SYLLABLES


@cache
def _char_table() -> dict[int, str]:
    """pypinyin's character dictionary (code point → toned readings), read from its JSON
    file without importing pypinyin: the package import loads its phrase dictionary too
    (a third of a second), which nothing here needs."""
    spec = importlib.util.find_spec("pypinyin")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "pinyin_dict.json"
        if path.is_file():
            return {int(k): v for k, v in json.loads(path.read_text("utf-8")).items()}
    from pypinyin.pinyin_dict import pinyin_dict  # a layout without the JSON file

    return dict(pinyin_dict)


def toneless(reading: str) -> str:
    """``lǜ`` → ``lv``, ``zhōng`` → ``zhong``; readings with ê (ê̄, ế …) are not ASCII and come
    back unchanged in that respect (callers skip them), as pypinyin's NORMAL style does."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", reading):
        if ch == "\u0308" and out and out[-1] == "u":
            out[-1] = "v"
        elif ch == "\u0302" and out and out[-1] == "e":
            out[-1] = "ê"
        elif not unicodedata.combining(ch):
            out.append(ch)
    return "".join(out)


@cache
def syllable_prefixes() -> dict[str, tuple[str, ...]]:
    """Each prefix of a syllable → the syllables it can start, shortest first."""
    out: dict[str, list[str]] = {}
    for s in syllables():
        for i in range(1, len(s) + 1):
            out.setdefault(s[:i], []).append(s)
    return {p: tuple(sorted(v, key=lambda s: (len(s), s))) for p, v in out.items()}


@lru_cache(maxsize=65536)
def readings(ch: str) -> tuple[str, ...]:
    """Toneless readings of one character; letters and digits read as themselves."""
    if ch.isascii():
        return (ch.lower(),) if ch.isalnum() else ()
    raw = _char_table().get(ord(ch))
    if raw is None:
        return ()
    out: list[str] = []
    for r in raw.split(","):
        s = toneless(r)
        if s.isascii() and s.isalpha() and s not in out:
            out.append(s)
    return tuple(out)


def is_cjk(ch: str) -> bool:
    return not ch.isascii() and unicodedata.category(ch) == "Lo"


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str  # "full" (a whole syllable), "initial" (its first letters), "partial" (last)

    def matches(self, reading: str) -> bool:
        if self.kind == "full":
            return reading == self.text
        return reading.startswith(self.text)

    @property
    def keys_exact(self) -> bool:
        """A key on this segment's first letter alone decides the match."""
        return self.kind != "full" and len(self.text) == 1


def _choices(chunk: str, i: int) -> list[Segment]:
    out: list[Segment] = []
    prefixes = syllable_prefixes()
    full = syllables()
    for j in range(len(chunk), i + 1, -1):  # one letter is always an initial (below)
        piece = chunk[i:j]
        if j == len(chunk) and piece in prefixes:
            # the last piece may be a syllable still being typed
            kind = "full" if piece in full and len(prefixes[piece]) == 1 else "partial"
            out.append(Segment(piece, kind))
        elif piece in full:
            out.append(Segment(piece, "full"))
    head = chunk[i]
    if head in _INITIAL_LETTERS:
        out.append(Segment(head, "partial" if i == len(chunk) - 1 else "initial"))
    two = chunk[i : i + 2]
    if two in _DOUBLE_INITIALS and not any(s.text == two for s in out):
        out.append(Segment(two, "initial"))
    return out


def _chunk_segmentations(chunk: str) -> list[list[Segment]]:
    n = len(chunk)
    best = [0] * (n + 1)  # fewest segments covering chunk[i:]
    inf = n + 10
    for i in range(n - 1, -1, -1):
        best[i] = min((1 + best[i + len(s.text)] for s in _choices(chunk, i)), default=inf)
    if best[0] >= inf:
        return []
    allowed = best[0] + (1 if best[0] <= 3 else 0)
    out: list[list[Segment]] = []

    def walk(i: int, acc: list[Segment]) -> None:
        if len(out) >= MAX_SEGMENTATIONS * 4:
            return
        if i == n:
            out.append(list(acc))
            return
        for s in _choices(chunk, i):
            nxt = i + len(s.text)
            if len(acc) + 1 + best[nxt] <= allowed:
                acc.append(s)
                walk(nxt, acc)
                acc.pop()

    walk(0, [])
    # an initial followed by a whole syllable ("di b ao" for dibao) is not how people type:
    # keep such readings only when nothing shorter exists
    out = [
        seq
        for seq in out
        if len(seq) == best[0]
        or not any(a.kind == "initial" and b.kind == "full" for a, b in itertools.pairwise(seq))
    ]
    out += [v for seq in out for v in _split_doubles(seq) if v not in out]
    out.sort(key=lambda seq: (len(seq), sum(s.kind != "full" for s in seq)))
    return out


def _split_doubles(seq: list[Segment]) -> list[list[Segment]]:
    """``zh``/``ch``/``sh`` typed as initials may also be two initials (``shb`` is 生活保 as
    well as 社保): the readings with some or all of them split, at any query length."""
    at = [k for k, s in enumerate(seq) if s.kind != "full" and s.text in _DOUBLE_INITIALS]
    out: list[list[Segment]] = []
    for mask in range(1, 2 ** min(len(at), 3)):
        variant: list[Segment] = []
        for k, s in enumerate(seq):
            if k in at and mask >> at.index(k) & 1:
                second = "partial" if s.kind == "partial" else "initial"
                variant += [Segment(s.text[0], "initial"), Segment(s.text[1], second)]
            else:
                variant.append(s)
        out.append(variant)
    return out


def segmentations(query: str) -> list[list[Segment]]:
    """Ways to read a Latin query as syllables/initials, most likely first.

    Spaces and apostrophes force a boundary (``xi'an`` is 西安, not 先).
    """
    chunks = [c for c in query.lower().replace("'", " ").split() if c]
    if not chunks or not all(c.isascii() and c.isalpha() for c in chunks):
        return []
    combos: list[list[Segment]] = [[]]
    for k, chunk in enumerate(chunks):
        parts = _chunk_segmentations(chunk)
        if not parts:
            return []
        if k < len(chunks) - 1:  # only the very last segment may be unfinished
            parts = [
                [*p[:-1], Segment(p[-1].text, "full")] if p[-1].kind == "partial" else p
                for p in parts
                if p[-1].kind != "partial" or p[-1].text in syllables()
            ] or parts
        combos = [c + p for c in combos for p in parts][: MAX_SEGMENTATIONS * 4]
    combos.sort(key=lambda seq: (len(seq), sum(s.kind != "full" for s in seq)))
    return combos[:MAX_SEGMENTATIONS]


def match_at(segs: list[Segment], field: list[tuple[str, ...]], start: int) -> bool:
    if start + len(segs) > len(field):
        return False
    return all(any(seg.matches(r) for r in field[start + k]) for k, seg in enumerate(segs))


def first_match(segs: list[Segment], field: list[tuple[str, ...]]) -> int | None:
    """Position where the segments match a field's readings, or None."""
    for start in range(len(field) - len(segs) + 1):
        if match_at(segs, field, start):
            return start
    return None


_OTHER = r"[^ ,|]+"


def _token(seg: Segment) -> str:
    """One position of a stored reading string (``yang,xiang``) where ``seg`` matches."""
    tail = "" if seg.kind == "full" else r"[^ ,|]*"
    return f"(?:{_OTHER},)*{re.escape(seg.text)}{tail}(?:,{_OTHER})*"


def segments_patterns(segs: list[Segment]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Regular expressions over one field of stored readings (positions separated by spaces,
    a position's readings by commas): the first matches at the field's start only, the second
    anywhere. The same test as ``first_match``, in C: a verifier may check thousands."""
    return _patterns(tuple(segs))


@lru_cache(maxsize=4096)
def _patterns(segs: tuple[Segment, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    body = " ".join(_token(s) for s in segs) + "(?= |$)"
    return re.compile(body), re.compile("(?:^| )" + body)

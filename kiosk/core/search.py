"""Catalog search over names and aliases: Chinese substrings, full pinyin and initials."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pypinyin import Style, pinyin

from kiosk.core.catalog import Catalog, CatalogItem


@dataclass(frozen=True)
class SearchHit:
    code: str
    name: str
    score: float


@cache
def _readings(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of ``text``; polyphonic characters take their first reading."""
    syllables = [s[0] for s in pinyin(text, style=Style.NORMAL, errors="ignore")]
    return "".join(syllables), "".join(s[0] for s in syllables if s)


def _score(item: CatalogItem, q: str) -> float:
    if q == item.name:
        return 100.0
    if item.name.startswith(q):
        return 80.0
    if q in item.name:
        return 60.0
    if any(q in alias for alias in item.aliases):
        return 50.0
    ql = q.lower().replace(" ", "")
    if ql.isascii() and ql.isalpha():
        full, initials = _readings(item.name)
        if full.startswith(ql) or initials.startswith(ql):
            return 45.0
        if ql in full or ql in initials:
            return 40.0
    return 0.0


def search(catalog: Catalog, query: str, limit: int = 20) -> list[SearchHit]:
    q = query.strip()
    if not q:
        return []
    hits = [SearchHit(i.code, i.name, s) for i in catalog.items() if (s := _score(i, q)) > 0]
    hits.sort(key=lambda h: (-h.score, h.code))
    return hits[:limit]

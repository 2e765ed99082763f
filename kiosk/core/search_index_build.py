"""The catalog search index's format and its building: the keys of a text (characters,
pairs, pinyin readings, initials runs), the stored readings, and ``build_index`` writing
the SQLite file that :mod:`kiosk.core.search_index` queries (its docstring describes the
keys and tiers)."""

from __future__ import annotations

import itertools
import json
import sqlite3
import unicodedata
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from kiosk.core import pinyin as py
from kiosk.core.catalog_source import INDEX_FORMAT

if TYPE_CHECKING:
    from kiosk.core.catalog import Catalog

FORMAT = INDEX_FORMAT
CHUNK = 256  # ids per stored chunk: 1 KB, kept inside the B-tree page (no overflow)
TIER_PREFIX, TIER_NAME, TIER_ALIAS, TIER_FACET = 1, 2, 3, 4
MAX_ID = 2**32 - 1


def normalize(text: str) -> str:
    """Full-width → ASCII, lower case, letters/digits/Chinese only (no spaces, punctuation)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if ch.isalnum())


@dataclass(frozen=True)
class IndexDoc:
    """What the index needs of one item."""

    code: str
    name: str
    aliases: tuple[str, ...] = ()  # short name and aliases
    facets: tuple[str, ...] = ()  # themes, life events, department
    guide: str = ""
    village: bool = False
    kind: str = "item"  # or "bundle": an event bundle (一件事), ranked before every item


@dataclass(frozen=True)
class IndexHit:
    code: str
    name: str
    score: float
    kind: str = "item"


@lru_cache(maxsize=1 << 16)
def _char_readings(ch: str) -> str:
    return ",".join(py.readings(ch))


def _encode_readings(fields: Sequence[str]) -> str:
    return "|".join(" ".join(map(_char_readings, f)) for f in fields)


def _decode_readings(text: str) -> list[list[tuple[str, ...]]]:
    out = []
    for part in text.split("|"):
        out.append([tuple(p.split(",")) if p else () for p in part.split(" ")] if part else [])
    return out


def _guide_tokens(text: str, tail: bool = True) -> str:
    """Overlapping character pairs (``申请人`` → ``申请 请人``) and, with ``tail``, the last
    character alone: a one-character query is a prefix query over the pairs (and the tail)."""
    pairs = " ".join(text[i : i + 2] for i in range(len(text) - 1))
    return f"{pairs} {text[-1]}" if tail and pairs else pairs or text


_SCHEMA = """
create table meta (key text primary key, value text not null);
create table doc (
  id integer primary key, code text not null, name text not null, village integer not null,
  n text not null, a text not null, py text not null, kind text not null);
create index doc_code on doc(code);
create table post (k text not null, tier integer not null, hi integer not null,
  ids blob not null, primary key (k, tier, hi)) without rowid;
create table stat (k text not null, tier integer not null, n integer not null,
  primary key (k, tier)) without rowid;
create virtual table guide using fts5(body, tokenize = 'unicode61', content = '');
"""


@lru_cache(maxsize=1 << 17)
def _char_keys(ch: str) -> tuple[str, ...]:
    reads = py.readings(ch)
    return ("c" + ch, *("s" + r for r in reads), *("i" + h for h in {r[0] for r in reads}))


@lru_cache(maxsize=1 << 18)
def _pair_keys(a: str, b: str) -> tuple[str, ...]:
    """Keys of character ``a`` followed by ``b`` (both cached: names share most pairs)."""
    ra, rb = py.readings(a), py.readings(b)
    heads_a, heads_b = {r[0] for r in ra}, {r[0] for r in rb}
    return (
        *_char_keys(a),
        "b" + a + b,
        *(f"p{r1} {r2}" for r1 in ra for r2 in rb),
        *("j" + h1 + h2 for h1 in heads_a for h2 in heads_b),
    )


@lru_cache(maxsize=1 << 16)
def _heads(ch: str) -> frozenset[str]:
    return frozenset(r[0] for r in py.readings(ch))


def _run_keys(tag: str, text: str) -> tuple[str, ...]:
    """``tag`` + the initials of ``text`` (3 or 4 characters), every reading's."""
    return tuple(tag + "".join(p) for p in itertools.product(*map(_heads, text)))


def _position_keys(text: str) -> list[tuple[str, ...]]:
    """For each position of ``text``: the keys of the character / pair / triple there."""
    if not text:
        return []
    out = [_pair_keys(text[i], text[i + 1]) for i in range(len(text) - 1)]
    out.append(_char_keys(text[-1]))
    for i in range(len(text) - 2):
        out[i] = out[i] + _run_keys("k", text[i : i + 3])
        if i + 3 < len(text):
            out[i] = out[i] + _run_keys("q", text[i : i + 4])
    return out


def _doc_keys(n: str, aliases: list[str], facets: Iterable[str]) -> dict[str, int]:
    """Every key of one document with its best tier (weaker fields written first, so the
    stronger ones overwrite them)."""
    best: dict[str, int] = {}
    for value in facets:
        if value:
            best["f" + value] = TIER_FACET
    for alias in aliases:
        for keys in _position_keys(alias):
            best.update(dict.fromkeys(keys, TIER_ALIAS))
    positions = _position_keys(n)
    for keys in positions[1:]:
        best.update(dict.fromkeys(keys, TIER_NAME))
    if positions:
        best.update(dict.fromkeys(positions[0], TIER_PREFIX))
    return best


def build_index(conn: sqlite3.Connection, docs: Iterable[IndexDoc], meta: dict[str, str]) -> None:
    """Fill an empty database with the index of ``docs``."""
    conn.executescript(_SCHEMA)
    # static rank: event bundles, then village items, then the others (shorter names first)
    ordered = sorted(docs, key=lambda d: (d.kind != "bundle", not d.village, len(d.name), d.code))
    lists: dict[int, dict[str, array[int]]] = {t: {} for t in range(1, TIER_FACET + 1)}
    doc_rows = []
    guide_rows = []
    for doc_id, d in enumerate(ordered, start=1):
        n = normalize(d.name)
        aliases = [a for a in dict.fromkeys(normalize(x) for x in d.aliases) if a and a != n]
        for key, tier in _doc_keys(n, aliases, d.facets).items():
            by_key = lists[tier]
            arr = by_key.get(key)
            if arr is None:
                arr = by_key[key] = array("I")
            arr.append(doc_id)
        doc_rows.append(
            (
                doc_id,
                d.code,
                d.name,
                int(d.village),
                n,
                "\x1f".join(aliases),
                _encode_readings([n, *aliases]),
                d.kind,
            )
        )
        body = normalize(d.guide)
        if body:
            guide_rows.append((doc_id, _guide_tokens(body)))
    conn.executemany("insert into doc values (?,?,?,?,?,?,?,?)", doc_rows)
    conn.executemany("insert into guide (rowid, body) values (?, ?)", guide_rows)

    def chunks() -> Iterator[tuple[str, int, int, bytes]]:
        for tier, by_key in lists.items():
            for key, arr in by_key.items():
                for start in range(0, len(arr), CHUNK):
                    part = arr[start : start + CHUNK]
                    yield key, tier, part[-1], part.tobytes()

    conn.executemany("insert into post values (?,?,?,?)", chunks())
    conn.executemany(
        "insert into stat values (?,?,?)",
        ((k, t, len(a)) for t, by_key in lists.items() for k, a in by_key.items()),
    )
    meta = dict(meta, format=FORMAT, docs=str(len(ordered)))
    # the facets' readings, so that opening the index needs no pinyin dictionary
    facets = sorted({k[1:] for k in lists[TIER_FACET]})
    meta["facet_readings"] = json.dumps(
        {f: _encode_readings([normalize(f)]) for f in facets}, ensure_ascii=False
    )
    # the first partition of a village station's search: the bundles and the village items
    meta["village_docs"] = str(sum(d.village or d.kind == "bundle" for d in ordered))
    meta["bundle_docs"] = str(sum(d.kind == "bundle" for d in ordered))
    conn.executemany("insert into meta values (?, ?)", meta.items())
    conn.commit()


def catalog_docs(catalog: Catalog) -> list[IndexDoc]:
    out = []
    for item in catalog.items():
        g = item.guide
        guide_parts = [
            *g.get("conditions", []),
            *(m.get("name", "") for m in g.get("materials", [])),
            *g.get("steps", []),
            *(f"{x.get('q', '')}{x.get('a', '')}" for x in g.get("faq", [])),
        ]
        out.append(
            IndexDoc(
                code=item.code,
                name=item.name,
                aliases=tuple(a for a in (item.short_name, *item.aliases) if a),
                facets=(*item.themes, *item.life_events, item.department),
                guide="。".join(guide_parts),
                village=item.village_acceptable,
            )
        )
    for b in catalog.event_bundles():
        members = [catalog.get(c).name for c in b.member_codes]
        out.append(
            IndexDoc(
                code=b.code,
                name=b.name,
                aliases=tuple(a for a in (b.short_name, *b.aliases) if a),
                facets=(b.life_event,),
                guide="。".join([b.description, *members]),
                village=True,
                kind="bundle",
            )
        )
    return out


# --- querying ----------------------------------------------------------------------------------

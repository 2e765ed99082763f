"""The catalog search index: a derived SQLite file, rebuilt when the catalog changes.

Why not FTS5 alone: the trigram tokenizer finds nothing for 1–2 character queries
(docs/design.md §10), and those — 低保, 养老, 社保 — are what people type most. So this is an
inverted index of our own:

* ``c``+char and ``b``+bigram for Chinese (and any letters/digits in names);
* ``s``+syllable, ``p``+syllable pair, ``i``+initial, ``j``+initial pair, ``k``+initial
  triple and ``q``+initial quadruple for pinyin, with every reading of polyphonic
  characters (triples and quadruples make long initials — and initials nothing has, such
  as ``zzzz`` — cheap: few items share them, and a key no item has ends the search);
* ``f``+value for themes, life events and departments;
* an FTS5 table over guide text with one token per character pair (phrase queries of any
  length; a two-character query is one token's list, not the intersection of two of the
  commonest characters' lists),
  only consulted when the stronger tiers leave room.

Every posting list is stored per *tier* (1 = at the start of the name, 2 = elsewhere in the
name, 3 = short name or alias, 4 = theme/life event/department) and sorted by document id.
Document ids are assigned in static rank order (village-acceptable items first, then shorter
names, then code), so the best hits of a tier are the *first* ids of its lists: a top-20 for
"证" reads one 2 KB chunk however many items contain 证. Longer queries stream the list of
their rarest key and verify candidates against the stored text, tier by tier, stopping as
soon as the page is full.

This module plans and ranks a search; reading posting lists and rows is
``kiosk/core/search_postings.py``, building the file ``kiosk/core/search_index_build.py``.
"""

from __future__ import annotations

import heapq
import json
import logging
import os
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.core import pinyin as py
from kiosk.core.pinyin import Segment
from kiosk.core.search_index_build import (
    FORMAT,
    MAX_ID,
    TIER_ALIAS,
    TIER_FACET,
    TIER_NAME,
    TIER_PREFIX,
    IndexDoc,
    IndexHit,
    _encode_readings,
    _guide_tokens,
    build_index,
    catalog_docs,
    normalize,
)
from kiosk.core.search_postings import PostingReader, _Peekable, _Plan, _Row, _Scratch

if TYPE_CHECKING:
    from kiosk.core.catalog import Catalog

log = logging.getLogger(__name__)

# Scores shown with hits (order is decided by tier, partition and static rank).
SCORE_CODE = 100.0
SCORE_EXACT = 100.0
SCORE_LITERAL = {TIER_PREFIX: 90.0, TIER_NAME: 80.0, TIER_ALIAS: 70.0}
SCORE_PINYIN = {TIER_PREFIX: 85.0, TIER_NAME: 75.0, TIER_ALIAS: 68.0}
SCORE_SYNONYM = 65.0
SCORE_FACET = 50.0
SCORE_GUIDE = 30.0


def _run_exact(segs: Sequence[Segment]) -> bool:
    """A ``k``/``q`` key decides its segments alone when each is one letter typed as an
    initial."""
    return all(s.keys_exact for s in segs)


class SearchIndex(PostingReader):
    def __init__(self, conn: sqlite3.Connection, path: Path | None = None) -> None:
        super().__init__(conn)
        self.path = path
        self._lock = threading.Lock()
        self.meta = dict(conn.execute("select key, value from meta"))
        self.village_docs = int(self.meta.get("village_docs", "0"))
        self.doc_count = int(self.meta.get("docs", "0"))
        self.bundle_docs = int(self.meta.get("bundle_docs", "0"))
        self._facets = [
            k[1:] for (k,) in conn.execute("select distinct k from stat where k >= 'f' and k < 'g'")
        ]
        # each facet normalised, and its readings as the doc table stores a name's
        self._facet_text = {f: normalize(f) for f in self._facets}
        stored = json.loads(self.meta.get("facet_readings", "{}"))
        self._facet_readings = {
            f: stored[f] if f in stored else _encode_readings([t])
            for f, t in self._facet_text.items()
        }
        py.syllable_prefixes()  # pinyin tables: built once, here, not on the first keystroke
        self._synonyms: list[tuple[str, ...]] = [
            tuple(normalize(t) for t in g) for g in json.loads(self.meta.get("synonyms", "[]"))
        ]

    # --- opening ---------------------------------------------------------------------------------
    @classmethod
    def build_memory(
        cls, docs: Iterable[IndexDoc], meta: dict[str, str] | None = None
    ) -> SearchIndex:
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        build_index(conn, docs, meta or {})
        return cls(conn)

    @classmethod
    def build_file(
        cls, path: Path, docs: Iterable[IndexDoc], meta: dict[str, str] | None = None
    ) -> SearchIndex:
        """Build beside ``path`` and move it into place (a crash leaves the old file)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.building")
        tmp.unlink(missing_ok=True)
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("pragma journal_mode = off")
            conn.execute("pragma synchronous = off")
            conn.execute("pragma page_size = 8192")
            build_index(conn, docs, meta or {})
            conn.execute("vacuum")
        finally:
            conn.close()
        os.replace(tmp, path)
        return cls.open_file(path)

    @classmethod
    def open_file(cls, path: Path) -> SearchIndex:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        conn.execute("pragma query_only = on")
        conn.execute("pragma cache_size = -16000")
        return cls(conn, path)

    @classmethod
    def for_catalog(cls, catalog: Catalog, path: Path | None = None) -> SearchIndex:
        """The index of ``catalog``: reuse ``path`` if it matches the catalog, else rebuild."""
        meta = {
            "catalog_version": catalog.version,
            "catalog_hash": catalog.content_hash(),
            "synonyms": json.dumps(catalog.synonyms, ensure_ascii=False),
        }
        if catalog.source_fingerprint:
            meta["source"] = catalog.source_fingerprint
        index: SearchIndex | None = None
        if path is not None and path.exists():
            try:
                existing = cls.open_file(path)
                same = all(existing.meta.get(k) == v for k, v in meta.items())
                if same and existing.meta.get("format") == FORMAT:
                    index = existing
                else:
                    existing.close()
            except sqlite3.DatabaseError:
                log.warning("search index %s unreadable; rebuilding", path.name)
        if index is None:
            docs = catalog_docs(catalog)
            if path is None:
                index = cls.build_memory(docs, meta)
            else:
                log.info("building search index for catalog %s", catalog.version)
                index = cls.build_file(path, docs, meta)
        index._synonyms = [tuple(normalize(t) for t in g) for g in catalog.synonyms]
        return index

    def close(self) -> None:
        self._conn.close()

    # --- query planning --------------------------------------------------------------------------
    def _literal_plan(self, q: str, scores: dict[int, float]) -> _Plan:
        if len(q) == 1:
            return _Plan(["c" + q], None, None, scores)
        if len(q) == 2:
            return _Plan(["b" + q], None, None, scores)
        grams = ["b" + q[i : i + 2] for i in range(len(q) - 1)]
        self._stat(grams)
        by_count = sorted(set(grams), key=lambda g: self.count([g], [1, 2, 3]))
        if self.count(by_count[:1], [1, 2, 3]) == 0:
            return _Plan([], None, None, scores)  # a pair no item has: nothing to find

        def verify(row: _Row) -> int | None:
            if row.n.startswith(q):
                return TIER_PREFIX
            if q in row.n:
                return TIER_NAME
            if any(q in a for a in row.a):
                return TIER_ALIAS
            return None

        filters = [[g] for g in by_count[1:3]]
        return _Plan(by_count[:1], verify, [grams[0]], scores, filters)

    def _pair_keys(self, a: Segment, b: Segment) -> tuple[list[str], bool]:
        """Keys for two adjacent segments, and whether they decide the match alone."""
        if a.kind == "full":
            if b.kind == "full":
                return [f"p{a.text} {b.text}"], True
            if len(b.text) > 1:
                tails = py.syllable_prefixes().get(b.text, ())
                return [f"p{a.text} {s}" for s in tails], True
        exact = a.keys_exact and b.keys_exact
        return ["j" + a.text[0] + b.text[0]], exact

    def _pinyin_plan(self, segs: list[Segment]) -> _Plan:
        if len(segs) == 1:
            seg = segs[0]
            if seg.kind == "full":
                keys = ["s" + seg.text]
            elif len(seg.text) == 1:
                keys = ["i" + seg.text]
            else:
                keys = ["s" + s for s in py.syllable_prefixes().get(seg.text, ())]
            return _Plan(keys, None, None, SCORE_PINYIN)
        # every key group the query implies, each with the number of segments it covers:
        # adjacent pairs, and triples of initials (a hit must hold every one of them)
        options = [(*self._pair_keys(segs[j], segs[j + 1]), 2) for j in range(len(segs) - 1)]
        for span, tag in ((3, "k"), (4, "q")):
            options += [
                ([tag + "".join(s.text[0] for s in run)], _run_exact(run), span)
                for j in range(len(segs) - span + 1)
                if (run := segs[j : j + span])
            ]
        self._stat([k for keys, _, _ in options for k in keys])
        counts = [self.count(keys, [1, 2, 3]) for keys, _, _ in options]
        if min(counts) == 0:  # one of them no item has: nothing to find, nothing to read
            return _Plan([], None, None, SCORE_PINYIN)
        order = sorted(range(len(options)), key=lambda j: counts[j])
        keys, exact, span = options[order[0]]
        if exact and span == len(segs):
            return _Plan(keys, None, None, SCORE_PINYIN)

        at_start, anywhere = py.segments_patterns(segs)

        def verify(row: _Row) -> int | None:
            name, *aliases = row.py.split("|")
            if at_start.match(name):
                return TIER_PREFIX
            if anywhere.search(name):
                return TIER_NAME
            if any(anywhere.search(a) for a in aliases):
                return TIER_ALIAS
            return None

        filters = [options[j][0] for j in order[1:4]]
        # the groups at the name's start: the first pair, triple and quadruple
        first = [0, len(segs) - 1, 2 * len(segs) - 3][: min(3, len(segs) - 1)]
        prefix = options[min(first, key=lambda j: counts[j])][0]
        return _Plan(keys, verify, prefix, SCORE_PINYIN, filters)

    # --- search ---------------------------------------------------------------------------------
    def search(self, query: str, limit: int = 20, prefer_village: bool = False) -> list[IndexHit]:
        with self._lock:
            return self._search(query, limit, prefer_village)

    def _search(self, query: str, limit: int, prefer_village: bool) -> list[IndexHit]:
        q = normalize(query)
        if not q or limit <= 0:
            return []
        found: list[tuple[int, float]] = []
        seen: set[int] = set()
        code = query.strip().upper()
        if (
            len(code) >= 4
            and any(c.isdigit() for c in code)
            and all(c.isdigit() or c == "-" or (c.isascii() and c.isalpha()) for c in code)
        ):
            for (doc_id,) in self._conn.execute(
                "select id from doc where code >= ? and code < ? order by code limit ?",
                (code, code + "\uffff", limit),
            ):
                seen.add(doc_id)
                found.append((doc_id, SCORE_CODE))
        plans: list[_Plan] = [self._literal_plan(q, SCORE_LITERAL)]
        typed = unicodedata.normalize("NFKC", query).lower()
        latin = typed.replace("'", "").replace(" ", "")
        if latin.isascii() and latin.isalpha():
            plans += [self._pinyin_plan(s) for s in py.segmentations(typed)]
        expansions = [
            q.replace(term, other)
            for group in self._synonyms
            for term in group
            if term and term in q
            for other in group
            if other != term and other
        ]
        synonym_plans = [
            self._literal_plan(x, {t: SCORE_SYNONYM for t in (1, 2, 3)}) for x in expansions
        ]
        facets = list(dict.fromkeys(f for x in [q, *expansions] for f in self._matching_facets(x)))
        ranges = [(1, MAX_ID)]
        if prefer_village and self.village_docs:
            ranges = [(1, self.village_docs), (self.village_docs + 1, MAX_ID)]
        scratch = _Scratch()
        for lo, hi in ranges:
            if len(found) >= limit:
                break
            self._collect(q, plans, synonym_plans, facets, lo, hi, limit, found, seen, scratch)
        return self._hits(found[:limit], q)

    def _collect(
        self,
        q: str,
        plans: list[_Plan],
        synonym_plans: list[_Plan],
        facets: list[str],
        lo: int,
        hi: int,
        limit: int,
        found: list[tuple[int, float]],
        seen: set[int],
        scratch: _Scratch,
    ) -> None:
        def take(stream: Iterator[int], score: float) -> bool:
            for doc_id in stream:
                if doc_id in seen:
                    continue
                seen.add(doc_id)
                found.append((doc_id, score))
                if len(found) >= limit:
                    return True
            return False

        for tier in (TIER_PREFIX, TIER_NAME, TIER_ALIAS):
            # the plans of one tier are merged in id order: the static rank decides
            tagged = [
                ((x, p.scores[tier]) for x in self._stream(p, tier, lo, hi, scratch)) for p in plans
            ]
            for doc_id, score in heapq.merge(*tagged, key=lambda t: t[0]):
                if doc_id in seen:
                    continue
                seen.add(doc_id)
                found.append((doc_id, score))
                if len(found) >= limit:
                    return
        for tier in (TIER_PREFIX, TIER_NAME, TIER_ALIAS):
            for plan in synonym_plans:
                if take(self._stream(plan, tier, lo, hi, scratch), SCORE_SYNONYM):
                    return
        facet_keys = ["f" + f for f in facets]
        if facet_keys and take(self._merged(facet_keys, [TIER_FACET], lo, hi), SCORE_FACET):
            return
        if not q.isascii():
            take(self._guide_hits(q, lo, hi, scratch), SCORE_GUIDE)

    def _guide_hits(self, q: str, lo: int, hi: int, scratch: _Scratch) -> Iterator[int]:
        """Documents whose guide text has ``q``, in id order. One FTS5 cursor per search,
        shared by the village and the other partition (it yields lazily, in rowid order)."""
        if scratch.guide is None:
            phrase = f'"{q}" *' if len(q) == 1 else f'"{_guide_tokens(q, tail=False)}"'
            cursor = self._conn.execute(
                "select rowid from guide where guide match ? order by rowid", (phrase,)
            )
            scratch.guide = _Peekable(r for (r,) in cursor)
        guide = scratch.guide
        while (doc_id := guide.peek()) is not None and doc_id <= hi:
            next(guide)
            if doc_id >= lo:
                yield doc_id

    def _matching_facets(self, q: str) -> list[str]:
        out = [f for f in self._facets if q in self._facet_text[f]]
        if q.isascii() and q.isalpha():
            patterns = [py.segments_patterns(s)[1] for s in py.segmentations(q)]
            out += [
                f
                for f in self._facets
                if f not in out and any(p.search(self._facet_readings[f]) for p in patterns)
            ]
        return out

    def _hits(self, found: list[tuple[int, float]], q: str) -> list[IndexHit]:
        if not found:
            return []
        ids = [x for x, _ in found]
        marks = ",".join("?" * len(ids))
        rows = {
            doc_id: (code, name, n, kind)
            for doc_id, code, name, n, kind in self._conn.execute(
                f"select id, code, name, n, kind from doc where id in ({marks})", ids
            )
        }
        out = []
        for doc_id, score in found:
            code, name, n, kind = rows[doc_id]
            out.append(IndexHit(code, name, SCORE_EXACT if n == q else score, kind))
        return out

    def stats(self) -> dict[str, Any]:
        """Sizes for diagnostics and the benchmark."""
        keys = self._conn.execute("select count(*) from stat").fetchone()[0]
        postings = self._conn.execute("select coalesce(sum(n), 0) from stat").fetchone()[0]
        return {"docs": self.doc_count, "keys": keys, "postings": postings}

"""Reading the search index's posting lists and document rows: the primitives a search
plan streams candidates through (kiosk/core/search_index.py plans and ranks).

Posting lists are stored per tier and sorted by document id; ``stat`` holds each key's list
length per tier, read once per key and kept for the life of the index.
"""

from __future__ import annotations

import heapq
import sqlite3
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from kiosk.core.search_index_build import TIER_ALIAS, TIER_NAME, TIER_PREFIX, _decode_readings

FILTER_FROM = 256  # verified candidates before a poor hit rate brings in the other keys
MAX_FILTER = 300_000  # larger key lists cost more to load than they save


@dataclass
class _Row:
    n: str
    a: list[str]
    py: str
    _readings: list[list[tuple[str, ...]]] | None = None

    def readings(self) -> list[list[tuple[str, ...]]]:
        if self._readings is None:
            self._readings = _decode_readings(self.py)
        return self._readings


Verifier = Callable[[_Row], int | None]


@dataclass
class _Plan:
    """One way to find the query: candidate keys (a union) and, unless they decide the match
    alone, a verifier giving each candidate's true tier."""

    keys: list[str]
    verify: Verifier | None
    prefix_keys: list[str] | None
    scores: dict[int, float]
    filters: list[list[str]] = field(default_factory=list)  # other key groups every hit has
    # each candidate's true tier (0: no match), judged once per search: the tiers and the
    # village/other partitions stream overlapping candidates
    verdicts: dict[int, int] = field(default_factory=dict)


@dataclass
class _Scratch:
    """Per-search caches: document rows read for verification, doc-id sets of keys."""

    rows: dict[int, _Row] = field(default_factory=dict)
    sets: dict[tuple[str, ...], set[int]] = field(default_factory=dict)
    guide: _Peekable | None = None


class _Peekable:
    def __init__(self, it: Iterator[int]) -> None:
        self._it = it
        self._next: int | None = None
        self._done = False

    def peek(self) -> int | None:
        if self._next is None and not self._done:
            self._next = next(self._it, None)
            self._done = self._next is None
        return self._next

    def __iter__(self) -> _Peekable:
        return self

    def __next__(self) -> int:
        value = self.peek()
        if value is None:
            raise StopIteration
        self._next = None
        return value


def _dedupe(ids: Iterator[int]) -> Iterator[int]:
    last = -1
    for x in ids:
        if x != last:
            yield x
            last = x


class PostingReader:
    """The read primitives over one index connection (callers hold the search lock)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._stats: dict[str, dict[int, int]] = {}

    # --- primitives ------------------------------------------------------------------------------
    def _stat(self, keys: Sequence[str]) -> None:
        missing = [k for k in keys if k not in self._stats]
        for k in missing:
            self._stats[k] = {}
        for start in range(0, len(missing), 500):
            part = missing[start : start + 500]
            marks = ",".join("?" * len(part))
            for k, tier, n in self._conn.execute(
                f"select k, tier, n from stat where k in ({marks})", part
            ):
                self._stats[k][tier] = n

    def count(self, keys: Sequence[str], tiers: Iterable[int]) -> int:
        self._stat(keys)
        tiers = list(tiers)
        return sum(self._stats[k].get(t, 0) for k in keys for t in tiers)

    def _ids(self, key: str, tier: int, lo: int, hi: int) -> Iterator[int]:
        if not self._stats.get(key, {}).get(tier):
            return
        cur = self._conn.execute(
            "select ids from post where k = ? and tier = ? and hi >= ? order by hi",
            (key, tier, lo),
        )
        for (blob,) in cur:
            arr = array("I")
            arr.frombytes(blob)
            start = bisect_left(arr, lo) if arr[0] < lo else 0
            for i in range(start, len(arr)):
                x = arr[i]
                if x > hi:
                    return
                yield x

    def _merged(self, keys: Sequence[str], tiers: Iterable[int], lo: int, hi: int) -> Iterator[int]:
        self._stat(keys)
        streams = [self._ids(k, t, lo, hi) for k in keys for t in tiers if self._stats[k].get(t)]
        if not streams:
            return iter(())
        if len(streams) == 1:
            return streams[0]
        return _dedupe(heapq.merge(*streams))

    def _doc_set(self, keys: Sequence[str], scratch: _Scratch) -> set[int]:
        """Every document holding one of ``keys`` in its name, short name or aliases."""
        tag = tuple(keys)
        found = scratch.sets.get(tag)
        if found is None:
            found = set()
            for key in keys:
                for (blob,) in self._conn.execute(
                    "select ids from post where k = ? and tier <= ?", (key, TIER_ALIAS)
                ):
                    arr = array("I")
                    arr.frombytes(blob)
                    found.update(arr)
            scratch.sets[tag] = found
        return found

    def _rows(self, ids: Sequence[int], cache: dict[int, _Row]) -> None:
        need = [i for i in ids if i not in cache]
        for start in range(0, len(need), 500):
            part = need[start : start + 500]
            marks = ",".join("?" * len(part))
            for doc_id, n, a, pyr in self._conn.execute(
                f"select id, n, a, py from doc where id in ({marks})", part
            ):
                cache[doc_id] = _Row(n, a.split("\x1f") if a else [], pyr)

    def _verified(
        self,
        ids: Iterator[int],
        verify: Verifier,
        tier: int,
        cache: dict[int, _Row],
        verdicts: dict[int, int],
        make_filters: Callable[[], list[set[int]]] | None = None,
    ) -> Iterator[int]:
        """Candidates whose true tier is ``tier``, in id order. When few candidates match at
        all (a common key, a rare query), the sets of the query's other keys are built once
        and candidates lacking them are skipped unread."""
        size = 16
        checked = matched = 0
        sets: list[set[int]] | None = None
        while True:
            batch = [x for _, x in zip(range(size), ids, strict=False)]
            if not batch:
                return
            if sets is None and make_filters and checked >= FILTER_FROM and matched * 8 < checked:
                sets = make_filters()
            if sets:
                batch = [x for x in batch if all(x in s for s in sets)]
            self._rows([x for x in batch if x not in verdicts], cache)
            for x in batch:
                found = verdicts.get(x)
                if found is None:
                    found = verdicts[x] = verify(cache[x]) or 0
                checked += 1
                matched += found != 0
                if found == tier:
                    yield x
            size = min(size * 2, 1024)

    def _stream(self, plan: _Plan, tier: int, lo: int, hi: int, scratch: _Scratch) -> Iterator[int]:
        if plan.verify is None:
            return self._merged(plan.keys, [tier], lo, hi)
        tiers = [TIER_PREFIX, TIER_NAME] if tier <= TIER_NAME else list(range(1, tier + 1))
        keys = plan.keys
        if (
            tier == TIER_PREFIX
            and plan.prefix_keys
            and self.count(plan.prefix_keys, [TIER_PREFIX]) < self.count(keys, tiers)
        ):
            keys, tiers = plan.prefix_keys, [TIER_PREFIX]
        candidates = self._merged(keys, tiers, lo, hi)

        def filters() -> list[set[int]]:
            usable = [f for f in plan.filters if self.count(f, [1, 2, 3]) <= MAX_FILTER]
            return [self._doc_set(f, scratch) for f in usable]

        return self._verified(candidates, plan.verify, tier, scratch.rows, plan.verdicts, filters)

"""Search at its worst case: long initials with sh/ch/zh either way, and queries nothing
matches, which must end before reading a single candidate when one of their keys is absent.
(The times are the bench's business, bench/bench_search.py; here, what is found and what
is read.)"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core import pinyin as py
from kiosk.core.catalog import Catalog
from kiosk.core.search import search
from kiosk.core.search_index import IndexDoc, SearchIndex, _encode_readings

CATALOG = Catalog.shipped()
DIBAO = "最低生活保障申请"
SSCARD = "社会保障卡申领"


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("zdsh", DIBAO),
        ("zdshb", DIBAO),
        ("zdshbz", DIBAO),
        ("zdshbzsq", DIBAO),
        ("zdshhbzsq", DIBAO),  # 生活 typed s-h-h: sh split, then h for 活
        ("shbzk", SSCARD),
        ("shbzksl", SSCARD),
        ("shhbzksl", SSCARD),
    ],
)
def test_long_initials_with_sh_ch_zh_find_their_item_first(query: str, first: str) -> None:
    hits = search(CATALOG, query, limit=5)
    assert hits and hits[0].name == first, (query, [h.name for h in hits])


def test_sh_is_read_as_one_initial_and_as_two_at_any_length() -> None:
    for query in ("zdshb", "zdshbzsq", "shbzksl", "chshzh" * 2):
        readings = ["".join(s.text + "/" for s in seq) for seq in py.segmentations(query)]
        assert any("sh/" in r for r in readings), (query, readings)
        assert any("s/h/" in r for r in readings), (query, readings)


# --- no-hit queries end early ------------------------------------------------------------------
PIECES = ["资质", "行政处罚", "申请", "登记", "变更", "最低", "增加"]


def _names(n: int) -> list[str]:
    """Names rich in z-initials — 资质 then 最低/增加 gives three in a row — but never four
    (no piece ends in a z-initial), with plenty of 行政处罚: xz, xzc, xzcf are common."""
    rnd = random.Random(3)
    return ["".join(rnd.sample(PIECES, 3)) for _ in range(n)]


@pytest.fixture(scope="module")
def crowded() -> SearchIndex:
    docs = [IndexDoc(f"D{i:05d}", n, village=i % 50 == 0) for i, n in enumerate(_names(3000))]
    return SearchIndex.build_memory(docs)


def _search_counting_reads(index: SearchIndex, query: str) -> tuple[list[str], int]:
    read: list[int] = []
    real = index._rows

    def spy(ids, cache):  # type: ignore[no-untyped-def]
        read.extend(ids)
        return real(ids, cache)

    index._rows = spy  # type: ignore[method-assign]
    try:
        names = [h.name for h in index.search(query, 20, prefer_village=True)]
    finally:
        del index._rows
    return names, len(read)


@pytest.mark.parametrize("query", ["zzzz", "zzzzz", "xzcfdd", "zzzzzzzzzz", "qqqq", "shshsh"])
def test_initials_nothing_has_read_no_candidate(crowded: SearchIndex, query: str) -> None:
    names, read = _search_counting_reads(crowded, query)
    assert names == [] and read == 0, (names, read)


@pytest.mark.parametrize("query", ["zzzd", "sqzzzj", "zzzdd", "xzcfzzz"])
def test_long_initials_that_exist_are_found_exactly(crowded: SearchIndex, query: str) -> None:
    names, _ = _search_counting_reads(crowded, query)
    expected = [
        n
        for n in _names(3000)
        if any(
            py.first_match(segs, [py.readings(ch) for ch in n]) is not None
            for segs in py.segmentations(query)
        )
    ]
    assert expected, query  # the fixture has them
    assert set(names) <= set(expected) and len(names) == min(20, len(expected)), (query, names)


@pytest.mark.parametrize("query", ["火星登记", "登记登记", "最低最低"])
def test_chinese_nothing_has_reads_no_candidate(crowded: SearchIndex, query: str) -> None:
    names, read = _search_counting_reads(crowded, query)
    assert names == [] and read == 0, (query, names, read)


# --- the regular expressions decide exactly as first_match -------------------------------------
CHARS = "行长重最低生活保障社会卡申领张𠮷a1"


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=CHARS, min_size=1, max_size=8),
    query=st.text(alphabet="zdshbcxhlgaoin", min_size=1, max_size=7),
)
def test_patterns_agree_with_first_match(text: str, query: str) -> None:
    field = [py.readings(ch) for ch in text]
    stored = _encode_readings([text])
    for segs in py.segmentations(query):
        at_start, anywhere = py.segments_patterns(segs)
        pos = py.first_match(segs, field)
        assert (anywhere.search(stored) is not None) == (pos is not None), (text, segs)
        assert (at_start.match(stored) is not None) == (pos == 0), (text, segs)


def test_guide_text_is_found_by_any_substring_of_it() -> None:
    """The guide is indexed in character pairs: one character (anywhere, also the last),
    two, or more in a row find it; characters that are not adjacent there do not."""
    index = SearchIndex.build_memory(
        [
            IndexDoc("G1", "甲事项", guide="须带户口簿原件"),
            IndexDoc("G2", "乙事项", guide="带身份证"),
        ]
    )
    for query, codes in [
        ("簿", ["G1"]),
        ("件", ["G1"]),  # the last character of the text
        ("带", ["G1", "G2"]),
        ("口簿", ["G1"]),
        ("户口簿原件", ["G1"]),
        ("簿户", []),
        ("身份证原件", []),
    ]:
        assert [h.code for h in index.search(query, 20)] == codes, query

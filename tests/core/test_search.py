"""Search quality: query → expected item, for every kind of query people type."""

from __future__ import annotations

import threading

import pytest

from kiosk.core.catalog import Catalog
from kiosk.core.search import search
from kiosk.core.search_index import IndexDoc, SearchIndex, normalize

CATALOG = Catalog.shipped()
CODES = {i.name: i.code for i in CATALOG.items()}


def code(name: str) -> str:
    return CODES[name]


PENSION = "城乡居民基本养老保险参保登记"
PENSION_PAY = "城乡居民基本养老保险待遇申领"
DIBAO = "最低生活保障申请"
TEKUN = "特困人员救助供养申请"
DISABLED_CARD = "残疾人证申领"
TWO_SUBSIDIES = "困难残疾人生活补贴和重度残疾人护理补贴申请"
GAOLING = "高龄津贴申领"
BIRTH = "出生登记（新生儿落户）"
RESIDENCE = "居住证申领"
HOUSE = "农村宅基地和建房（规划许可）申请"
SSCARD = "社会保障卡申领"
SSCARD_REPLACE = "社会保障卡补领、换领"
MEDICAL = "城乡居民基本医疗保险参保登记"
MEDICAL_AID = "医疗救助申请"
FUNERAL = "惠民殡葬补助申请"
VETERAN = "退役军人、其他优抚对象优待证申领"
ELDER_CARD = "老年人优待证办理"
SHOP = "个体工商户设立登记"
REMOTE = "基本医疗保险跨省异地就医备案"
FARM = "耕地地力保护补贴申报"
ORPHAN = "孤儿基本生活费申请"
BIRTH_REG = "生育登记"

# (kind, query, expected name, within the first N hits)
CASES = [
    # one Chinese character
    ("1-char", "证", DISABLED_CARD, 5),
    ("1-char", "残", DISABLED_CARD, 1),
    ("1-char", "孤", ORPHAN, 1),
    ("1-char", "殡", FUNERAL, 1),
    ("1-char", "宅", HOUSE, 1),
    # two characters: the most common queries (trigram FTS finds nothing for these)
    ("2-char", "低保", DIBAO, 1),
    ("2-char", "养老", PENSION, 3),
    ("2-char", "社保", SSCARD, 2),
    ("2-char", "医保", MEDICAL, 2),
    ("2-char", "残疾", DISABLED_CARD, 1),
    ("2-char", "高龄", GAOLING, 1),
    ("2-char", "落户", BIRTH, 1),
    ("2-char", "殡葬", FUNERAL, 1),
    ("2-char", "危房", "农村低收入群体等重点对象危房改造申请", 1),
    ("2-char", "退役", VETERAN, 1),
    ("2-char", "孤儿", ORPHAN, 1),
    # three and more characters
    ("3+ chars", "居住证", RESIDENCE, 1),
    ("3+ chars", "残疾人证", DISABLED_CARD, 1),
    ("3+ chars", "宅基地", HOUSE, 1),
    ("3+ chars", "护理补贴", TWO_SUBSIDIES, 1),
    ("3+ chars", "社会保障卡", SSCARD, 2),
    ("3+ chars", "最低生活保障申请", DIBAO, 1),
    ("3+ chars", "异地就医", REMOTE, 1),
    ("3+ chars", "养老保险待遇", PENSION_PAY, 1),
    # full pinyin
    ("pinyin", "yanglao", PENSION, 3),
    ("pinyin", "dibao", DIBAO, 1),
    ("pinyin", "canjiren", DISABLED_CARD, 2),
    ("pinyin", "gaolingjintie", GAOLING, 1),
    ("pinyin", "juzhuzheng", RESIDENCE, 1),
    ("pinyin", "zhaijidi", HOUSE, 1),
    ("pinyin", "yi di jiu yi", REMOTE, 1),  # spaces between syllables
    # initials
    ("initials", "cjrz", DISABLED_CARD, 1),
    ("initials", "db", DIBAO, 2),
    ("initials", "gljt", GAOLING, 1),
    ("initials", "sbk", SSCARD, 2),
    ("initials", "jzz", RESIDENCE, 1),
    ("initials", "ydjy", REMOTE, 1),
    ("initials", "xnh", MEDICAL, 1),  # initials of the alias 新农合
    # mixed full syllables and initials
    ("mixed", "canjirz", DISABLED_CARD, 1),
    ("mixed", "gaolingjt", GAOLING, 1),
    ("mixed", "dbsq", DIBAO, 1),
    ("mixed", "shebaok", SSCARD, 2),
    ("mixed", "yanglaobx", PENSION, 3),
    # polyphonic characters under every reading
    ("polyphonic", "changshou", GAOLING, 1),  # 长寿补贴 (alias): 长 = chang
    ("polyphonic", "zhangshou", GAOLING, 1),  # … and zhang
    ("polyphonic", "jugongjubao", None, 0),  # nonsense finds nothing
    # aliases and synonyms (低保 ↔ 最低生活保障)
    ("alias", "五保", TEKUN, 1),
    ("alias", "新农合", MEDICAL, 1),
    ("alias", "上户口", BIRTH, 1),
    ("alias", "准生证", BIRTH_REG, 1),
    ("alias", "营业执照", SHOP, 1),
    ("alias", "社保卡补办", SSCARD_REPLACE, 1),
    ("alias", "大病救助", MEDICAL_AID, 1),
    ("guide", "低保边缘", MEDICAL_AID, 3),
    ("synonym", "暂住证", RESIDENCE, 1),
    ("synonym", "暂住", RESIDENCE, 1),
    ("synonym", "种粮补贴", FARM, 1),
    # themes, life events, departments
    ("theme", "身后事", FUNERAL, 2),
    ("theme", "社会救助", DIBAO, 8),
    ("theme", "市场主体", SHOP, 1),
    ("theme", "退役军人事务局", VETERAN, 1),
    # guide text
    ("guide", "赡养", TEKUN, 3),
    ("guide", "火化证明", FUNERAL, 2),
    # item codes
    ("code", "330000-05-0001", DIBAO, 1),
]


@pytest.mark.parametrize(("kind", "query", "expected", "within"), CASES, ids=[c[1] for c in CASES])
def test_query_finds_the_item(kind, query, expected, within):
    hits = search(CATALOG, query, limit=20)
    if expected is None:
        assert hits == [], [h.name for h in hits]
        return
    codes = [h.code for h in hits]
    assert code(expected) in codes[:within], f"{kind} {query!r}: {[h.name for h in hits]}"


def test_enough_cases_of_every_kind():
    kinds = {}
    for kind, *_ in CASES:
        kinds[kind] = kinds.get(kind, 0) + 1
    assert len(CASES) >= 40
    for kind in ("1-char", "2-char", "3+ chars", "pinyin", "initials", "mixed", "alias"):
        assert kinds[kind] >= 3, kind


def test_results_are_best_first_and_scored():
    hits = search(CATALOG, "社会保障卡申领")
    assert hits[0].name == SSCARD and hits[0].score == 100.0  # exact name
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_limit_and_empty_queries():
    assert len(search(CATALOG, "申", limit=3)) == 3
    assert search(CATALOG, "   ") == [] and search(CATALOG, "，。！") == []
    assert search(CATALOG, "养老", limit=0) == []


def test_full_width_and_case_are_normalised():
    assert search(CATALOG, "ＣＪＲＺ")[0].name == DISABLED_CARD
    assert search(CATALOG, "  DiBao ")[0].name == DIBAO


# --- ranking, on a small index where every rule can be seen ------------------------------------
DOCS = [
    IndexDoc("A", "救助", village=False),  # exact
    IndexDoc("B", "救助站管理", village=False),  # prefix
    IndexDoc("C", "临时救助申请", village=False),  # elsewhere in the name
    IndexDoc("D", "困难帮扶", aliases=("救助金",), village=False),  # alias
    IndexDoc("E", "慈善捐赠", facets=("社会救助",), village=False),  # theme
    IndexDoc("F", "五保供养", guide="无法定赡养人的可申请救助供养", village=False),  # guide
    IndexDoc("G", "不相干的事项", village=False),
    IndexDoc("V1", "受灾人员救助", village=True),
    IndexDoc("V2", "急难救助（代办）", village=True),
    IndexDoc("R", "张𠮷户籍迁移", village=False),
    IndexDoc("H", "银行账户变更", village=False),
]


@pytest.fixture(scope="module")
def mini():
    return SearchIndex.build_memory(DOCS)


def test_rank_exact_prefix_contains_alias_theme_guide(mini):
    codes = [h.code for h in mini.search("救助", 20)]
    # within a tier, village-acceptable items and then shorter names come first
    assert codes == ["A", "B", "V1", "V2", "C", "D", "E", "F"]


def test_village_items_first_at_a_village_station(mini):
    codes = [h.code for h in mini.search("救助", 20, prefer_village=True)]
    assert codes[:2] == ["V1", "V2"] and codes[2:] == ["A", "B", "C", "D", "E", "F"]


def test_rare_characters_outside_the_bmp(mini):
    assert [h.code for h in mini.search("𠮷", 5)] == ["R"]
    assert [h.code for h in mini.search("张𠮷", 5)] == ["R"]


def test_polyphonic_character_all_readings(mini):
    assert [h.code for h in mini.search("yinhang", 5)] == ["H"]  # 行 = hang
    assert [h.code for h in mini.search("yinxing", 5)] == ["H"]  # … and xing
    assert [h.code for h in mini.search("yh", 5)] == ["H"]


def test_normalize():
    assert normalize("Ｃ 城乡·居民（新生儿）") == "c城乡居民新生儿"


# --- the index as derived data on disk ----------------------------------------------------------
def test_index_file_is_reused_and_rebuilt_when_the_catalog_changes(tmp_path):
    path = tmp_path / "catalog.sqlite3"
    first = SearchIndex.for_catalog(CATALOG, path)
    stamp = path.stat().st_mtime_ns
    first.close()
    again = SearchIndex.for_catalog(CATALOG, path)
    assert path.stat().st_mtime_ns == stamp, "unchanged catalog: the file is reused"
    assert again.search("低保", 1)[0].name == DIBAO
    again.close()
    changed = Catalog(CATALOG.items()[:3], version="2099.1")
    rebuilt = SearchIndex.for_catalog(changed, path)
    assert rebuilt.meta["catalog_version"] == "2099.1" and rebuilt.doc_count == 3
    rebuilt.close()


def test_a_corrupt_index_file_is_rebuilt(tmp_path):
    path = tmp_path / "catalog.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    index = SearchIndex.for_catalog(CATALOG, path)
    assert index.search("cjrz", 1)[0].name == DISABLED_CARD


def test_concurrent_searches_from_worker_threads():
    results: list[str] = []
    errors: list[BaseException] = []

    def worker(query: str) -> None:
        try:
            for _ in range(30):
                results.append(search(CATALOG, query, 1)[0].code)
        except BaseException as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=worker, args=(q,)) for q in ("低保", "cjrz", "yanglao", "证")
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(results) == 120


def test_rare_query_made_of_common_pieces_is_found_exactly():
    """Both bigrams of 甲乙丙 are in 1,000 names, the whole query in one: the verifier switches
    to filtering by the other key after a poor hit rate, and must still find exactly it."""
    docs = [IndexDoc(f"A{i:04d}", f"甲乙事项{i:04d}") for i in range(1000)]
    docs += [IndexDoc(f"B{i:04d}", f"某某乙丙{i:04d}") for i in range(1000)]
    docs += [IndexDoc("T", "某甲乙丙登记"), IndexDoc("U", "登记", aliases=("小甲乙丙",))]
    index = SearchIndex.build_memory(docs)
    filtered_by = []
    real = index._doc_set

    def spy(keys, scratch):
        filtered_by.append(tuple(keys))
        return real(keys, scratch)

    index._doc_set = spy
    assert [h.code for h in index.search("甲乙丙", 20)] == ["T", "U"]
    assert [h.code for h in index.search("jiayibing", 20)] == ["T", "U"]
    assert index.search("丙甲乙", 20) == []
    assert filtered_by, "the filtering path was exercised"

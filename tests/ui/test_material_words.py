"""Material names in one language a line (issue 14): in the English UI every material of the
shipped catalog reads "户口簿 (Household register)" with its form and note in English, on
the agent's check step, in the file list and on the terminal's guide; in Chinese nothing
changes."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from kiosk.core.catalog import Catalog
from kiosk.ui.app import install_translators
from kiosk.ui.attachments import FileEntry, MaterialFiles
from kiosk.ui.kiosk_mode import guide_text
from kiosk.ui.material_words import SHIPPED, material_name, material_word
from kiosk.ui.new_application.check_step import CheckStep
from kiosk.ui.new_application.state import FlowState
from tests.conftest import AGENT

CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")
HOMESTEAD = "330000-01-0001"  # notes, forms and counts on every material


@pytest.fixture
def english(qapp) -> Iterator[None]:
    install_translators(qapp, "en")
    yield
    install_translators(qapp, "zh_CN")


def shipped_words(catalog: Catalog) -> set[str]:
    words = set()
    for item in catalog.items():
        for m in (item.guide or {}).get("materials", []) or []:
            words |= {str(m.get(k) or "") for k in ("name", "form", "note")} - {""}
    return words


def test_every_shipped_material_word_is_marked_and_has_english(english) -> None:
    words = shipped_words(Catalog.shipped())
    assert words <= set(SHIPPED), sorted(words - set(SHIPPED))  # lupdate sees them all
    untranslated = [w for w in sorted(words) if material_word(w) == w]
    assert untranslated == []
    assert material_name("户口簿") == "户口簿 (Household register)"
    assert material_word("原件") == "original"
    assert material_name("没有这种材料") == "没有这种材料"  # unknown: as the catalog has it


def only_the_names_are_chinese(line: str, names: list[str]) -> bool:
    for name in sorted(names, key=len, reverse=True):
        line = line.replace(name, "")
    return not CJK.search(line)


def test_the_check_step_says_each_material_in_one_language(qtbot, ctx, english) -> None:
    item = ctx.catalog.get(HOMESTEAD)
    step = CheckStep(ctx, AGENT)
    qtbot.addWidget(step)
    step.enter(FlowState(AGENT, item=item))
    names = [m["name"] for m, _box in step.material_boxes]
    lines = [box.text() for _m, box in step.material_boxes]
    assert lines[0] == (
        "户口簿 (Household register) (original, copies: 1, required, returned after the"
        " head-of-household page and the applicant's page are checked)"
    )
    assert all(only_the_names_are_chinese(line, names) for line in lines), lines


def test_the_file_list_names_materials_alike(qtbot, english) -> None:
    files = MaterialFiles()
    qtbot.addWidget(files)
    files.set_materials(["居民身份证", "户口簿"])
    shown = [files.material.itemText(i) for i in range(files.material.count())]
    assert shown == [
        "居民身份证 (Resident ID card)",
        "户口簿 (Household register)",
        "Other material",
    ]
    assert files.material.itemData(0) == "居民身份证"  # what is stored stays the catalog's
    files.set_entries([FileEntry(1, "户口簿", "hukou.pdf", 4096)])
    assert files.list.item(0).text().startswith("户口簿 (Household register): hukou.pdf (")


def test_the_terminal_guide_says_each_material_in_one_language(english) -> None:
    item = Catalog.shipped().get(HOMESTEAD)
    doc = guide_text.build(item)
    materials = [m for s in doc.sections for m in s.materials]
    names = [m.name for m in materials]
    assert materials[0].line.startswith("户口簿 (Household register) (original")
    assert materials[0].note == (
        "returned after the head-of-household page and the applicant's page are checked"
    )
    for m in materials:
        assert only_the_names_are_chinese(f"{m.line} {m.note}", names), m


def test_chinese_is_unchanged(qtbot, ctx) -> None:
    item = ctx.catalog.get(HOMESTEAD)
    step = CheckStep(ctx, AGENT)
    qtbot.addWidget(step)
    step.enter(FlowState(AGENT, item=item))
    first = step.material_boxes[0][1].text()
    assert first == "户口簿（原件，1 份，必需，核验户主页和本人页后退还）"
    lines = [m.line for s in guide_text.build(item).sections for m in s.materials]
    assert lines[0] == "户口簿（原件 1 份）"

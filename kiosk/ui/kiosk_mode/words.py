"""Words the core speaks in Chinese (status, rating levels, reasons, topics), shown translated.

The core keeps its Chinese strings (they also go to the hub and onto paper). The terminal shows
them through Qt's translator: every string here is marked for lupdate with
``QT_TRANSLATE_NOOP("KioskWords", ...)`` and looked up at run time with :func:`word`, which
falls back to the Chinese text for anything unknown (e.g. a topic a newer catalog brings).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.core.evaluations import LEVELS, QUICK_REASONS
from kiosk.core.public_lookup import PLAIN_WORDS
from kiosk.core.status import AppStatus
from kiosk.ui.translate_marks import QT_TRANSLATE_NOOP

CONTEXT = "KioskWords"

# Same literals as kiosk.core.public_lookup.PLAIN_WORDS (a test keeps them in step).
STATUS_WORDS: dict[AppStatus, str] = {
    AppStatus.QUEUED: QT_TRANSLATE_NOOP("KioskWords", "代办点已收件，等待报送"),
    AppStatus.SENDING: QT_TRANSLATE_NOOP("KioskWords", "正在报送"),
    AppStatus.SUBMITTED: QT_TRANSLATE_NOOP("KioskWords", "已报送到政务服务网，等待受理"),
    AppStatus.ACCEPTED: QT_TRANSLATE_NOOP("KioskWords", "已受理"),
    AppStatus.NEED_SUPPLEMENT: QT_TRANSLATE_NOOP("KioskWords", "需要补充材料，请联系村代办员"),
    AppStatus.COMPLETED: QT_TRANSLATE_NOOP("KioskWords", "已办结"),
    AppStatus.REJECTED: QT_TRANSLATE_NOOP("KioskWords", "不予受理，请联系村代办员了解原因"),
    AppStatus.WITHDRAWN: QT_TRANSLATE_NOOP("KioskWords", "已撤回"),
    AppStatus.DISPATCHED: QT_TRANSLATE_NOOP("KioskWords", "办理结果已寄出"),
    AppStatus.SIGNED: QT_TRANSLATE_NOOP("KioskWords", "办理结果已签收"),
    AppStatus.HANDED_OVER: QT_TRANSLATE_NOOP("KioskWords", "办理结果已领取"),
}

# 好差评 levels, best first (same literals as kiosk.core.evaluations.LEVELS).
LEVEL_WORDS: dict[int, str] = {
    5: QT_TRANSLATE_NOOP("KioskWords", "非常满意"),
    4: QT_TRANSLATE_NOOP("KioskWords", "满意"),
    3: QT_TRANSLATE_NOOP("KioskWords", "基本满意"),
    2: QT_TRANSLATE_NOOP("KioskWords", "不满意"),
    1: QT_TRANSLATE_NOOP("KioskWords", "非常不满意"),
}

# Quick reasons (same literals as kiosk.core.evaluations.QUICK_REASONS).
REASON_WORDS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("KioskWords", "态度好"),
    QT_TRANSLATE_NOOP("KioskWords", "效率高"),
    QT_TRANSLATE_NOOP("KioskWords", "一次办成"),
    QT_TRANSLATE_NOOP("KioskWords", "态度差"),
    QT_TRANSLATE_NOOP("KioskWords", "效率低"),
    QT_TRANSLATE_NOOP("KioskWords", "材料多次补充"),
    QT_TRANSLATE_NOOP("KioskWords", "等待时间长"),
    QT_TRANSLATE_NOOP("KioskWords", "流程不清楚"),
)

# Life events and themes that provincial catalogs commonly use. A catalog may bring others:
# those show in Chinese (they are catalog data) with the default icon.
TOPIC_WORDS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("KioskWords", "养老"),
    QT_TRANSLATE_NOOP("KioskWords", "就业"),
    QT_TRANSLATE_NOOP("KioskWords", "生育"),
    QT_TRANSLATE_NOOP("KioskWords", "出生"),
    QT_TRANSLATE_NOOP("KioskWords", "医疗"),
    QT_TRANSLATE_NOOP("KioskWords", "就医"),
    QT_TRANSLATE_NOOP("KioskWords", "教育"),
    QT_TRANSLATE_NOOP("KioskWords", "上学"),
    QT_TRANSLATE_NOOP("KioskWords", "住房"),
    QT_TRANSLATE_NOOP("KioskWords", "建房"),
    QT_TRANSLATE_NOOP("KioskWords", "婚姻"),
    QT_TRANSLATE_NOOP("KioskWords", "身后事"),
    QT_TRANSLATE_NOOP("KioskWords", "残疾"),
    QT_TRANSLATE_NOOP("KioskWords", "残疾人"),
    QT_TRANSLATE_NOOP("KioskWords", "救助"),
    QT_TRANSLATE_NOOP("KioskWords", "社会救助"),
    QT_TRANSLATE_NOOP("KioskWords", "户籍"),
    QT_TRANSLATE_NOOP("KioskWords", "户籍身份"),
    QT_TRANSLATE_NOOP("KioskWords", "农业"),
    QT_TRANSLATE_NOOP("KioskWords", "务农"),
    QT_TRANSLATE_NOOP("KioskWords", "农业农村"),
    QT_TRANSLATE_NOOP("KioskWords", "社会保障"),
    QT_TRANSLATE_NOOP("KioskWords", "社保"),
    QT_TRANSLATE_NOOP("KioskWords", "医疗保障"),
    QT_TRANSLATE_NOOP("KioskWords", "卫生健康"),
    QT_TRANSLATE_NOOP("KioskWords", "民政"),
    QT_TRANSLATE_NOOP("KioskWords", "退役军人"),
    QT_TRANSLATE_NOOP("KioskWords", "优待抚恤"),
    QT_TRANSLATE_NOOP("KioskWords", "交通出行"),
    QT_TRANSLATE_NOOP("KioskWords", "证明开具"),
    QT_TRANSLATE_NOOP("KioskWords", "其他"),
)

OTHER_TOPIC = "其他"


def word(text: str) -> str:
    """``text`` in the current language; unknown words come back as they are."""
    return QCoreApplication.translate(CONTEXT, text)


ZERO_WIDTH_SPACE = "\u200b"


def breakable(code: str) -> str:
    """A long code (办件编号: 实施编码 + date + number, some 40 characters) that may wrap
    between any two characters: one unbroken word wider than the screen would make its
    page wider than the screen (a 特大 line on 1024 px holds about 35 digits)."""
    return ZERO_WIDTH_SPACE.join(code)


def status_words(status: AppStatus) -> str:
    return word(STATUS_WORDS.get(status, ""))


def status_of_words(words: str) -> AppStatus | None:
    """The status a core plain-words line stands for (PublicStep carries only words)."""
    for status, text in PLAIN_WORDS.items():
        if text == words:
            return status
    return None


def core_tables_match() -> bool:
    """True while these tables use exactly the core's strings."""
    return (
        {k: v for k, v in STATUS_WORDS.items()} == dict(PLAIN_WORDS)
        and LEVEL_WORDS == LEVELS
        and REASON_WORDS == QUICK_REASONS
    )

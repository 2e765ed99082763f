"""ID-card readers (二代身份证阅读器), behind one small interface.

Real readers come with vendor SDKs (a DLL on Windows, a .so on Linux) that return the card's
fields; a driver for one of them implements :class:`CardReader`. The simulated reader serves
tests and the demo: it returns cards that were "placed" on it, one at a time.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import deque
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from kiosk.core.errors import KioskError
from kiosk.forms.validators import check_id_number, id_birth_date, id_sex


@dataclass(frozen=True)
class IdCard:
    name: str
    id_number: str
    sex: str
    birth_date: str  # ISO date
    address: str
    ethnicity: str = "汉"
    issuer: str = ""
    valid_until: str = ""  # ISO date, or "长期"
    # what kiosk/devices reads off a real card besides the fields above
    card_type: str = "居民身份证"  # or 外国人永久居留身份证 / 港澳台居民居住证
    valid_from: str = ""  # ISO date
    name_en: str = ""  # 外国人永久居留身份证
    nationality: str = ""  # ISO 3166 alpha-3 code, 外国人永久居留身份证
    permit_number: str = ""  # 通行证号码, 港澳台居民居住证
    issue_count: str = ""  # 签发次数, 港澳台居民居住证
    # decoded photo (only when a decoder is configured); never in answers(), never stored
    photo: bytes | None = field(default=None, repr=False, compare=False)

    def answers(self) -> dict[str, str]:
        """What a form can take from the card (field keys used by the catalog's forms)."""
        return {
            "name": self.name,
            "id_number": self.id_number,
            "sex": self.sex,
            "birth_date": self.birth_date,
            "address": self.address,
        }

    def expired(self, today: dt.date) -> bool:
        return (
            self.valid_until not in ("", "长期") and dt.date.fromisoformat(self.valid_until) < today
        )


class CardReadError(KioskError):
    pass


class CardReader(Protocol):
    def available(self) -> bool: ...
    def read(self, timeout_s: float = 5.0) -> IdCard | None:
        """The card on the reader, or None if no card came within the timeout."""
        ...


def card_from_id_number(name: str, id_number: str, address: str, **extra: Any) -> IdCard:
    problem = check_id_number(id_number)
    if problem:
        raise CardReadError("读卡数据异常：" + problem, "card data has an invalid id number")
    birth = id_birth_date(id_number)
    assert birth is not None
    return IdCard(
        name=name,
        id_number=id_number,
        sex=id_sex(id_number),
        birth_date=birth.isoformat(),
        address=address,
        **extra,
    )


class SimulatedCardReader:
    """Cards are placed with :meth:`place` (or loaded from a JSON file); ``read`` takes one."""

    def __init__(self, cards: list[IdCard] | None = None) -> None:
        self._cards: deque[IdCard] = deque(cards or [])
        self._event = threading.Event()
        if self._cards:
            self._event.set()

    @classmethod
    def from_file(cls, path: Path) -> SimulatedCardReader:
        data = json.loads(path.read_text("utf-8"))
        return cls([IdCard(**c) for c in data])

    def place(self, card: IdCard) -> None:
        self._cards.append(card)
        self._event.set()

    def available(self) -> bool:
        return True

    def read(self, timeout_s: float = 5.0) -> IdCard | None:
        if not self._event.wait(timeout_s):
            return None
        card = self._cards.popleft()
        if not self._cards:
            self._event.clear()
        return card

    def dump(self) -> list[dict[str, str]]:
        return [asdict(c) for c in self._cards]

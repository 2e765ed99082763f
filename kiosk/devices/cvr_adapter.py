"""A vendor's ID-card library (``CVR_*`` API) behind the app's :class:`CardReader`.

The library runs in a helper process (kiosk/devices/cvr_helper.py; a 32-bit Python for a
32-bit DLL via ``python``). The fields it returns are checked exactly like a card read
over the SAM protocol: they are put into the standard text block and parsed from there
(GB 11643, dates, card type). As with the serial reader, a card must be lifted (the
library stops finding it) before the next read. A helper that dies (a crashing DLL) is
reported and started again at the next read.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from typing import IO, Any

from kiosk.core.card_reader import CardReadError, IdCard
from kiosk.devices.id_text import FOREIGNER, PERMIT_HMT, RESIDENT, encode_text, parse_text
from kiosk.devices.sam_reader import LIFT_FIRST

CARD_TYPES = {"": RESIDENT, " ": RESIDENT, "I": FOREIGNER, "J": PERMIT_HMT}


def _iso(value: str) -> str:
    if value.strip() == "长期":
        return "长期"
    digits = re.sub(r"\D", "", value)
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}" if len(digits) == 8 else value


def card_from_fields(fields: dict[str, str]) -> IdCard:
    """The vendor's fields → an :class:`IdCard`, through the standard text block's checks."""
    kind = CARD_TYPES.get(fields.get("card_type", "").strip().upper(), RESIDENT)
    try:
        card = IdCard(
            name=fields.get("name", ""),
            id_number=fields.get("id_number", "").upper(),
            sex=fields.get("sex", ""),
            birth_date=_iso(fields.get("birth", "")),
            address=fields.get("address", ""),
            ethnicity=fields.get("nation", "").removesuffix("族"),
            issuer=fields.get("issuer", ""),
            valid_until=_iso(fields.get("valid_until", "")),
            card_type=kind,
            valid_from=_iso(fields.get("valid_from", "")),
            name_en=fields.get("name_en", ""),
            nationality=fields.get("nationality", ""),
            permit_number=fields.get("permit_number", ""),
            issue_count=fields.get("issue_count", ""),
        )
        block = encode_text(card)
    except (ValueError, KeyError) as exc:
        raise CardReadError(
            "读卡库返回的数据格式不对，请重新读卡；仍不行请手工录入。", f"vendor fields: {exc}"
        ) from exc
    return parse_text(block)


class CvrCardReader:
    def __init__(
        self,
        library: str,
        port: int = 1001,
        *,
        python: str = sys.executable,
        poll_s: float = 0.1,
        answer_timeout_s: float = 10.0,
    ) -> None:
        self.library = library
        self.port = port
        self.python = python
        self.poll_s = poll_s
        self.answer_timeout_s = answer_timeout_s
        self._proc: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()
        self._awaiting_lift = False

    def _failed(self, detail: str) -> CardReadError:
        self._stop()
        return CardReadError(
            f"读卡器（厂商读卡库，端口 {self.port}）不能使用。请检查读卡器连线和读卡库"
            f"（{self.library}），然后再读一次。",
            f"vendor card reader: {detail}",
        )

    def _start(self) -> subprocess.Popen[str]:
        if self._proc is None or self._proc.poll() is not None:
            self._proc = subprocess.Popen(
                [self.python, "-m", "kiosk.devices.cvr_helper", self.library, str(self.port)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
            hello = self._line(self._proc)
            if not hello.get("ok"):
                raise self._failed(f"helper start: {hello}")
        return self._proc

    def _line(self, proc: subprocess.Popen[str]) -> dict[str, Any]:
        out: IO[str] | None = proc.stdout
        assert out is not None
        got: list[str] = []
        reader = threading.Thread(target=lambda: got.append(out.readline()), daemon=True)
        reader.start()
        reader.join(self.answer_timeout_s)
        if not got or not got[0]:
            raise self._failed("helper gave no answer (crashed or hung)")
        return dict(json.loads(got[0]))

    def _ask(self, op: str) -> dict[str, Any]:
        proc = self._start()
        assert proc.stdin is not None
        try:
            proc.stdin.write(json.dumps({"op": op}) + "\n")
            proc.stdin.flush()
        except OSError as exc:
            raise self._failed(f"helper gone: {exc}") from exc
        return self._line(proc)

    def available(self) -> bool:
        """Cheap (the UI asks on its own thread): the library file is there."""
        return os.path.exists(self.library)

    def check(self) -> str:
        """Start the helper: the library loads and its port opens (doctor, devices dialog)."""
        with self._lock:
            self._start()
        return "读卡库已打开"

    def read(self, timeout_s: float = 5.0) -> IdCard | None:
        deadline = time.monotonic() + timeout_s
        with self._lock:
            while True:
                found = bool(self._ask("find").get("found"))
                if found and not self._awaiting_lift:
                    answer = self._ask("read")
                    if not answer.get("ok"):
                        raise CardReadError(
                            "读卡失败：身份证可能被移开了。请把身份证平放在读卡器上，再读一次。",
                            f"vendor read failed: {answer}",
                        )
                    card = card_from_fields(answer["fields"])
                    self._awaiting_lift = True
                    return card
                if not found:
                    self._awaiting_lift = False
                if time.monotonic() + self.poll_s > deadline:
                    if found:
                        raise LIFT_FIRST
                    return None
                time.sleep(self.poll_s)  # the reader's poll interval

    def _stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            try:
                assert proc.stdin is not None
                proc.stdin.write(json.dumps({"op": "close"}) + "\n")
                proc.stdin.flush()
                proc.wait(2)
            except (OSError, subprocess.TimeoutExpired):
                proc.kill()
                proc.wait(2)

    def close(self) -> None:
        with self._lock:
            self._stop()

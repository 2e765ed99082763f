"""The demo station: fictional residents, a local hub, and the headless walkthrough."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import Any

from hub.server import BackgroundHub
from kiosk.context import AppContext
from kiosk.core.card_reader import IdCard, SimulatedCardReader, card_from_id_number
from kiosk.forms.validators import id_check_char

log = logging.getLogger(__name__)

DEMO_STATION_CODE = "330106109201"  # fictional village under a real county code (西湖区)
DEMO_STATION_NAME = "西湖区示范村代办点（演示）"
DEMO_AGENT = "demo"
DEMO_PIN = "123456"
PENSION_ITEM = "330000-20-0001"


def make_id_number(region: str, birth: dt.date, seq: int) -> str:
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + id_check_char(body)


def demo_residents() -> list[dict[str, Any]]:
    """Fictional residents (valid check digits, obviously fake phone numbers)."""
    people = [
        ("王秀英", dt.date(1962, 3, 14), 22, "女", "西湖区示范村东头12号"),
        ("李建国", dt.date(1958, 11, 2), 31, "男", "西湖区示范村村委会旁5号"),
        ("张𠮷", dt.date(1975, 6, 30), 17, "男", "西湖区示范村溪边路8号"),
    ]
    out = []
    for i, (name, birth, seq, sex, addr) in enumerate(people):
        out.append(
            {
                "name": name,
                "id_number": make_id_number("330106", birth, seq),
                "sex": sex,
                "birth_date": birth.isoformat(),
                "phone": f"1390000{i:04d}",
                "address": addr,
                "contribution_level": "500",
                "has_other_pension": False,
            }
        )
    return out


class DemoCardReader(SimulatedCardReader):
    """The demo's ID-card reader: the demo residents' cards, read in turn, round and round."""

    def read(self, timeout_s: float = 5.0) -> IdCard | None:
        card = super().read(timeout_s)
        if card is not None:
            self.place(card)
        return card


def demo_card_reader() -> DemoCardReader:
    return DemoCardReader(
        [
            card_from_id_number(
                r["name"],
                r["id_number"],
                r["address"],
                issuer="杭州市公安局西湖分局",
                valid_until="2036-01-01",
            )
            for r in demo_residents()
        ]
    )


def ensure_demo_agent(ctx: AppContext) -> None:
    if not any(a.name == DEMO_AGENT for a in ctx.agents.list()):
        ctx.agents.add(DEMO_AGENT, "agent", DEMO_PIN)
    if ctx.agent_profiles is not None and ctx.agent_profiles.get(DEMO_AGENT) is None:
        from kiosk.core.agent_identity import AgentProfile

        # a fictional agent, as printed on receipts and 委托书 (never the login name)
        real_id = make_id_number("330106", dt.date(1982, 3, 15), 1)
        ctx.agent_profiles.set(
            DEMO_AGENT, AgentProfile("王建国", real_id, "13900001111", "示范村便民服务代办点")
        )


def attach_demo_hub(ctx: AppContext) -> BackgroundHub:
    """Start the demo station's own hub in this process and point the station at it."""
    hub = BackgroundHub(f"sqlite:///{ctx.data_dir / 'demo-hub.sqlite3'}").start()
    ctx.settings.hub_url = hub.url
    if ctx.station() is None:
        code = hub.service.issue_enrollment_code(DEMO_STATION_CODE)
        ctx.provision(hub.url, DEMO_STATION_CODE, DEMO_STATION_NAME, code)
    else:
        ctx.set_hub_url(hub.url)
    ensure_demo_agent(ctx)
    return hub


LONG_TIMELINE = (
    (
        "受理",
        "材料齐全，予以受理，请保持电话畅通，县人力资源和社会保障局将在五个工作日内核对参保记录",
    ),
    (
        "补齐补正",
        "户口簿首页复印件不清晰，请补交清晰的户口簿首页及本人页复印件各一份，并由本人签字确认",
    ),
    ("受理", "补正材料已收到，核对无误，继续办理"),
    ("办结", "已登记参保，待遇自次月起按月发放到社会保障卡金融账户，可在村代办点打印办结通知"),
)


def give_long_timeline(hub: BackgroundHub, case_no: str) -> None:
    """Play a back office that asks for more papers once: a case with a long timeline."""
    for stage, note in LONG_TIMELINE:
        hub.service.advance(case_no, stage, note)


class DemoBackOffice:
    """Plays the county back office: accepts new cases, then completes them, on a timer."""

    def __init__(self, hub: BackgroundHub, interval: float = 20.0) -> None:
        self._hub = hub
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="demo-back-office")

    def start(self) -> DemoBackOffice:
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                self._hub.service.simulate_step()
            except Exception:  # the demo must never take the app down
                log.exception("demo back office step failed")

    def stop(self) -> None:
        self._stop.set()

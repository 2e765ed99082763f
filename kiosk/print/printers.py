"""Why a printer cannot print right now, in words a village agent can act on.

Qt only says "idle/active/error"; CUPS knows the reason (out of paper, offline, paused …).
On systems with CUPS we ask it through ``lpoptions`` (which honours ``CUPS_SERVER``); where
there is no CUPS (Windows) the caller falls back to what Qt reports.
"""

from __future__ import annotations

import logging
import shlex
import shutil
import subprocess
from dataclasses import dataclass

log = logging.getLogger(__name__)

# printer-state-reasons keywords (RFC 8011 §5.4.12, CUPS) → what the agent should do.
# Matched as prefixes: "media-empty-error", "media-empty-warning" … all mean the same here.
REASONS_ZH: tuple[tuple[str, str], ...] = (
    ("media-empty", "打印机缺纸，请装入纸张（热敏打印机请更换纸卷）后重新打印。"),
    ("media-needed", "打印机缺纸，请装入纸张（热敏打印机请更换纸卷）后重新打印。"),
    ("media-jam", "打印机卡纸，请打开打印机取出卡住的纸张后重新打印。"),
    ("door-open", "打印机盖板未关好，请关好后重新打印。"),
    ("cover-open", "打印机盖板未关好，请关好后重新打印。"),
    ("toner-empty", "打印机墨粉（碳粉）已用完，请更换硒鼓或墨盒后重新打印。"),
    ("marker-supply-empty", "打印机墨粉（墨水）已用完，请更换后重新打印。"),
    ("offline", "打印机处于离线状态，请检查打印机电源和数据线（或网络）后重新打印。"),
    ("shutdown", "打印机已关机，请打开打印机电源后重新打印。"),
    ("connecting-to-device", "正在连接打印机但尚未连上，请检查打印机电源和数据线后重新打印。"),
    ("paused", "打印机已被暂停，请在系统的打印机设置中恢复（启用）该打印机后重新打印。"),
)


@dataclass(frozen=True)
class PrinterStatus:
    state: int | None  # IPP printer-state: 3 idle, 4 processing, 5 stopped
    reasons: tuple[str, ...]
    accepting: bool | None

    def problem_zh(self) -> str | None:
        """A Chinese sentence for the first problem found, or None if it can print."""
        for reason in self.reasons:
            # "-warning"/"-report" can still print (another tray, low toner); CUPS reports an
            # unreachable printer as "offline-report", which cannot
            if reason.endswith(("-warning", "-report")) and reason != "offline-report":
                continue
            for prefix, message in REASONS_ZH:
                if reason.startswith(prefix):
                    return message
        if self.accepting is False:
            return "打印机当前不接受打印任务，请在系统的打印机设置中启用该打印机后重新打印。"
        if self.state == 5:
            return "打印机已停止工作，请检查打印机是否开机、有纸，并在系统的打印机设置中恢复它。"
        return None


def parse_lpoptions(text: str) -> PrinterStatus | None:
    try:
        words = shlex.split(text)
    except ValueError:
        return None
    options = dict(w.split("=", 1) for w in words if "=" in w)
    if "printer-state" not in options and "printer-state-reasons" not in options:
        return None  # not a CUPS destination we know
    state = options.get("printer-state", "")
    reasons = options.get("printer-state-reasons", "none")
    accepting = options.get("printer-is-accepting-jobs")
    return PrinterStatus(
        state=int(state) if state.isdigit() else None,
        reasons=tuple(r for r in reasons.split(",") if r and r != "none"),
        accepting=None if accepting is None else accepting == "true",
    )


def cups_status(printer: str, timeout: float = 5.0) -> PrinterStatus | None:
    """The printer's state as CUPS sees it, or None where CUPS is unavailable or silent."""
    tool = shutil.which("lpoptions")
    if tool is None or not printer:
        return None
    try:
        res = subprocess.run(
            [tool, "-p", printer], capture_output=True, text=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("lpoptions for a printer failed: %s", type(exc).__name__)
        return None
    if res.returncode != 0:
        return None
    return parse_lpoptions(res.stdout)

"""Fill English translations into assets/translations/kiosk_en.ts (source strings are Chinese).

Run after ``./dev i18n`` extracted new strings; then ``./dev i18n`` again compiles the .qm.
Unknown strings are left unfinished and listed, so nothing is silently untranslated.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parent.parent / "assets" / "translations" / "kiosk_en.ts"

EN = {
    "11位手机号码": "11-digit mobile number",
    "18位身份证号": "18-character ID number",
    "PIN 码": "PIN",
    "事项列表": "Service items",
    "关闭": "Close",
    "办件队列": "Case queue",
    "受理回执 ": "Receipt ",
    "另一个同步正在进行": "Another sync is running",
    "同步失败": "Sync failed",
    "否": "No",
    "是": "Yes",
    "尚未同步": "Not synced yet",
    "已保存，排队等待发送。本地受理号：": "Saved and queued for sending. Local reference: ",
    "已保存：": "Saved: ",
    "已同步：新收件 {0}，状态更新 {1}，待发送 {2}": "Synced: {0} new cases, {1} status updates, {2} waiting",
    "打印…": "Print…",
    "打印": "Print",
    "打印机": "Printer",
    "纸张": "Paper",
    "打印设置…": "Printer settings…",
    "A4 纸": "A4 sheet",
    "80 毫米热敏纸": "80 mm thermal roll",
    "58 毫米热敏纸": "58 mm thermal roll",
    "正在重新排版…": "Laying out again…",
    "正在发送到打印机…": "Sending to the printer…",
    "已发送到打印机：": "Sent to printer: ",
    " 文书仍在此窗口中，处理后可直接重新打印，或改选其他打印机。": " The document is still here: fix the printer and print again, or choose another printer.",
    "这台电脑上没有可用的打印机。请连接打印机并安装驱动。": "No printer is installed on this computer. Connect a printer and install its driver.",
    "打印委托书": "Print authorization",
    "打印补正告知": "Print supplement notice",
    "打印回执": "Print receipt",
    "打印失败": "Printing failed",
    "打印机未就绪（可能未开机、缺纸或未连接）。回执已保存，可在办件队列中重新打印。": "The printer is not ready (off, out of paper or not connected). The receipt is kept; "
    "reprint it from the case queue.",
    "提交（Ctrl+Enter）": "Submit (Ctrl+Enter)",
    "搜索事项": "Search items",
    "搜索事项：汉字、拼音或首字母": "Search items: Chinese, pinyin or initials",
    "操作": "Actions",
    "新建申请": "New application",
    "无法启动": "Cannot start",
    "村级代办 Kiosk": "Village Proxy Kiosk",
    "村级代办 · 登录": "Village Proxy · Log in",
    "村（社区）代办点": "Village (community) proxy-service point",
    "正在保存…": "Saving…",
    "正在同步…": "Syncing…",
    "正在验证…": "Checking…",
    "清空": "Clear",
    "演示账号：demo\u3000PIN：123456": "Demo account: demo\u3000PIN: 123456",
    "演示账号：{0}\u3000PIN：{1}": "Demo account: {0}\u3000PIN: {1}",
    "用户名": "User name",
    "登录": "Log in",
    "离线：{0}（待发送 {1} 件）": "Offline: {0} ({1} waiting)",
    "立即同步": "Sync now",
    "请先在左侧选择事项": "Choose a service item on the left first",
    "选择办理事项": "Choose the service item",
}


def main() -> int:
    tree = ET.parse(TS)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if source in EN:
            translation.text = EN[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    for source in missing:
        print(f"untranslated: {source}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())

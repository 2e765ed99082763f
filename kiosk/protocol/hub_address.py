"""Which hub addresses a station accepts: https only, because the device token and residents'
applications cross the network; plain http only to this PC itself (loopback: a local test
hub) or on a demo station (fictional residents). Certificate pinning (``ca_file``) stays on
top of this. One rule for the wizard, provisioning files, the command line and the hub's
``provision`` command."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from kiosk.protocol.errors import InputError

_SHAPE = re.compile(r"https?://[^\s/]+(:\d+)?(/\S*)?")
WHY_ZH = (
    "平台地址必须以 https:// 开头：注册凭据和群众的申请要经过网络传送，"
    "http:// 会让它们以明文传送（只有本机测试平台和演示站点可以用 http://）。"
)
WHY_EN = "hub address must be https:// (http only for loopback or a demo station)"


def is_loopback(host: str) -> bool:
    if host.lower() in {"localhost", "localhost."}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def hub_url_problem(url: str, demo: bool = False) -> tuple[str, str] | None:
    """(Chinese, English) if ``url`` may not be this station's hub, else None."""
    url = url.strip()
    if not _SHAPE.fullmatch(url):
        return (
            "平台地址格式不对，应以 https:// 开头，例如 https://hub.example.gov.cn",
            f"bad hub URL {url!r}",
        )
    parts = urlsplit(url)
    if parts.scheme == "https" or demo or is_loopback(parts.hostname or ""):
        return None
    return WHY_ZH, WHY_EN


def require_secure_hub_url(url: str, demo: bool = False) -> None:
    problem = hub_url_problem(url, demo)
    if problem is not None:
        raise InputError(*problem)

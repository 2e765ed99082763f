"""The one client interface to the provincial hub, and its HTTP implementation (httpx).

A province whose gateway speaks another API gets another class with the same methods;
the outbox engine does not change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

import httpx

from kiosk.core.errors import KioskError
from kiosk.sync.protocol import API_PREFIX

log = logging.getLogger(__name__)


class HubUnreachable(KioskError):
    """No definite answer (network down, timeout, 5xx, captive portal): try again later."""

    def __init__(self, zh: str, en: str, retry_after: float | None = None) -> None:
        super().__init__(zh, en)
        self.retry_after = retry_after


class HubAuthError(KioskError):
    """The hub does not accept this device any more: the station must be re-enrolled."""


class HubRefused(KioskError):
    """A definite refusal of a request (4xx other than auth)."""


class HubClient(Protocol):
    def enroll(self, enrollment_code: str, station_code: str) -> tuple[str, str]: ...
    def submit(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]: ...
    def has_blob(self, sha256: str) -> bool: ...
    def put_blob(self, sha256: str, data: bytes) -> None: ...
    def changes(self, cursor: int, limit: int = 500) -> tuple[list[dict[str, Any]], int]: ...


def _retry_after(resp: httpx.Response) -> float | None:
    value = resp.headers.get("Retry-After")
    if value and value.strip().isdigit():
        return float(value)
    return None


class HttpHubClient:
    def __init__(
        self,
        base_url: str,
        token: Callable[[], str | None],
        timeout: float = 20.0,
        ca_file: str = "",
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._token = token
        self._http = httpx.Client(
            base_url=base_url.rstrip("/") + API_PREFIX,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            verify=ca_file or True,
            transport=transport,
            follow_redirects=False,
        )

    def close(self) -> None:
        self._http.close()

    def _request(self, method: str, path: str, *, auth: bool = True, **kw: Any) -> httpx.Response:
        headers = kw.pop("headers", {})
        if auth:
            token = self._token()
            if not token:
                raise HubAuthError(
                    "本站点尚未注册到省级平台，请技术员先完成站点配置。",
                    "station has no device token",
                )
            headers["Authorization"] = f"Bearer {token}"
        try:
            resp = self._http.request(method, path, headers=headers, **kw)
        except httpx.TimeoutException as exc:
            raise HubUnreachable("连接省级平台超时，稍后会自动重试。", f"timeout: {exc}") from exc
        except httpx.TransportError as exc:
            raise HubUnreachable(
                "无法连接省级平台（网络不通），申请已保存，联网后会自动发送。",
                f"transport error: {type(exc).__name__}",
            ) from exc
        if resp.status_code == 401:
            raise HubAuthError(
                "省级平台不再接受本站点的设备凭证，请技术员重新注册本站点。",
                "device token rejected (401)",
            )
        if resp.status_code >= 500 or resp.status_code in (408, 429):
            raise HubUnreachable(
                f"省级平台暂时无法处理（{resp.status_code}），稍后会自动重试。",
                f"hub answered {resp.status_code}",
                _retry_after(resp),
            )
        if 300 <= resp.status_code < 400:
            raise HubUnreachable(
                "网络被重定向，可能需要先在浏览器中完成上网认证。",
                f"unexpected redirect {resp.status_code} (captive portal?)",
            )
        return resp

    def _json(self, resp: httpx.Response) -> Any:
        ctype = resp.headers.get("content-type", "")
        if "json" not in ctype:
            raise HubUnreachable(
                "收到的不是省级平台的应答，网络可能需要先完成上网认证。",
                f"non-JSON answer ({ctype or 'no content-type'}): captive portal?",
            )
        try:
            data = resp.json()
        except ValueError as exc:
            raise HubUnreachable(
                "省级平台应答不完整，稍后会自动重试。", "truncated or invalid JSON answer"
            ) from exc
        if resp.status_code >= 400:
            detail = data.get("detail") if isinstance(data, dict) else None
            raise HubRefused(
                str(detail or f"省级平台拒绝了请求（{resp.status_code}）。"),
                f"hub refused request: {resp.status_code} {data.get('title', '')}",
            )
        return data

    def enroll(self, enrollment_code: str, station_code: str) -> tuple[str, str]:
        resp = self._request(
            "POST",
            "/enroll",
            auth=False,
            json={"enrollment_code": enrollment_code, "station_code": station_code},
        )
        data = self._json(resp)
        return str(data["device_id"]), str(data["token"])

    def submit(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        data = self._json(self._request("POST", "/submissions", json={"items": items}))
        results = data.get("results") if isinstance(data, dict) else None
        if not isinstance(results, list) or len(results) != len(items):
            raise HubUnreachable(
                "省级平台应答内容不完整，稍后会自动重试。", "submission answer has the wrong shape"
            )
        return results

    def has_blob(self, sha256: str) -> bool:
        resp = self._request("HEAD", f"/blobs/{sha256}")
        if resp.status_code in (200, 404):
            return resp.status_code == 200
        raise HubRefused("附件查询失败。", f"HEAD blob answered {resp.status_code}")

    def put_blob(self, sha256: str, data: bytes) -> None:
        resp = self._request(
            "PUT",
            f"/blobs/{sha256}",
            content=data,
            headers={"Content-Type": "application/octet-stream"},
        )
        if resp.status_code not in (200, 201):
            self._json(resp)

    def changes(self, cursor: int, limit: int = 500) -> tuple[list[dict[str, Any]], int]:
        data = self._json(
            self._request("GET", "/changes", params={"cursor": cursor, "limit": limit})
        )
        return list(data["events"]), int(data["next_cursor"])

"""The one client interface to the provincial hub, and its HTTP implementation (httpx).

A province whose gateway speaks another API gets another class with the same methods;
the outbox engine does not change.

What counts as an answer: only a response that carries the hub's protocol header and,
where a body is expected, well-formed JSON of the right shape. Anything else — a captive
portal's 200 HTML page, a proxy's 502, a redirect, a truncated body, a timeout — is "no
answer" (:class:`HubUnreachable`): nothing is recorded and the work is tried again later.
"""

from __future__ import annotations

import email.utils
import logging
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from kiosk.protocol import models as m
from kiosk.protocol import wire as p
from kiosk.protocol.errors import KioskError
from kiosk.protocol.followup import ComplaintOut, ComplaintsOut, DeliveryChangeOut
from kiosk.sync.abort import AbortableTransport

log = logging.getLogger(__name__)
_M = TypeVar("_M", bound=BaseModel)

REENROL_ZH = (
    "省级平台已吊销本站点的设备凭证。请技术员向县级管理员申请新的注册码，"
    "在“站点配置”中（或用 kiosk setup 命令）重新注册本站点。"
    "已保存的申请不会丢失，重新注册后会自动发送。"
)


class HubUnreachable(KioskError):
    """No definite answer (network down, timeout, 5xx, captive portal): try again later."""

    def __init__(
        self, zh: str, en: str, retry_after: float | None = None, dropped: bool = False
    ) -> None:
        super().__init__(zh, en)
        self.retry_after = retry_after
        # the connection broke mid-request (reset, closed, cut answer): the next request
        # goes out on a fresh connection, and is worth trying at once
        self.dropped = dropped


class HubAuthError(KioskError):
    """The hub does not accept this device (any more): the station must be re-enrolled."""

    def __init__(self, zh: str, en: str, revoked: bool = False) -> None:
        super().__init__(zh, en)
        self.revoked = revoked


class HubRefused(KioskError):
    """A definite refusal of one request (4xx other than auth); ``detail`` is the hub's."""

    def __init__(
        self,
        zh: str,
        en: str,
        status: int = 400,
        kind: str = "",
        offset: int | None = None,
        problem: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(zh, en)
        self.status = status
        self.kind = kind
        self.offset = offset
        self.problem = problem or {}  # the whole problem body (a group's refused member …)


@dataclass(frozen=True)
class BlobStatus:
    offset: int  # bytes the hub holds for this station
    complete: bool


@dataclass(frozen=True)
class CatalogFeed:
    version: int
    etag: str | None
    bundle: dict[str, Any]  # {"version", "since", "items": [...], "withdrawn": [...]}


@dataclass(frozen=True)
class Enrolment:
    """What the hub answers at enrolment: the device, its token and the hub's public keys."""

    device_id: str
    token: str
    hub_box_key: str | None  # X25519: batch files are encrypted to it
    hub_sign_key: str | None  # Ed25519: status-return files are signed with it


class HubClient(Protocol):
    def enroll(
        self, enrollment_code: str, station_code: str, device_key: str | None = None
    ) -> Enrolment: ...
    def submit(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]: ...
    def submit_group(self, group: dict[str, Any]) -> dict[str, Any]: ...
    def has_blob(self, sha256: str) -> bool: ...
    def put_blob(self, sha256: str, data: bytes) -> None: ...
    def blob_status(self, sha256: str) -> BlobStatus: ...
    def put_blob_range(self, sha256: str, chunk: bytes, start: int, total: int) -> BlobStatus: ...
    def changes(self, cursor: int, limit: int = 500) -> tuple[list[dict[str, Any]], int]: ...
    def catalog(self, since: int, etag: str | None = None) -> CatalogFeed | None: ...
    def evaluate(self, evaluation: dict[str, Any]) -> dict[str, Any]: ...
    def rotate_token(self) -> str: ...
    def probe(self) -> bool: ...


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """``Retry-After`` in seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _tls_context(ca_file: str) -> ssl.SSLContext | bool:
    if not ca_file:
        return True  # the system's trust store; verification is never switched off
    if not Path(ca_file).is_file():
        raise KioskError(
            f"找不到省级平台的CA证书文件 {ca_file}，请技术员重新配置站点。",
            f"CA bundle {ca_file} not found",
        )
    return ssl.create_default_context(cafile=ca_file)  # trust only the station's CA


def _is_tls_failure(exc: BaseException) -> bool:
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, ssl.SSLError) or "CERTIFICATE_VERIFY_FAILED" in str(cur):
            return True
        cur = cur.__cause__ or cur.__context__
    return False


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
        # The token as last read from the station's secret store. Reading the OS keyring
        # costs a D-Bus round trip (about 20 ms with gnome-keyring), and a sync cycle makes
        # one request per batch and per attachment, so it is read once and read again only
        # when the hub refuses it (re-enrolled or rotated by another process meanwhile).
        self._cached_token: str | None = None
        verify = _tls_context(ca_file)
        self._abortable: AbortableTransport | None = None
        if transport is None:  # a real network: cuttable when the station closes mid-sync
            self._abortable = AbortableTransport(verify=verify)
            transport = self._abortable
        self._http = httpx.Client(
            base_url=base_url.rstrip("/") + p.API_PREFIX,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            verify=verify,
            transport=transport,
            follow_redirects=False,
            headers={"User-Agent": "village-kiosk"},
        )

    def close(self) -> None:
        self._http.close()

    def abort(self) -> None:
        """From any thread: the request in flight fails now as a dropped connection, and
        no new one is made (the station is closing)."""
        if self._abortable is not None:
            self._abortable.abort()

    # --- plumbing --------------------------------------------------------------------------
    def _current_token(self, fresh: bool) -> str:
        if fresh or self._cached_token is None:
            self._cached_token = self._token() or None
        if not self._cached_token:
            raise HubAuthError(
                "本站点尚未注册到省级平台，请技术员先完成站点配置。",
                "station has no device token",
            )
        return self._cached_token

    def _request(self, method: str, path: str, *, auth: bool = True, **kw: Any) -> httpx.Response:
        if not auth:
            return self._checked(self._send(method, path, **kw))
        cached = self._cached_token is not None
        token = self._current_token(fresh=False)
        headers = dict(kw.pop("headers", {}))
        resp = self._send(
            method, path, headers={**headers, "Authorization": f"Bearer {token}"}, **kw
        )
        if resp.status_code == 401 and cached and self._current_token(fresh=True) != token:
            # the store holds another token than the one kept here: a re-enrolment or a
            # rotation by another process. The refused request changed nothing: send it again.
            token = self._current_token(fresh=False)
            rewind = getattr(kw.get("content"), "seek", None)
            if rewind is not None:
                rewind(0)  # a file streamed from disk: from its start again
            auth_header = {**headers, "Authorization": f"Bearer {token}"}
            resp = self._send(method, path, headers=auth_header, **kw)
        return self._checked(resp)

    def _send(self, method: str, path: str, **kw: Any) -> httpx.Response:
        try:
            return self._http.request(method, path, **kw)
        except httpx.TimeoutException as exc:
            raise HubUnreachable(
                "连接省级平台超时，申请已保存，稍后会自动重试。", f"timeout: {type(exc).__name__}"
            ) from exc
        except httpx.TransportError as exc:
            if _is_tls_failure(exc):
                raise HubUnreachable(
                    "无法验证省级平台的安全证书，可能连到了假冒的网站，或本站点的CA证书配置有误。"
                    "申请已保存；请技术员检查站点配置中的CA证书。",
                    f"TLS verification failed: {exc}",
                ) from exc
            raise HubUnreachable(
                "无法连接省级平台（网络不通），申请已保存，联网后会自动发送。",
                f"transport error: {type(exc).__name__}",
                dropped=not isinstance(exc, httpx.ConnectError),  # it was connected: a drop
            ) from exc

    def _checked(self, resp: httpx.Response) -> httpx.Response:
        if resp.status_code >= 500 or resp.status_code in (408, 429):
            raise HubUnreachable(
                f"省级平台暂时无法处理（{resp.status_code}），申请已保存，稍后会自动重试。",
                f"hub answered {resp.status_code}",
                parse_retry_after(resp.headers.get("Retry-After")),
            )
        if resp.headers.get(p.PROTOCOL_HEADER) is None:
            raise HubUnreachable(
                "收到的不是省级平台的应答，网络可能需要先在浏览器中完成上网认证。申请已保存。",
                f"answer without the hub's protocol header ({resp.status_code}, "
                f"{resp.headers.get('content-type', 'no content-type')}): captive portal?",
            )
        if resp.status_code == 401:
            kind = self._problem(resp).get("type", "")
            if kind == p.PROBLEM_TOKEN_REVOKED:
                raise HubAuthError(REENROL_ZH, "device token revoked (401)", revoked=True)
            raise HubAuthError(
                "省级平台不接受本站点的设备凭证，请技术员重新注册本站点。",
                f"device token rejected (401 {kind})",
            )
        if 300 <= resp.status_code < 400 and resp.status_code != 304:
            raise HubUnreachable(
                "网络被重定向，可能需要先在浏览器中完成上网认证。",
                f"unexpected redirect {resp.status_code}",
            )
        return resp

    @staticmethod
    def _problem(resp: httpx.Response) -> dict[str, Any]:
        try:
            data = resp.json()
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def _json(self, resp: httpx.Response) -> Any:
        ctype = resp.headers.get("content-type", "")
        if "json" not in ctype:
            raise HubUnreachable(
                "收到的不是省级平台的应答，网络可能需要先完成上网认证。",
                f"non-JSON answer ({ctype or 'no content-type'})",
            )
        try:
            data = resp.json()
        except ValueError as exc:
            raise HubUnreachable(
                "省级平台应答不完整，稍后会自动重试。", "truncated or invalid JSON answer"
            ) from exc
        if resp.status_code >= 400:
            problem = data if isinstance(data, dict) else {}
            offset = problem.get("offset")
            raise HubRefused(
                str(problem.get("detail") or f"省级平台拒绝了请求（{resp.status_code}）。"),
                f"hub refused request: {resp.status_code} {problem.get('type', '')}",
                resp.status_code,
                str(problem.get("type", "")),
                offset if isinstance(offset, int) else None,
                problem,
            )
        return data

    @staticmethod
    def _wrong_shape(what: str) -> HubUnreachable:
        return HubUnreachable("省级平台应答内容不完整，稍后会自动重试。", f"{what}: wrong shape")

    def _answer(self, resp: httpx.Response, model: type[_M], what: str) -> tuple[_M, Any]:
        """The answer read with the protocol's model (kiosk/protocol/models.py), and as sent.
        An answer that does not fit the model is no answer."""
        data = self._json(resp)
        try:
            return model.model_validate(data), data
        except ValidationError as exc:
            log.warning("%s answer does not fit %s: %s", what, model.__name__, exc.errors()[:3])
            raise self._wrong_shape(what) from None

    # --- the protocol ----------------------------------------------------------------------
    def probe(self) -> bool:
        """Is the hub itself reachable right now (not a captive portal)? Never raises."""
        try:
            data = self._json(self._request("GET", "/health", auth=False, timeout=5.0))
        except KioskError:
            return False
        return isinstance(data, dict) and data.get("service") == p.SERVICE_NAME

    def enroll(
        self, enrollment_code: str, station_code: str, device_key: str | None = None
    ) -> Enrolment:
        body = {"enrollment_code": enrollment_code, "station_code": station_code}
        if device_key:
            body["device_key"] = device_key
        answer, _ = self._answer(
            self._request("POST", "/enroll", auth=False, json=body), m.EnrollResponse, "enroll"
        )
        keys = answer.hub_keys
        return Enrolment(
            answer.device_id, answer.token, keys.box_key or None, keys.sign_key or None
        )

    # --- township relay of removable-media batches ---------------------------------------
    def village_keys(self) -> list[dict[str, Any]]:
        """The township's village stations and the keys their batch files are signed with."""
        _, data = self._answer(
            self._request("GET", "/relay/villages"), m.VillagesOut, "relay villages"
        )
        return list(data["villages"])

    def relay_batch(self, path: Path) -> list[dict[str, Any]]:
        """Post one village batch file (streamed from disk); the hub's answer per item."""
        with open(path, "rb") as fh:
            resp = self._request(
                "POST",
                "/relay/batches",
                content=fh,
                headers={
                    "Content-Type": "application/octet-stream",
                    "Content-Length": str(path.stat().st_size),
                },
                timeout=httpx.Timeout(600.0, connect=10.0),
            )
        _, data = self._answer(resp, m.BatchOut, "relay batch")
        return list(data["results"])

    def status_return(self, station_code: str) -> bytes:
        """The hub-signed status-return file for one village of this township."""
        resp = self._request("GET", f"/relay/returns/{station_code}", timeout=120.0)
        if resp.status_code >= 400:
            self._json(resp)  # raises HubRefused with the hub's Chinese detail
        if "octet-stream" not in resp.headers.get("content-type", ""):
            raise self._wrong_shape("status return")
        return resp.content

    # --- 差评 follow-up (issue 18) -----------------------------------------------------------
    def complaints(self) -> list[dict[str, Any]]:
        """This station's 差评 (a township: its villages'), with state and outcome."""
        _, data = self._answer(self._request("GET", "/complaints"), ComplaintsOut, "complaints")
        return list(data["complaints"])

    def complaint_step(self, complaint_id: int, step: str, body: dict[str, Any]) -> dict[str, Any]:
        """``appeal`` (the rated village) or ``decision`` (its township's reviewer)."""
        resp = self._request("POST", f"/complaints/{complaint_id}/{step}", json=body)
        _, data = self._answer(resp, ComplaintOut, "complaint")
        return dict(data)

    def change_delivery(self, change: dict[str, Any]) -> dict[str, Any]:
        """A resident's new choice of how the result reaches them (until 办结)."""
        resp = self._request("POST", "/delivery", json=change)
        _, data = self._answer(resp, DeliveryChangeOut, "delivery")
        return dict(data)

    def rotate_token(self) -> str:
        answer, _ = self._answer(self._request("POST", "/token/rotate"), m.TokenResponse, "rotate")
        self._cached_token = answer.token  # the hub retires the old one now
        return answer.token

    def submit(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        resp = self._request("POST", "/submissions", json={"items": items})
        answer, data = self._answer(resp, m.BatchOut, "submissions")
        if len(answer.results) != len(items):
            raise self._wrong_shape("submissions")
        return list(data["results"])

    def submit_group(self, group: dict[str, Any]) -> dict[str, Any]:
        """一件事: ``{group_id, group_no, members: [answer per member]}``; a refusal of the
        whole group (a member refused, a conflict) is :class:`HubRefused` with its problem."""
        resp = self._request("POST", "/groups", json=group)
        answer, data = self._answer(resp, m.GroupOut, "groups")
        if [r.client_id for r in answer.members] != [i["client_id"] for i in group["members"]]:
            raise self._wrong_shape("groups")
        return dict(data)

    def blob_status(self, sha256: str) -> BlobStatus:
        resp = self._request("HEAD", f"/blobs/{sha256}")
        if resp.status_code in (200, 404):
            raw = resp.headers.get("Upload-Offset", "")
            if not raw.isdigit():
                raise self._wrong_shape("blob HEAD")
            return BlobStatus(int(raw), resp.status_code == 200)
        raise HubRefused(
            "附件查询失败。", f"HEAD blob answered {resp.status_code}", resp.status_code
        )

    def put_blob_range(self, sha256: str, chunk: bytes, start: int, total: int) -> BlobStatus:
        """Send ``chunk`` as bytes ``start…`` of a blob of ``total`` bytes (whole if it all fits).

        An offset conflict (the hub holds a different number of bytes) is not an error: the
        answer says where to go on from.
        """
        headers = {"Content-Type": "application/octet-stream"}
        if not (start == 0 and len(chunk) == total):
            headers["Content-Range"] = f"bytes {start}-{start + len(chunk) - 1}/{total}"
        resp = self._request("PUT", f"/blobs/{sha256}", content=chunk, headers=headers)
        try:
            data = self._json(resp)
        except HubRefused as exc:
            if exc.kind == p.PROBLEM_UPLOAD_OFFSET and exc.offset is not None:
                return BlobStatus(exc.offset, False)
            raise
        try:
            state = m.BlobStateOut.model_validate(data)
        except ValidationError:
            raise self._wrong_shape("blob PUT") from None
        return BlobStatus(state.offset, state.complete)

    def has_blob(self, sha256: str) -> bool:
        return self.blob_status(sha256).complete

    def put_blob(self, sha256: str, data: bytes, chunk_bytes: int = 1 << 20) -> None:
        """Upload a whole blob, resuming from what the hub already holds."""
        status = self.blob_status(sha256)
        for _ in range(len(data) // max(1, chunk_bytes) + 8):
            if status.complete:
                return
            chunk = data[status.offset : status.offset + chunk_bytes]
            status = self.put_blob_range(sha256, chunk, status.offset, len(data))
        raise HubUnreachable("附件上传未能完成，稍后会自动重试。", "blob upload did not converge")

    def changes(self, cursor: int, limit: int = 500) -> tuple[list[dict[str, Any]], int]:
        resp = self._request("GET", "/changes", params={"cursor": cursor, "limit": limit})
        answer, data = self._answer(resp, m.ChangesOut, "changes")
        return list(data["events"]), answer.next_cursor

    def catalog(self, since: int, etag: str | None = None) -> CatalogFeed | None:
        headers = {"If-None-Match": etag} if etag else {}
        resp = self._request("GET", "/catalog", params={"since": since}, headers=headers)
        if resp.status_code == 304:
            return None
        answer, data = self._answer(resp, m.CatalogOut, "catalog")
        return CatalogFeed(answer.version, resp.headers.get("ETag"), data)

    def evaluate(self, evaluation: dict[str, Any]) -> dict[str, Any]:
        resp = self._request("POST", "/evaluations", json=evaluation)
        _, data = self._answer(resp, m.EvaluationOut, "evaluation")
        return dict(data)

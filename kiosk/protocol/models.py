"""Request and response bodies of the hub's API (they make up ``/openapi.json``)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_validator

from kiosk.protocol.wire import Dimension, Level, Outcome

SHA_PATTERN = r"^[0-9a-f]{64}$"
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
STATION_PATTERN = r"^[0-9]{12}$"
ITEM_CODE_PATTERN = r"^[0-9A-Za-z-]{1,40}$"
MAX_BATCH_ITEMS = 200
MAX_CURSOR = 2**31 - 1  # the feed's seq column is a 32-bit integer on PostgreSQL
_MAX_DEPTH = 8


def check_json_value(value: Any, depth: int = 0) -> Any:
    """Reject what neither JSON column type stores faithfully: NaN/∞, NUL, deep nesting."""
    if depth > _MAX_DEPTH:
        raise ValueError("nested too deeply")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("numbers must be finite")
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("text must not contain NUL")
    if isinstance(value, dict):
        for k, v in value.items():
            check_json_value(k, depth + 1)
            check_json_value(v, depth + 1)
    elif isinstance(value, list):
        for v in value:
            check_json_value(v, depth + 1)
    return value


class Problem(BaseModel):
    """RFC 9457 problem details; ``detail`` is Chinese and tells the agent what to do."""

    model_config = ConfigDict(extra="allow")

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    offset: int | None = None


class Health(BaseModel):
    status: Literal["ok"]
    service: Literal["village-kiosk-hub"]
    protocol: int
    version: str


KEY_PATTERN = r"^[A-Za-z0-9+/]{43}=$"  # a raw 32-byte public key, base64


class EnrollRequest(BaseModel):
    enrollment_code: str = Field(min_length=4, max_length=64)
    station_code: str = Field(pattern=STATION_PATTERN)
    device_key: str | None = Field(
        default=None,
        pattern=KEY_PATTERN,
        description="the station's Ed25519 public key: signs its removable-media batches",
    )


class HubKeysOut(BaseModel):
    box_key: str = Field(description="X25519 public key: batch files are encrypted to it")
    sign_key: str = Field(description="Ed25519 public key: status-return files are signed")


class EnrollResponse(BaseModel):
    device_id: str
    token: str
    station_code: str
    hub_keys: HubKeysOut


class VillageOut(BaseModel):
    code: str
    device_key: str
    device_keys: list[str]


class VillagesOut(BaseModel):
    villages: list[VillageOut]


class TokenResponse(BaseModel):
    device_id: str
    token: str


class SubmissionIn(BaseModel):
    client_id: str = Field(pattern=UUID_PATTERN)
    item_code: str = Field(pattern=ITEM_CODE_PATTERN)
    form_version: StrictInt = Field(ge=1, le=1_000_000)  # not true/false (schema: integer)
    revision: StrictInt = Field(default=0, ge=0, le=1000)
    payload: dict[str, Any] = Field(max_length=500)
    blobs: list[Annotated[str, Field(pattern=SHA_PATTERN)]] = Field(
        default_factory=list, max_length=50
    )

    @field_validator("payload")
    @classmethod
    def _payload(cls, value: dict[str, Any]) -> dict[str, Any]:
        check_json_value(value)
        return value


class BatchIn(BaseModel):
    items: list[SubmissionIn] = Field(min_length=1, max_length=MAX_BATCH_ITEMS)


class ItemResult(BaseModel):
    client_id: str
    outcome: Outcome
    case_no: str | None = None
    query_code: str | None = None
    errors: dict[str, str] | None = None
    missing: list[str] | None = None

    @property
    def definite(self) -> bool:
        """An answer the station may record: created/duplicate carry their case number."""
        return bool(self.case_no) if self.outcome in (Outcome.CREATED, Outcome.DUPLICATE) else True


class BatchOut(BaseModel):
    results: list[ItemResult]


MAX_GROUP_MEMBERS = 20
CATALOG_VERSION_PATTERN = r"^[0-9A-Za-z.:_-]{1,40}$"


FIELD_KEY_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]{0,63}$"


class PendingField(BaseModel):
    """A member's field the bundle fills from an earlier member's result (the baby's 身份号码
    once 出生登记 is done): left empty by the station, filled in by the department; the hub
    does not require it of that member."""

    client_id: str = Field(pattern=UUID_PATTERN, description="the member whose field waits")
    field: str = Field(pattern=FIELD_KEY_PATTERN, description="the field's key in its form")
    source: str = Field(pattern=UUID_PATTERN, description="the earlier member it comes from")


class GroupIn(BaseModel):
    """一件事: the applications filed together for one life event, created whole or not at
    all. Each member is an ordinary submission (own client id, content hash, case number)."""

    group_id: str = Field(pattern=UUID_PATTERN, description="the station's group id")
    bundle_code: str = Field(pattern=ITEM_CODE_PATTERN, description="the event bundle's code")
    catalog_version: str = Field(
        pattern=CATALOG_VERSION_PATTERN, description="the catalog the bundle was filed under"
    )
    members: list[SubmissionIn] = Field(min_length=1, max_length=MAX_GROUP_MEMBERS)
    pending: list[PendingField] = Field(
        default_factory=list,
        max_length=100,
        description="fields filled from an earlier member's result (待前一事项办结后由部门补录)",
    )

    @field_validator("members")
    @classmethod
    def _distinct(cls, value: list[SubmissionIn]) -> list[SubmissionIn]:
        if len({m.client_id for m in value}) != len(value):
            raise ValueError("each member has its own client_id")
        return value


class GroupOut(BaseModel):
    group_id: str
    group_no: str | None = Field(
        description="the group's number; null while the hub lacks attachments (missing_blobs)"
    )
    members: list[ItemResult]


class GroupMember(BaseModel):
    """The member a group refusal names (in the 422/409 problem's ``member``)."""

    client_id: str
    item_code: str
    errors: dict[str, str] = Field(default_factory=dict)


class BlobStateOut(BaseModel):
    sha256: str
    offset: int = Field(description="bytes the hub holds; the blob size once complete")
    complete: bool


class ChangeOut(BaseModel):
    seq: int
    client_id: str
    case_no: str | None
    stage: str
    note: str
    at: str
    detail: dict[str, Any] | None = Field(
        default=None, description="已寄出/已签收: {carrier, tracking_no}; absent otherwise"
    )


class ChangesOut(BaseModel):
    events: list[ChangeOut]
    next_cursor: int


class CatalogOut(BaseModel):
    version: int
    since: int
    items: list[dict[str, Any]]
    withdrawn: list[str]


class EvaluationIn(BaseModel):
    id: str = Field(pattern=UUID_PATTERN, description="the station's evaluation id")
    client_id: str = Field(pattern=UUID_PATTERN, description="the application rated")
    level: Level = Field(description="一事一评: the rating; 一次一评: 整体满意度")
    comment: str = Field(default="", max_length=500)
    rated_at: dt.datetime
    kind: Literal["case", "visit"] = Field(
        default="case", description="case: 一事一评 (one per case); visit: 一次一评 at the desk"
    )
    dimensions: dict[Dimension, Level] | None = Field(
        default=None, description="一次一评: 服务效率, 服务水平, 服务态度"
    )
    agent: str = Field(default="", max_length=50, description="the agent who served")
    rater: str | None = Field(  # base64 of 58…4095 bytes: what the hub opens (hub/evaluations.py)
        default=None,
        min_length=80,
        max_length=5460,
        pattern=r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$",
        description="who rated, sealed to the hub's box key (kept apart, for follow-up only)",
    )

    @field_validator("comment", "agent")
    @classmethod
    def _comment(cls, value: str) -> str:
        check_json_value(value)
        return value

    @field_validator("rated_at")
    @classmethod
    def _rated_at(cls, value: dt.datetime) -> dt.datetime:
        """Any RFC 3339 date-time the schema allows is accepted (it is the station's clock);
        kept in UTC, or as written where UTC is outside the calendar (year 1 or 9999)."""
        if value.tzinfo is None:
            return value
        try:
            return value.astimezone(dt.UTC)
        except OverflowError:
            return value.replace(tzinfo=None)


class EvaluationOut(BaseModel):
    id: str
    outcome: Literal["created", "duplicate"]
    case_no: str | None

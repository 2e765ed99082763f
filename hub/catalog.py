"""The hub's catalog: published items, every form version seen, and the versioned feed.

A station validates against the form version it has; the hub accepts the current form
version of an item and the one before it (``SUPPORT_WINDOW``), so applications queued or
drafted before a catalog update still go through. Older versions are refused with a
message telling the agent to move the application to the new form.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hub.db import HubDatabase
from hub.errors import HubError
from hub.models import CatalogItem, FormVersion
from kiosk.core.catalog import Catalog, parse_item
from kiosk.forms.definition import FormDefinition
from kiosk.protocol.clock import utcnow
from kiosk.protocol.errors import KioskError

SUPPORT_WINDOW = 1  # current form version and this many before it are accepted


@dataclass(frozen=True)
class ItemState:
    code: str
    name: str
    form_version: int
    active: bool
    proxy_allowed: bool
    impl_code: str = ""


class FormRefused(Exception):
    """The submission's item or form version cannot be accepted; ``zh`` says what to do."""

    def __init__(self, field: str, zh: str) -> None:
        super().__init__(zh)
        self.field = field
        self.zh = zh


class HubCatalog:
    def __init__(self, db: HubDatabase) -> None:
        self.db = db
        self._lock = threading.Lock()
        self._forms: dict[tuple[str, int], FormDefinition] = {}
        self._items: dict[str, ItemState] = {}
        self._former: dict[str, str] = {}  # former item codes → current code
        self._version = -1

    # --- publishing ---------------------------------------------------------------------------
    def seed(self, catalog: Catalog) -> int:
        """Publish shipped items the hub does not have yet (or has at an older form version)."""
        with self.db.session() as s:
            have = {c: v for c, v in s.execute(select(CatalogItem.code, CatalogItem.form_version))}
        fresh = [
            i.raw for i in catalog.items() if i.code not in have or i.form.version > have[i.code]
        ]
        return self.publish(fresh) if fresh else 0

    def publish(self, items: Iterable[dict[str, Any]]) -> int:
        """Publish items (full item JSON) as one new catalog version. Returns that version."""
        parsed = []
        for data in items:
            try:
                parsed.append((parse_item(data, str(data.get("code", "?"))), data))
            except KioskError as exc:
                raise HubError(422, exc.zh, exc.en, "catalog-invalid") from exc
        if not parsed:
            raise HubError(422, "没有可发布的事项。", "nothing to publish", "catalog-invalid")
        with self.db.session() as s:
            if self.db.backend == "postgresql":
                s.execute(select(func.pg_advisory_xact_lock(774412)))
            version = (s.scalar(select(func.max(CatalogItem.catalog_version))) or 0) + 1
            for item, data in parsed:
                seen = s.get(FormVersion, (item.code, item.form.version))
                if seen is None:
                    s.add(
                        FormVersion(
                            item_code=item.code, version=item.form.version, form=data["form"]
                        )
                    )
                elif seen.form != data["form"]:
                    raise HubError(
                        422,
                        f"事项 {item.code} 的表单内容改变了，但版本号仍是 {item.form.version}，"
                        "请提高表单版本号后再发布。",
                        f"form of {item.code} changed without a new version",
                        "catalog-invalid",
                    )
                row = s.get(CatalogItem, item.code)
                if row is None:
                    row = CatalogItem(code=item.code)
                    s.add(row)
                elif item.form.version < row.form_version:
                    raise HubError(
                        422,
                        f"事项 {item.code} 已发布第 {row.form_version} 版表单，不能退回到第 "
                        f"{item.form.version} 版。",
                        f"form version of {item.code} would go backwards",
                        "catalog-invalid",
                    )
                row.form_version = item.form.version
                row.data = data
                row.catalog_version = version
                row.active = True
                row.updated_at = utcnow()
        return version

    def withdraw(self, code: str) -> int:
        with self.db.session() as s:
            row = s.get(CatalogItem, code)
            if row is None:
                raise HubError(404, f"找不到事项 {code}。", f"no item {code}")
            version = (s.scalar(select(func.max(CatalogItem.catalog_version))) or 0) + 1
            row.active = False
            row.catalog_version = version
            row.updated_at = utcnow()
        return version

    # --- reading ------------------------------------------------------------------------------
    def version(self) -> int:
        with self.db.session() as s:
            return int(s.scalar(select(func.max(CatalogItem.catalog_version))) or 0)

    def feed(self, since: int) -> dict[str, Any]:
        with self.db.session() as s:
            version = int(s.scalar(select(func.max(CatalogItem.catalog_version))) or 0)
            rows = list(
                s.scalars(
                    select(CatalogItem)
                    .where(CatalogItem.catalog_version > since)
                    .order_by(CatalogItem.code)
                )
            )
        return {
            "version": version,
            "since": since,
            "items": [r.data for r in rows if r.active],
            "withdrawn": [r.code for r in rows if not r.active],
        }

    def refresh(self, s: Session) -> None:
        """Reload the item states if the catalog version in the database moved.

        Called once per submission request, inside its first read: one indexed ``max()``.
        The items are a cache of the database, never a source: a hub of several worker
        processes (or hosts) sees an item withdrawn through any of them at the next request.
        """
        version = int(s.scalar(select(func.max(CatalogItem.catalog_version))) or 0)
        if version == self._version:
            return
        rows = list(s.scalars(select(CatalogItem)))
        items = {
            r.code: ItemState(
                r.code,
                str(r.data.get("name", r.code)),
                r.form_version,
                r.active,
                bool(r.data.get("proxy_allowed", True)),
                str(r.data.get("impl_code", "")),
            )
            for r in rows
        }
        live = {r.code for r in rows if r.active}
        former = {
            old: r.code
            for r in rows
            if r.active
            for old in r.data.get("former_codes", ())
            if old not in live
        }
        with self._lock:
            self._items, self._former, self._version = items, former, version

    def _form(self, code: str, version: int) -> FormDefinition | None:
        key = (code, version)
        form = self._forms.get(key)
        if form is None:
            with self.db.session() as s:
                row = s.get(FormVersion, key)
                if row is None:
                    return None
                form = FormDefinition.from_json(row.form)
            self._forms[key] = form  # form versions never change once published
        return form

    def resolve(self, item_code: str) -> str:
        """The current code of an item filed under ``item_code`` (a former code resolves),
        as of the last :meth:`refresh` (the caller's request)."""
        item = self._items.get(item_code)
        if item is not None and item.active:
            return item_code
        return self._former.get(item_code, item_code)

    def name_of(self, item_code: str) -> str:
        """The item's name as published ("" for an unknown code)."""
        item = self._items.get(self.resolve(item_code))
        return item.name if item is not None else ""

    def impl_code(self, item_code: str) -> str:
        """The item's 实施编码 ("" when the published item has none)."""
        code = self.resolve(item_code)
        item = self._items.get(code)
        return item.impl_code if item is not None else ""

    def form_for(self, item_code: str, form_version: int) -> FormDefinition:
        """The form to validate a submission with, or :class:`FormRefused` saying why not.

        The item states are those of the last :meth:`refresh` (the caller's request)."""
        filed_as, item_code = item_code, self.resolve(item_code)
        item = self._items.get(item_code)
        if item is None or not item.active:
            raise FormRefused(
                "item_code", f"事项编码 {item_code} 不存在或已停用，请核对后重新选择事项。"
            )
        if not item.proxy_allowed:
            raise FormRefused("item_code", f"事项“{item.name}”不允许代办，请引导居民到窗口办理。")
        current = item.form_version
        form = (
            self._form(item_code, form_version) or self._form(filed_as, form_version)
            if form_version <= current
            else None
        )
        if form is None:
            raise FormRefused(
                "form_version",
                f"省级平台没有“{item.name}”的第 {form_version} 版表单，"
                "请先更新事项目录，再核对后重新提交。",
            )
        if form_version < current - SUPPORT_WINDOW:
            raise FormRefused(
                "form_version",
                f"“{item.name}”的表单已更新到第 {current} 版，本申请使用的第 {form_version} 版"
                "已停止受理。申请内容已保留，请把它转到新版表单，核对后重新提交。",
            )
        return form

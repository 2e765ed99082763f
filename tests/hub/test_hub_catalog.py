"""The catalog feed (ETag, since) and the form-version support window."""

from __future__ import annotations

import copy

import pytest

from kiosk.core.catalog import Catalog
from tests.hub.helpers import PENSION, enroll, item, submit_one

pytestmark = pytest.mark.slow


def pension_v(version: int, extra_field: bool = True) -> dict:
    data = copy.deepcopy(Catalog.shipped().get(PENSION).raw)
    data["form"]["version"] = version
    if extra_field:
        data["form"]["fields"].append(
            {"key": f"note_v{version}", "type": "text", "label": f"备注{version}", "max_length": 50}
        )
    return data


def test_catalog_feed_with_etag_and_since(hub):
    client = enroll(hub)
    first = client.get("/catalog")
    assert first.status_code == 200
    body = first.json()
    assert body["version"] >= 1 and PENSION in [i["code"] for i in body["items"]]
    etag = first.headers["etag"]
    assert client.get("/catalog", headers={"If-None-Match": etag}).status_code == 304
    version = hub.service.catalog.publish([pension_v(2)])
    assert version == body["version"] + 1
    changed = client.get(
        "/catalog", params={"since": body["version"]}, headers={"If-None-Match": etag}
    )
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    assert [i["form"]["version"] for i in changed.json()["items"]] == [2]
    assert client.get("/catalog", params={"since": version}).json()["items"] == []
    hub.service.catalog.withdraw(PENSION)
    assert client.get("/catalog", params={"since": version}).json()["withdrawn"] == [PENSION]
    assert "不存在或已停用" in submit_one(client, item())["errors"]["item_code"]


def test_older_form_versions_are_accepted_within_the_window(hub):
    client = enroll(hub)
    hub.service.catalog.publish([pension_v(2)])
    assert submit_one(client, item(form_version=1))["outcome"] == "created"
    v2 = item(form_version=2)
    v2["payload"]["note_v2"] = "新版字段"
    assert submit_one(client, v2)["outcome"] == "created"
    # v1 data validated against the v1 form: the v2 field is unknown there
    v1_with_v2_field = item(form_version=1)
    v1_with_v2_field["payload"]["note_v2"] = "x"
    assert "note_v2" in submit_one(client, v1_with_v2_field)["errors"]
    hub.service.catalog.publish([pension_v(3)])
    old = submit_one(client, item(form_version=1))
    assert old["outcome"] == "rejected"
    message = old["errors"]["form_version"]
    assert "第 3 版" in message and "第 1 版" in message and "转到新版表单" in message
    assert submit_one(client, item(form_version=2))["outcome"] == "created"
    future = submit_one(client, item(form_version=9))
    assert "更新事项目录" in future["errors"]["form_version"]


def test_publishing_refuses_silent_form_changes_and_going_backwards(hub):
    changed_same_version = pension_v(1)
    with pytest.raises(Exception) as err:
        hub.service.catalog.publish([changed_same_version])
    assert "版本号" in err.value.zh
    hub.service.catalog.publish([pension_v(2)])
    with pytest.raises(Exception) as err:
        hub.service.catalog.publish([pension_v(1, extra_field=False)])
    assert "不能退回" in err.value.zh
    bad = pension_v(3)
    del bad["name"]
    with pytest.raises(Exception) as err:
        hub.service.catalog.publish([bad])
    assert "格式不正确" in err.value.zh

"""Issue 16, point 8: what schemathesis found where the hub and its own OpenAPI document
disagreed: ``revision: false`` was accepted for an integer, and a ``rated_at`` the schema
allows (any RFC 3339 date-time) was refused."""

from __future__ import annotations

import pytest

from tests.hub.helpers import enroll, item, submit_one
from tests.hub.test_hub_evaluations import rating


@pytest.mark.parametrize(("field", "value"), [("revision", False), ("form_version", True)])
def test_a_boolean_is_not_an_integer(hub, field, value):
    client = enroll(hub)
    resp = client.post("/submissions", json={"items": [item(**{field: value})]})
    assert resp.status_code == 422, resp.text
    assert hub.service.stats()["cases"] == 0


@pytest.mark.parametrize(
    "rated_at",
    [
        "2000-01-01T00:00:00Z",
        "1999-12-31T23:59:59+08:00",
        "2200-01-01T00:00:00Z",
        "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:59:59-01:00",
    ],
)
def test_any_date_time_the_schema_allows_is_accepted(hub, rated_at):
    client = enroll(hub)
    it = item()
    submit_one(client, it)
    resp = client.post("/evaluations", json=dict(rating(it["client_id"]), rated_at=rated_at))
    assert resp.status_code == 201, resp.text
    assert resp.json()["outcome"] == "created"


@pytest.mark.parametrize("query", ["curser=5", "cursor=0&=", "cursor=0&since=2026-01-01"])
def test_a_query_parameter_the_operation_does_not_declare_is_refused(hub, query):
    """A misspelt parameter was ignored: the station got the feed from the start instead of
    an error (schemathesis: "schema-violating request accepted")."""
    client = enroll(hub)
    resp = client.get(f"/changes?{query}")
    assert resp.status_code == 422, resp.text
    assert resp.headers["content-type"].startswith("application/problem+json")
    unknown = query.split("&")[-1].split("=")[0]
    assert f"query.{unknown}" in resp.json()["detail"]
    assert client.get("/changes?cursor=0&limit=10").status_code == 200  # declared ones work

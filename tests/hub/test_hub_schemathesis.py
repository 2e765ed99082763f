"""schemathesis against the hub's own OpenAPI document: no 5xx, no answer that breaks it.

Property-based requests (valid and invalid) for every operation, with a real device token,
against a real hub on a loopback port, on SQLite and on PostgreSQL. The number of examples
is bounded so the suite stays fast; raise ``HUB_FUZZ_EXAMPLES`` for a longer hunt.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode, checks
from schemathesis.core.parameters import ParameterLocation

from hub.server import BackgroundHub
from tests.hub.helpers import STATION

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("HUB_FUZZ_EXAMPLES", "25"))
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
    checks.negative_data_rejection,
    checks.positive_data_acceptance,
]
# Valid data must be accepted, invalid data (negative mode: wrong types, unknown query
# parameters, a missing Authorization header …) refused with a 4xx, never a 5xx.


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def fuzzed_hub(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[BackgroundHub, str]]:
    if request.param == "sqlite":
        url = f"sqlite:///{Path(tmp_path_factory.mktemp('fuzz')) / 'hub.sqlite3'}"
    else:
        url = request.getfixturevalue("pg_cluster").create_database()
    with BackgroundHub(url) as hub:
        code = hub.service.issue_enrollment_code(STATION)
        token = httpx.post(
            f"{hub.url}/v1/enroll", json={"enrollment_code": code, "station_code": STATION}
        ).json()["token"]
        yield hub, token


def operations(hub: BackgroundHub) -> list[schemathesis.APIOperation]:
    schema = schemathesis.openapi.from_url(f"{hub.url}/openapi.json")
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_hub_api_conforms_to_its_openapi(fuzzed_hub, mode):
    hub, token = fuzzed_hub
    ops = operations(hub)
    assert len(ops) >= 8
    headers = {"Authorization": f"Bearer {token}"}
    for op in ops:

        @given(case=op.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case: schemathesis.Case) -> None:
            # The device token goes with every call except one whose headers are the invalid
            # part (the Authorization header left out, or a header of the wrong shape): a
            # token added there would turn refused data into an accepted call.
            header_info = case.meta.components.get(ParameterLocation.HEADER) if case.meta else None
            negative_headers = header_info is not None and header_info.mode.is_negative
            call_headers = {} if negative_headers else dict(headers)
            if case.headers and "Authorization" in case.headers:
                call_headers.pop("Authorization", None)
            case.call_and_validate(
                base_url=hub.url, headers=call_headers, checks=CHECKS, timeout=30
            )

        try:
            fuzz()
        except Unsatisfiable:
            # an operation without inputs (GET /v1/health) cannot be called "invalidly"
            assert mode is GenerationMode.NEGATIVE, op.label

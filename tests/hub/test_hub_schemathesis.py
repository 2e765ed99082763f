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


# Operations whose answer depends on more than the request's shape are refused with a 422 by
# contract, however well formed: a submission for an item code or form version the catalog
# does not have, a 一件事 whose member the form check refuses, a 一次一评 (kind "visit")
# without all three dimensions, a blob whose bytes do not hash to its name, a delivery choice
# its form refuses (the station says why, or uploads again). For them "valid data must be
# accepted" cannot hold; every other check does, and every check holds for the rest.
BUSINESS_CHECKED = {
    "POST /v1/submissions",
    "POST /v1/groups",
    "POST /v1/evaluations",
    "PUT /v1/blobs/{sha256}",
    "POST /v1/delivery",
}


def checks_for(op: schemathesis.APIOperation) -> list:  # type: ignore[type-arg]
    if op.label in BUSINESS_CHECKED:
        return [c for c in CHECKS if c is not checks.positive_data_acceptance]
    return CHECKS


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
    failures: dict[str, str] = {}
    for op in ops:
        try:
            _fuzz(op, mode, hub.url, f"Bearer {token}")
        except Unsatisfiable:
            # an operation without inputs (GET /v1/health) cannot be called "invalidly"
            assert mode is GenerationMode.NEGATIVE, op.label
        except Exception as exc:  # every operation is fuzzed; all findings are reported
            failures[op.label] = str(exc)[:1500]
    assert not failures, "\n\n".join(f"{k}:\n{v}" for k, v in failures.items())


def _fuzz(op: schemathesis.APIOperation, mode: GenerationMode, base_url: str, bearer: str) -> None:
    op_checks = checks_for(op)

    @given(case=op.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def fuzz(case: schemathesis.Case) -> None:
        # The station's real device token goes with every call, in place of the one
        # schemathesis makes up for the declared Authorization header (a random bearer is
        # refused before anything else is looked at), except a call whose headers are the
        # invalid part (the header left out or of the wrong shape): a token added there
        # would turn refused data into an accepted call.
        header_info = case.meta.components.get(ParameterLocation.HEADER) if case.meta else None
        negative_headers = header_info is not None and header_info.mode.is_negative
        if not negative_headers and case.headers and "Authorization" in case.headers:
            case.headers["Authorization"] = bearer
        extra = {} if negative_headers or case.headers else {"Authorization": bearer}
        case.call_and_validate(base_url=base_url, headers=extra, checks=op_checks, timeout=30)

    fuzz()

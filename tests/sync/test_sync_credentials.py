"""Device token: revocation leads to re-enrolment, rotation, TLS verification with a station CA."""

from __future__ import annotations

import datetime as dt
import random

import httpx
import pytest

from hub.server import BackgroundHub
from kiosk.core.errors import KioskError
from kiosk.core.status import AppStatus
from kiosk.demo import DEMO_STATION_CODE
from kiosk.sync import state
from kiosk.sync.client import HttpHubClient
from kiosk.sync.enrollment import DEVICE_TOKEN
from tests.conftest import AGENT, PENSION
from tests.support.residents import resident
from tests.support.tls import make_ca_and_server
from tests.sync.conftest import fast_engine

pytestmark = pytest.mark.slow


def file_one(ctx, seed=1):
    return ctx.applications.submit(PENSION, resident(random.Random(seed)), AGENT).id


def test_revoked_token_leads_to_re_enrolment_and_loses_nothing(online_ctx, hub, sleeps):
    first = file_one(online_ctx)
    engine = fast_engine(online_ctx, sleeps)
    assert engine.run_once(force=True).created == 1
    hub.service.revoke(online_ctx.station().device_id)
    second = file_one(online_ctx, seed=2)
    report = engine.run_once(force=True)
    assert report.auth_error and "重新注册" in report.error and "不会丢失" in report.error
    view = online_ctx.applications.get(second)
    assert view.status is AppStatus.QUEUED  # back in the queue, not penalised
    status = engine.status()
    assert status.auth_error and "重新注册" in status.auth_error
    assert engine.run_once().skipped  # the timer does not hammer the hub with a dead token
    code = hub.service.issue_enrollment_code(DEMO_STATION_CODE)
    online_ctx.provision(online_ctx.settings.hub_url, DEMO_STATION_CODE, "测试村代办点", code)
    engine = fast_engine(online_ctx, sleeps)
    assert engine.status().auth_error is None
    report = engine.run_once()
    assert report.created == 1 and report.error is None
    assert hub.service.stats()["cases"] == 2
    assert online_ctx.applications.get(first).status is AppStatus.SUBMITTED


def test_token_is_rotated_when_old_and_the_old_one_then_stops_working(online_ctx, hub, sleeps):
    engine = fast_engine(online_ctx, sleeps, token_max_age_days=30)
    engine.run_once(force=True)  # starts the clock, no rotation yet
    old = online_ctx.secrets.get(DEVICE_TOKEN)
    engine.run_once(force=True)
    assert online_ctx.secrets.get(DEVICE_TOKEN) == old
    with online_ctx.db.write() as s:
        state.put_time(s, state.TOKEN_ROTATED, dt.datetime(2020, 1, 1))
    engine.run_once(force=True)
    new = online_ctx.secrets.get(DEVICE_TOKEN)
    assert new != old
    file_one(online_ctx)
    assert engine.run_once(force=True).created == 1  # the new token works …
    old_client = httpx.Client(base_url=f"{hub.url}/v1", headers={"Authorization": f"Bearer {old}"})
    assert old_client.get("/changes").status_code == 401  # … and retired the old one
    assert old not in (online_ctx.data_dir / "settings.toml").read_text()
    assert new not in (online_ctx.data_dir / "settings.toml").read_text()


def test_tls_is_verified_and_a_station_ca_bundle_is_honoured(online_ctx, tmp_path, sleeps):
    ca, cert, key = make_ca_and_server(tmp_path / "tls")
    with BackgroundHub(
        f"sqlite:///{tmp_path / 'tls-hub.sqlite3'}", ssl_certfile=str(cert), ssl_keyfile=str(key)
    ) as tls_hub:
        assert tls_hub.url.startswith("https://")
        code = tls_hub.service.issue_enrollment_code(DEMO_STATION_CODE)
        with pytest.raises(KioskError) as err:  # system trust store: our CA is unknown
            online_ctx.provision(tls_hub.url, DEMO_STATION_CODE, "测试村代办点", code)
        assert "证书" in err.value.zh
        online_ctx.provision(tls_hub.url, DEMO_STATION_CODE, "测试村代办点", code, str(ca))
        file_one(online_ctx)
        assert fast_engine(online_ctx, sleeps).run_once(force=True).created == 1
        # someone else's certificate for the same address is refused, even with a CA set
        other_ca, _, _ = make_ca_and_server(tmp_path / "other")
        client = HttpHubClient(tls_hub.url, lambda: "x", ca_file=str(other_ca))
        assert client.probe() is False
    with pytest.raises(KioskError) as err:
        HttpHubClient("https://127.0.0.1:1", lambda: "x", ca_file=str(tmp_path / "none.pem"))
    assert "CA证书" in err.value.zh


class CountingSecrets:
    """The station's secret store, counting reads of the device token."""

    def __init__(self, inner):
        self.inner = inner
        self.token_reads = 0

    def get(self, name):
        if name == DEVICE_TOKEN:
            self.token_reads += 1
        return self.inner.get(name)

    def set(self, name, value):
        self.inner.set(name, value)

    def delete(self, name):
        self.inner.delete(name)


def test_the_device_token_is_read_once_not_once_per_request(online_ctx, sleeps):
    """Each read of the OS keyring is a D-Bus round trip: a cycle of many requests must not
    pay it per request."""
    counting = CountingSecrets(online_ctx.secrets)
    online_ctx.secrets = counting
    for seed in range(5):
        file_one(online_ctx, seed)
    engine = fast_engine(online_ctx, sleeps, batch_items=1)
    assert engine.run_once(force=True).created == 5  # 5 submissions, the feed, the catalog …
    file_one(online_ctx, 9)
    assert engine.run_once(force=True).created == 1
    assert counting.token_reads == 1


def test_a_token_changed_by_another_process_is_read_again(online_ctx, hub, sleeps):
    """A technician re-enrols the station from the command line while the desk app runs: the
    desk's next request is refused with the old token, reads the new one and goes through."""
    engine = fast_engine(online_ctx, sleeps)
    file_one(online_ctx)
    assert engine.run_once(force=True).created == 1
    hub.service.revoke(online_ctx.station().device_id)
    code = hub.service.issue_enrollment_code(DEMO_STATION_CODE)
    answer = httpx.post(
        f"{hub.url}/v1/enroll", json={"enrollment_code": code, "station_code": DEMO_STATION_CODE}
    )
    online_ctx.secrets.set(DEVICE_TOKEN, answer.json()["token"])  # what the CLI stores
    second = file_one(online_ctx, seed=2)
    report = engine.run_once(force=True)
    assert report.created == 1 and report.error is None and not report.auth_error
    assert online_ctx.applications.get(second).status is AppStatus.SUBMITTED
    assert hub.service.stats()["cases"] == 2

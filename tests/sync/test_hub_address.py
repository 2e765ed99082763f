"""Issue 16, point 2: plain ``http://`` hub addresses carried the device token and residents'
applications in clear for any host. Now https only, except this PC (loopback) and demo
stations; the wizard, the command line, provisioning files and the hub's provision command
all say why."""

from __future__ import annotations

import pytest

from hub.provision import issue
from kiosk.core.errors import InputError
from kiosk.sync.hub_address import WHY_EN, hub_url_problem
from kiosk.ui.setup_wizard import check_hub_url


@pytest.mark.parametrize(
    "url",
    [
        "https://hub.example.gov.cn",
        "https://10.0.0.5:8443/api",
        "http://127.0.0.1:8600",
        "http://127.0.0.2:9",
        "http://localhost:8600",
        "http://[::1]:8600",
    ],
)
def test_https_or_this_pc_is_accepted(url):
    assert hub_url_problem(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "http://hub.example.gov.cn",
        "http://10.0.0.5:8600",
        "http://192.168.1.10",
        "http://localhost.example.com",
        "http://127.0.0.1.example.com",
        "ftp://hub.example.gov.cn",
    ],
)
def test_plain_http_to_another_host_is_refused_with_the_reason(url):
    problem = hub_url_problem(url)
    assert problem is not None
    if url.startswith("http://"):
        assert "明文" in problem[0] and problem[1] == WHY_EN
        assert "明文" in (check_hub_url(url) or "")  # the wizard says the same


def test_a_demo_station_may_use_http():
    assert hub_url_problem("http://hub.example.gov.cn", demo=True) is None


def test_provisioning_a_real_station_over_http_stores_nothing(ctx):
    ctx.settings.demo = False  # as a real station (the fixture's secrets stay in a file)
    with pytest.raises(InputError) as err:
        ctx.provision("http://10.0.0.5:8600", "330106109201", "示范村", "XXXX-XXXX-XXXX")
    assert "https://" in err.value.zh
    assert ctx.settings.hub_url == "" and ctx.station() is None
    with pytest.raises(InputError):
        ctx.set_hub_url("http://hub.example.gov.cn")
    assert ctx.settings.hub_url == ""


def test_the_hub_will_not_write_a_provisioning_file_for_plain_http(tmp_path, hub):
    with pytest.raises(InputError) as err:
        issue(
            hub.service,
            station_code="330106109201",
            station_name="示范村代办点",
            hub_url="http://hub.example.gov.cn",
            out=tmp_path / "station.kprov",
            key_path=tmp_path / "hub-signing.key",
        )
    assert "明文" in err.value.zh
    assert not (tmp_path / "station.kprov").exists()

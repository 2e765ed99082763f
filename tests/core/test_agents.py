import datetime as dt

import pytest

from kiosk.core.agents import LoginFailed
from kiosk.core.errors import InputError
from tests.conftest import AGENT, PIN


def test_login_with_right_pin(ctx):
    assert ctx.agents.authenticate(AGENT, PIN).role == "agent"


def test_pin_is_not_stored_in_clear(ctx):
    raw = (ctx.data_dir / "kiosk.sqlite3").read_bytes()
    assert PIN.encode() not in raw


@pytest.mark.parametrize("pin", ["12345", "abcdef", ""])
def test_weak_pins_refused(ctx, pin):
    with pytest.raises(InputError):
        ctx.agents.add("li", "agent", pin)


def test_lockout_after_five_wrong_pins(ctx, monkeypatch):
    for left in (4, 3, 2, 1):
        with pytest.raises(LoginFailed) as err:
            ctx.agents.authenticate(AGENT, "000000")
        assert f"还可尝试 {left} 次" in err.value.zh
    with pytest.raises(LoginFailed) as err:
        ctx.agents.authenticate(AGENT, "000000")
    assert "已锁定" in err.value.zh
    with pytest.raises(LoginFailed) as err:  # even the right PIN is refused while locked
        ctx.agents.authenticate(AGENT, PIN)
    assert "已锁定" in err.value.zh
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(minutes=6)
    monkeypatch.setattr("kiosk.core.agents.utcnow", lambda: later)
    assert ctx.agents.authenticate(AGENT, PIN).name == AGENT

import datetime as dt

import pytest
from sqlalchemy import select

from kiosk.core.agents import MAX_FAILED, LoginFailed
from kiosk.core.errors import InputError
from kiosk.core.pins import hash_pin, verify_pin
from kiosk.store.models import Agent
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


def test_lockouts_escalate_and_a_success_does_not_reset_the_schedule_early(ctx, monkeypatch):
    """Issue 16: 5 tries / 5 min forever was ~1,440 guesses a day; each lock-out now lasts
    longer (5 min, 30 min, 2 h, 1 day)."""
    now = dt.datetime(2026, 12, 1, 8, 0)
    monkeypatch.setattr("kiosk.core.agents.utcnow", lambda: now)
    lengths = []
    for _ in range(4):
        for _ in range(MAX_FAILED):
            with pytest.raises(LoginFailed):
                ctx.agents.authenticate(AGENT, "000000")
        with ctx.db.read() as s:
            until = s.scalar(select(Agent.locked_until).where(Agent.name == AGENT))
        lengths.append(until - now)
        now = until + dt.timedelta(seconds=1)
    assert lengths == [
        dt.timedelta(minutes=5),
        dt.timedelta(minutes=30),
        dt.timedelta(hours=2),
        dt.timedelta(days=1),
    ]


def test_pin_hashes_are_keyed_with_the_keyring_secret(ctx):
    """A copied database alone is not enough to try the 10^6 PINs offline: the hash needs the
    key that lives in the keyring."""
    with ctx.db.read() as s:
        stored = s.scalar(select(Agent.pin_hash).where(Agent.name == AGENT))
    assert stored.startswith("scrypt-k$")
    assert not verify_pin(PIN, stored)  # without the key, the right PIN does not verify
    assert verify_pin(PIN, stored, ctx.cipher.pin_key)


def test_an_older_unkeyed_hash_still_logs_in_and_is_rewritten_keyed(ctx):
    with ctx.db.write() as s:
        s.scalar(select(Agent).where(Agent.name == AGENT)).pin_hash = hash_pin(PIN)
    assert ctx.agents.authenticate(AGENT, PIN).name == AGENT
    with ctx.db.read() as s:
        assert s.scalar(select(Agent.pin_hash).where(Agent.name == AGENT)).startswith("scrypt-k$")

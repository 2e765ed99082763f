"""Issue 16, point 3: the terminal's lookup guard could be beaten (a success reset the counter,
so 4 guesses + 1 real lookup repeated forever; the counter lived in memory; codes were 6
digits). Now failures are stored per case number and per terminal, pauses escalate, success
clears nothing; new query codes are 8 characters from an unambiguous alphabet."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.context import open_context
from kiosk.core.lookup_guard import FREE, LookupPaused, pause_after
from kiosk.sync.protocol import QUERY_CODE_ALPHABET, new_query_code
from tests.core.test_evaluations_and_lookup import _submitted

CASE, CODE = "330106202611220000009", "482913"


@pytest.fixture
def clock(monkeypatch):
    now = [dt.datetime(2026, 12, 1, 8, 0)]
    monkeypatch.setattr("kiosk.core.lookup_guard.utcnow", lambda: now[0])
    return now


def wrong(ctx, case_no=CASE):
    return ctx.public_lookup(case_no, "000000")


def test_a_real_lookup_does_not_reset_the_guessing_count(ctx, resident, clock):
    _submitted(ctx, resident)
    for _ in range(FREE["case"] - 1):  # 4 guesses ...
        assert wrong(ctx) is None
        assert ctx.public_lookup(CASE, CODE) is not None  # ... and the real code between
    assert wrong(ctx) is None  # the 5th guess: now paused
    with pytest.raises(LookupPaused) as paused:
        ctx.public_lookup(CASE, CODE)  # even the right code waits
    assert paused.value.seconds == 61 and "秒后再试" in paused.value.zh


def test_pauses_escalate_and_survive_a_restart(ctx, resident, clock):
    _submitted(ctx, resident)
    for _ in range(FREE["case"]):
        wrong(ctx)
    pauses = []
    for _ in range(3):
        try:
            ctx.public_lookup(CASE, CODE)
        except LookupPaused as exc:
            pauses.append(exc.seconds)
        clock[0] += dt.timedelta(seconds=pauses[-1])
        wrong(ctx)
    assert pauses == [61, 121, 241]
    data_dir = ctx.data_dir
    ctx.close()
    again = open_context(data_dir, demo=True)  # the terminal restarted: still paused
    try:
        with pytest.raises(LookupPaused):
            again.public_lookup(CASE, CODE)
    finally:
        again.close()


def test_guessing_across_case_numbers_pauses_the_terminal(ctx, resident, clock):
    _submitted(ctx, resident)
    for n in range(FREE["terminal"]):  # sequential case numbers, one guess each
        assert wrong(ctx, f"33010620261122{n:07d}") is None
    with pytest.raises(LookupPaused):
        ctx.public_lookup(CASE, CODE)


def test_the_pause_is_capped_at_a_day():
    assert pause_after("case", FREE["case"] - 1) == dt.timedelta(0)
    assert pause_after("case", 200) == dt.timedelta(days=1)


def test_new_query_codes_are_long_and_unambiguous():
    codes = {new_query_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(len(c) == 8 and set(c) <= set(QUERY_CODE_ALPHABET) for c in codes)
    assert not set("0O1IL2Z5S8B") & set(QUERY_CODE_ALPHABET)


def test_old_six_digit_and_new_codes_are_both_accepted_as_typed(ctx, resident, clock):
    _submitted(ctx, resident)
    assert ctx.public_lookup(CASE, " 482913 ") is not None
    _submitted(ctx, resident, case_no="330106202611220000010", query="AC4D-7KMP".replace("-", ""))
    assert ctx.public_lookup("330106202611220000010", "ac4d-7kmp") is not None  # as typed
    assert ctx.public_lookup("330106202611220000010", "秀英") is None  # any text: no crash


def test_the_hub_issues_long_codes(hub):
    from tests.hub.helpers import enroll, item, submit_one

    result = submit_one(enroll(hub), item())
    assert len(result["query_code"]) == 8
    assert set(result["query_code"]) <= set(QUERY_CODE_ALPHABET)

"""Who may run which ``kiosk`` command (issue 16, point 1): a PIN login with a role check,
the logged-in user as the audit trail's actor, scoped service credentials for scripts, and a
refusal that is one line on stderr (the log records go to the log file only).

In-process (``kiosk.cli.main`` with a fake stdin), on a real station on disk."""

from __future__ import annotations

import io
import json
import sqlite3
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.context import open_context
from tests.conftest import PENSION

TECH_PIN, AGENT_PIN = "246810", "135790"


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def station(tmp_path: Path, resident: dict) -> tuple[Path, str]:
    data = tmp_path / "station"
    ctx = open_context(data, demo=True)
    ctx.agents.add("tech", "technician", TECH_PIN)
    ctx.agents.add("li", "agent", AGENT_PIN)
    app_id = ctx.applications.submit(PENSION, resident, "li").id
    ctx.close()
    return data, app_id


@pytest.fixture
def kiosk(monkeypatch, capsys, station):
    data, _ = station

    def run(*args: object, stdin: str = "") -> Run:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(["--data-dir", str(data), *map(str, args)])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def audit(data: Path, action: str) -> list[tuple[str, str]]:
    with sqlite3.connect(data / "kiosk.sqlite3") as conn:
        rows = conn.execute("select actor, subject from audit_event where action=?", (action,))
        return [(str(a), str(s)) for a, s in rows]


def agents(data: Path) -> list[str]:
    with sqlite3.connect(data / "kiosk.sqlite3") as conn:
        return [r[0] for r in conn.execute("select name from agent order by name")]


def refused_in_one_line(r: Run) -> None:
    assert r.code == 2, (r.out, r.err)
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and " / " in lines[0], r.err  # no log record before it


def test_adding_a_technician_needs_a_technician(kiosk, station):
    data, _ = station
    refused_in_one_line(kiosk("agent", "add", "evil", "--role", "technician", stdin="999999\n"))
    r = kiosk("agent", "add", "evil", "--role", "technician", "--agent", "li", stdin="135790\n")
    refused_in_one_line(r)
    assert "无权" in r.err
    assert agents(data) == ["li", "tech"]
    ok = kiosk(
        "agent", "add", "zhao", "--role", "agent", "--agent", "tech", stdin="246810\n112233\n"
    )
    assert ok.code == 0, ok.err
    assert ("tech", "agent:zhao") in audit(data, "create")  # the logged-in technician


def test_print_audits_the_logged_in_agent_not_a_name_typed_in(kiosk, station, tmp_path):
    data, app_id = station
    out = tmp_path / "r.pdf"
    r = kiosk("print", "receipt", app_id, "--out", out, "--agent", "李四", stdin="000000\n")
    refused_in_one_line(r)
    refused_in_one_line(kiosk("print", "receipt", app_id, "--out", out))
    assert not out.exists()
    ok = kiosk("print", "receipt", app_id, "--out", out, "--agent", "li", stdin="135790\n")
    assert ok.code == 0, ok.err
    assert audit(data, "print") == [("li", app_id)]
    assert out.stat().st_mode & 0o077 == 0  # a resident's receipt: this OS user only
    guide = tmp_path / "guide.pdf"  # public: no login
    assert kiosk("print", "guide", PENSION, "--out", guide).code == 0


def test_a_backup_with_a_passphrase_is_a_technicians(kiosk, station, tmp_path):
    data, _ = station
    out = tmp_path / "usb" / "x.kbak"
    phrase = "村口大槐树2024\n"
    refused_in_one_line(kiosk("backup", "--out", out, "--passphrase-stdin", stdin=phrase))
    r = kiosk(
        "backup", "--out", out, "--passphrase-stdin", "--agent", "li", stdin="135790\n" + phrase
    )
    refused_in_one_line(r)
    assert not out.exists()
    assert ("li", "backup") in audit(data, "denied")
    ok = kiosk(
        "backup", "--out", out, "--passphrase-stdin", "--agent", "tech", stdin="246810\n" + phrase
    )
    assert ok.code == 0, ok.err


@pytest.mark.parametrize(
    "command",
    [
        ["batch", "export", "--out", "OUT"],
        ["batch", "import", "OUT/x.kreturn"],
        ["restore", "OUT/x.kbak"],
        ["update", "apply", "OUT/x.kupd"],
        ["update", "rollback"],
        ["catalog", "update", "--from", "OUT/x.json"],
        ["apply", "--item", PENSION, "--data", "OUT/x.json"],
        ["maintenance"],
        ["setup", "--hub", "https://hub.example", "--station", "330106109201", "--enroll", "X"],
    ],
)
def test_commands_that_read_or_change_the_station_need_a_login(kiosk, station, tmp_path, command):
    data, _ = station
    (tmp_path / "x.json").write_text("{}", "utf-8")  # an application's answers
    before = (data / "kiosk.sqlite3").read_bytes()
    r = kiosk(*[c.replace("OUT", str(tmp_path)) for c in command])
    refused_in_one_line(r)
    assert "--agent" in r.err
    assert (data / "kiosk.sqlite3").read_bytes() == before


@pytest.mark.parametrize(
    "command", [["restore", "OUT/x.kbak"], ["update", "rollback"], ["agent", "list"]]
)
def test_technician_only_commands_refuse_an_agent(kiosk, station, tmp_path, command):
    r = kiosk(
        *[c.replace("OUT", str(tmp_path)) for c in command], "--agent", "li", stdin="135790\n"
    )
    refused_in_one_line(r)
    assert "技术员" in r.err


def test_read_only_status_stays_open(kiosk):
    assert kiosk("queue", "--json").code == 0
    assert kiosk("catalog", "search", "养老", "--json").code == 0
    assert kiosk("audit", "verify").code == 0


def test_a_service_credential_runs_its_scope_only_until_revoked(kiosk, station, tmp_path):
    data, _ = station
    made = kiosk(
        "agent", "service", "add", "cron", "--scope", "backup", "--agent", "tech", stdin="246810\n"
    )
    assert made.code == 0, made.err
    secrets_file = json.loads((data / "demo-secrets.json").read_text("utf-8"))
    assert "service-credential:cron" in secrets_file  # the secret: in the secret store
    token = secrets_file["service-credential:cron"]
    with sqlite3.connect(data / "kiosk.sqlite3") as conn:  # only its hash in the database
        assert token.encode() not in b"".join(
            str(r).encode() for r in conn.execute("select * from service_credential")
        )
    out = tmp_path / "cron.kbak"
    ok = kiosk("backup", "--out", out, "--service", "cron")
    assert ok.code == 0, ok.err
    assert audit(data, "backup")[-1][0] == "service:cron"
    # not for a passphrase backup, not for maintenance, not for printing
    phrase = "村口大槐树2024\n"
    r = kiosk("backup", "--out", tmp_path / "p.kbak", "--passphrase-stdin", "--service", "cron")
    refused_in_one_line(r)
    refused_in_one_line(kiosk("maintenance", "--service", "cron", stdin=phrase))
    refused_in_one_line(
        kiosk("agent", "service", "add", "x", "--scope", "backup", "--service", "cron")
    )
    revoked = kiosk("agent", "service", "revoke", "cron", "--agent", "tech", stdin="246810\n")
    assert revoked.code == 0, revoked.err
    r = kiosk("backup", "--out", tmp_path / "again.kbak", "--service", "cron")
    refused_in_one_line(r)
    assert "撤销" in r.err

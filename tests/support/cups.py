"""A private CUPS scheduler with a cups-pdf queue, for printing tests against the real thing.

cupsd runs with its own config, spool and socket in a temporary directory (the system's CUPS,
if any, is not touched); clients reach it through ``CUPS_SERVER=<socket>``. cups-pdf writes
where /etc/cups/cups-pdf.conf says (``Out``, default ``${HOME}/PDF``; anonymous jobs go to
``AnonDirName``, default /var/spool/cups-pdf/ANONYMOUS).
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")


@dataclass
class PrivateCups:
    root: Path
    socket: Path
    printer: str
    process: subprocess.Popen[bytes]
    printed: list[Path] = field(default_factory=list)

    def env(self) -> dict[str, str]:
        return dict(os.environ, CUPS_SERVER=str(self.socket), QT_QPA_PLATFORM="offscreen")

    def run(self, *cmd: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(cmd, env=self.env(), capture_output=True, text=True, timeout=30)

    def output_dirs(self) -> list[Path]:
        """Where cups-pdf puts this user's jobs (and anonymous ones), per its config."""
        out, anon = "${HOME}/PDF", "/var/spool/cups-pdf/ANONYMOUS"
        if CUPS_PDF_CONF.exists():
            for line in CUPS_PDF_CONF.read_text("utf-8", errors="replace").splitlines():
                key, _, value = line.strip().partition(" ")
                if key == "Out" and value.strip():
                    out = value.strip()
                elif key == "AnonDirName" and value.strip():
                    anon = value.strip()
        user = pwd.getpwuid(os.geteuid())
        out = out.replace("${HOME}", user.pw_dir).replace("${USER}", user.pw_name)
        return [Path(out), Path(anon)]

    def wait_for_output(self, doc_name: str, timeout: float = 90) -> Path:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for folder in self.output_dirs():
                for path in folder.glob(f"{doc_name}*.pdf") if folder.is_dir() else []:
                    done = subprocess.run(["pdfinfo", str(path)], capture_output=True)
                    if done.returncode == 0:
                        self.printed.append(path)
                        return path
            time.sleep(0.3)
        log = (self.root / "log" / "error_log").read_text("utf-8", errors="replace")[-3000:]
        raise AssertionError(f"cups-pdf wrote nothing for {doc_name}; cupsd log:\n{log}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        for path in self.printed:
            path.unlink(missing_ok=True)
        shutil.rmtree(self.root, ignore_errors=True)


def start_private_cups(printer: str = "kiosk-test-pdf") -> PrivateCups:
    cupsd = shutil.which("cupsd") or (
        "/usr/sbin/cupsd" if Path("/usr/sbin/cupsd").exists() else None
    )
    if cupsd is None:
        pytest.skip("cupsd not installed (./dev test installs cups and cups-pdf)")
    if os.geteuid() != 0:
        pytest.skip("cups-pdf only writes PDFs when cupsd runs as root (CI runs as root)")
    assert CUPS_PDF_PPD.exists() and CUPS_PDF_BACKEND.exists(), (
        "cupsd is installed but cups-pdf is not: install printer-driver-cups-pdf"
    )
    root = Path(tempfile.mkdtemp(prefix="kiosk-cups-"))
    root.chmod(0o755)  # filters run as lp and must reach the spool
    for sub in ("etc/ppd", "state", "cache", "spool/tmp", "log"):
        (root / sub).mkdir(parents=True)
    socket = root / "cups.sock"
    (root / "etc/cups-files.conf").write_text(
        f"""ServerRoot {root}/etc
StateDir {root}/state
CacheDir {root}/cache
RequestRoot {root}/spool
TempDir {root}/spool/tmp
ErrorLog {root}/log/error_log
AccessLog {root}/log/access_log
PageLog {root}/log/page_log
User lp
Group lp
SystemGroup root
Sandboxing Relaxed
""",
        "utf-8",
    )
    (root / "etc/cupsd.conf").write_text(
        f"""Listen {socket}
LogLevel info
WebInterface No
Browsing No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
""",
        "utf-8",
    )
    log = (root / "log" / "cupsd.out").open("wb")
    process = subprocess.Popen(
        [cupsd, "-f", "-c", str(root / "etc/cupsd.conf"), "-s", str(root / "etc/cups-files.conf")],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    cups = PrivateCups(root, socket, printer, process)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            cups.stop()
            raise AssertionError(f"cupsd exited: {(root / 'log/cupsd.out').read_text()}")
        if socket.exists() and cups.run("lpstat", "-r").returncode == 0:
            break
        time.sleep(0.2)
    else:
        cups.stop()
        raise AssertionError("private cupsd did not come up")
    res = cups.run("lpadmin", "-p", printer, "-E", "-v", "cups-pdf:/", "-P", str(CUPS_PDF_PPD))
    if res.returncode != 0:
        cups.stop()
        raise AssertionError(f"lpadmin failed: {res.stderr}")
    return cups

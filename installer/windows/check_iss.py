"""A structural check of the Inno Setup script, for machines without the Inno compiler.

It is not ISCC: it parses the sections, the ``Key: value; …`` entries and the [Code] block
and checks what a typo would break — unknown sections or parameters, missing [Setup]
directives, tasks referenced but not defined, unbalanced preprocessor blocks, quotes,
braces and begin/end in the Pascal code, and the /PROVISION switch being read.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

SECTIONS = {
    "Setup",
    "Languages",
    "CustomMessages",
    "Messages",
    "Tasks",
    "Dirs",
    "Files",
    "Icons",
    "Run",
    "UninstallRun",
    "UninstallDelete",
    "InstallDelete",
    "Registry",
    "INI",
    "Code",
    "Types",
    "Components",
}
ENTRY_PARAMS = {
    "Languages": {"Name", "MessagesFile", "LicenseFile", "InfoBeforeFile", "InfoAfterFile"},
    "Tasks": {
        "Name",
        "Description",
        "GroupDescription",
        "Flags",
        "Components",
        "Check",
        "Languages",
    },
    "Dirs": {"Name", "Permissions", "Flags", "Tasks", "Check", "Attribs"},
    "Files": {
        "Source",
        "DestDir",
        "DestName",
        "Flags",
        "Tasks",
        "Check",
        "Permissions",
        "Excludes",
        "Components",
        "Languages",
        "Attribs",
        "BeforeInstall",
        "AfterInstall",
    },
    "Icons": {
        "Name",
        "Filename",
        "Parameters",
        "WorkingDir",
        "IconFilename",
        "IconIndex",
        "Comment",
        "Tasks",
        "Flags",
        "Check",
        "AppUserModelID",
        "Languages",
        "HotKey",
    },
    "Run": {
        "Filename",
        "Parameters",
        "WorkingDir",
        "Description",
        "StatusMsg",
        "Flags",
        "Tasks",
        "Check",
        "RunOnceId",
        "Verb",
        "Languages",
    },
    "UninstallRun": {"Filename", "Parameters", "WorkingDir", "Flags", "RunOnceId", "Check"},
    "UninstallDelete": {"Type", "Name", "Tasks", "Check"},
    "InstallDelete": {"Type", "Name", "Tasks", "Check"},
    "Registry": {
        "Root",
        "Subkey",
        "ValueType",
        "ValueName",
        "ValueData",
        "Flags",
        "Tasks",
        "Check",
        "Permissions",
    },
}
REQUIRED_SETUP = {
    "AppId",
    "AppName",
    "AppVersion",
    "DefaultDirName",
    "OutputBaseFilename",
    "PrivilegesRequired",
}
KNOWN_CONSTANTS = {
    "app",
    "group",
    "autopf",
    "commonpf",
    "commondesktop",
    "commonstartup",
    "commonappdata",
    "userappdata",
    "localappdata",
    "cmd",
    "sys",
    "tmp",
    "win",
    "uninstallexe",
    "src",
    "userdesktop",
    "userstartup",
    "autodesktop",
    "autostartup",
    "autoprograms",
}


@dataclass
class IssReport:
    setup: dict[str, str] = field(default_factory=dict)
    entries: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    code: str = ""
    problems: list[str] = field(default_factory=list)


def _split_entry(line: str) -> list[tuple[str, str]] | None:
    """``Name: "a; b"; Flags: x`` → [(Name, a; b), (Flags, x)] (quotes may contain ';')."""
    out, i, n = [], 0, len(line)
    while i < n:
        m = re.match(r"\s*([A-Za-z]+)\s*:\s*", line[i:])
        if not m:
            return None
        key = m.group(1)
        i += m.end()
        if i < n and line[i] == '"':
            j, value = i + 1, []
            while True:
                if j >= n:
                    return None  # unterminated quote
                if line[j] == '"':
                    if j + 1 < n and line[j + 1] == '"':
                        value.append('"')
                        j += 2
                        continue
                    break
                value.append(line[j])
                j += 1
            out.append((key, "".join(value)))
            i = j + 1
        else:
            j = line.find(";", i)
            j = n if j < 0 else j
            out.append((key, line[i:j].strip()))
            i = j
        rest = line[i:].lstrip()
        if not rest:
            break
        if not rest.startswith(";"):
            return None
        i = n - len(rest) + 1
    return out


def _constants(value: str) -> list[str]:
    return re.findall(r"(?<!\{)\{([a-z]+)(?=[}:])", value)


def check(path: Path) -> IssReport:
    report = IssReport()
    section = ""
    depth = 0
    code: list[str] = []
    lines = path.read_text("utf-8-sig").splitlines()
    for no, raw in enumerate(lines, 1):
        line = raw.strip()
        where = f"line {no}"
        if line.startswith("#"):
            word = line[1:].split()[0] if line[1:].split() else ""
            if word in {"if", "ifdef", "ifndef", "ifexist", "ifnexist"}:
                depth += 1
            elif word == "endif":
                depth -= 1
                if depth < 0:
                    report.problems.append(f"{where}: #endif without #if")
            elif word not in {"define", "else", "elif", "include", "error", "pragma", "expr"}:
                report.problems.append(f"{where}: unknown preprocessor directive #{word}")
            continue
        m = re.fullmatch(r"\[([A-Za-z]+)\]", line)
        if m:
            section = m.group(1)
            if section not in SECTIONS:
                report.problems.append(f"{where}: unknown section [{section}]")
            continue
        if section == "Code":
            code.append(raw)
            continue
        if not line or line.startswith(";"):
            continue
        if section in {"Setup", "CustomMessages", "Messages"}:
            if "=" not in line:
                report.problems.append(f"{where}: expected Key=Value in [{section}]")
            elif section == "Setup":
                key, value = line.split("=", 1)
                report.setup[key.strip()] = value.strip()
            continue
        if section in ENTRY_PARAMS:
            parts = _split_entry(line)
            if parts is None:
                report.problems.append(f"{where}: cannot parse entry: {line}")
                continue
            entry = dict(parts)
            unknown = set(entry) - ENTRY_PARAMS[section]
            if unknown:
                report.problems.append(f"{where}: unknown parameter(s) {sorted(unknown)}")
            for value in entry.values():
                for const in _constants(value):
                    if const not in KNOWN_CONSTANTS and const not in {"cm", "param"}:
                        report.problems.append(f"{where}: unknown constant {{{const}}}")
            report.entries.setdefault(section, []).append(entry)
    if depth != 0:
        report.problems.append("unbalanced #if/#endif")
    missing = REQUIRED_SETUP - set(report.setup)
    if missing:
        report.problems.append(f"[Setup] lacks {sorted(missing)}")
    tasks = {t["Name"] for t in report.entries.get("Tasks", [])}
    for sec in ("Icons", "Files", "Run", "Dirs"):
        for entry in report.entries.get(sec, []):
            for task in entry.get("Tasks", "").split():
                if task not in tasks:
                    report.problems.append(f"[{sec}] uses undefined task {task!r}")
    messages = set()
    in_cm = False
    for raw in lines:
        s = raw.strip()
        if re.fullmatch(r"\[([A-Za-z]+)\]", s):
            in_cm = s == "[CustomMessages]"
        elif in_cm and "=" in s and not s.startswith(";"):
            messages.add(s.split("=", 1)[0].strip())
    for sec, entries in report.entries.items():
        for entry in entries:
            for value in entry.values():
                for name in re.findall(r"\{cm:([A-Za-z]+)", value):
                    if name not in messages and name != "UninstallProgram":
                        report.problems.append(f"[{sec}] uses undefined message {name!r}")
    report.code = "\n".join(code)
    report.problems += _check_code(report.code)
    return report


def _check_code(code: str) -> list[str]:
    problems = []
    stripped = re.sub(r"\{[^}]*\}|//[^\n]*|\(\*.*?\*\)", " ", code, flags=re.S)
    for no, line in enumerate(stripped.splitlines(), 1):
        if line.count("'") % 2:
            problems.append(f"[Code] line {no}: unbalanced quote")
    no_strings = re.sub(r"'[^']*'", "''", stripped)
    words = re.findall(r"\b(begin|end|case|try|record)\b", no_strings, flags=re.I)
    depth = 0
    for w in words:
        depth += 1 if w.lower() in {"begin", "case", "try", "record"} else -1
        if depth < 0:
            problems.append("[Code]: 'end' without 'begin'")
            break
    if depth != 0:
        problems.append(f"[Code]: begin/end unbalanced ({depth:+d})")
    for m in re.finditer(r"\b(procedure|function)\s+(\w+)", no_strings, flags=re.I):
        if not re.search(rf"\b{m.group(2)}\b", no_strings[m.end() :]) and m.group(2) not in {
            "CurStepChanged",
            "InitializeSetup",
            "InitializeWizard",
            "NextButtonClick",
            "CurUninstallStepChanged",
        }:
            problems.append(f"[Code]: {m.group(2)} is defined but never used")
    return problems


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else Path(__file__).with_name("kiosk.iss")
    report = check(path)
    for problem in report.problems:
        print(f"{path}: {problem}")
    print(
        f"{path}: {'OK' if not report.problems else 'problems found'} (structure only; "
        "not compiled: ISCC runs on Windows)"
    )
    return 1 if report.problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

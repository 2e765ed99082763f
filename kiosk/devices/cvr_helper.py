"""The helper process that loads a vendor's ID-card reader library (``CVR_*`` API) by ctypes.

Run as ``python -m kiosk.devices.cvr_helper LIBRARY PORT``. Vendor libraries are often
32-bit (a 32-bit Python runs this helper then) and sometimes crash; in a process of their
own they can do neither harm to the app. The app speaks to it in JSON lines on
stdin/stdout: ``{"op": "find"}`` → ``{"ok": true, "found": bool}``, ``{"op": "read"}`` →
``{"ok": true, "fields": {...}}``, ``{"op": "close"}``. Strings from the library are GBK.

The API (most Chinese desk readers' SDKs share it): ``CVR_InitComm(port)`` (1001–1016 are
USB readers, 1–16 serial ports), ``CVR_Authenticate()`` (a card is there and answered),
``CVR_Read_Content(active)``, then ``GetPeopleName(buf, &len)``-style getters, and
``CVR_CloseComm()``. Every call returns 1 for success.
"""

from __future__ import annotations

import ctypes
import json
import sys
from typing import Any

GETTERS = {
    "name": "GetPeopleName",
    "sex": "GetPeopleSex",
    "nation": "GetPeopleNation",
    "birth": "GetPeopleBirthday",
    "address": "GetPeopleAddress",
    "id_number": "GetPeopleIDCode",
    "issuer": "GetDepartment",
    "valid_from": "GetStartDate",
    "valid_until": "GetEndDate",
}
OPTIONAL_GETTERS = {  # newer libraries: the other card types
    "card_type": "GetCertType",
    "name_en": "GetPeopleEnglishName",
    "nationality": "GetNationalityCode",
    "permit_number": "GetPassCheckID",
    "issue_count": "GetIssuesNum",
}


def _text(lib: Any, getter: str) -> str:
    buf = ctypes.create_string_buffer(256)
    length = ctypes.c_int(256)
    if getattr(lib, getter)(buf, ctypes.byref(length)) != 1:
        return ""
    raw = buf.raw[: max(0, min(length.value, 256))].split(b"\x00", 1)[0]
    return raw.decode("gbk", "replace").strip()


def serve(library: str, port: int) -> int:
    try:
        loader = getattr(ctypes, "WinDLL", ctypes.CDLL)  # Windows SDKs are __stdcall
        lib = loader(library)
    except OSError as exc:
        print(json.dumps({"ok": False, "error": "load", "detail": str(exc)}), flush=True)
        return 1
    if lib.CVR_InitComm(port) != 1:
        print(json.dumps({"ok": False, "error": "port", "detail": str(port)}), flush=True)
        return 1
    print(json.dumps({"ok": True, "ready": True}), flush=True)
    for line in sys.stdin:
        op = json.loads(line).get("op")
        if op == "find":
            answer: dict[str, Any] = {"ok": True, "found": lib.CVR_Authenticate() == 1}
        elif op == "read":
            if lib.CVR_Read_Content(1) != 1:
                answer = {"ok": False, "error": "read"}
            else:
                fields = {k: _text(lib, g) for k, g in GETTERS.items()}
                fields |= {k: _text(lib, g) for k, g in OPTIONAL_GETTERS.items() if hasattr(lib, g)}
                answer = {"ok": True, "fields": fields}
        elif op == "close":
            lib.CVR_CloseComm()
            print(json.dumps({"ok": True}), flush=True)
            return 0
        else:
            answer = {"ok": False, "error": "op"}
        print(json.dumps(answer, ensure_ascii=False), flush=True)
    lib.CVR_CloseComm()
    return 0


if __name__ == "__main__":
    sys.exit(serve(sys.argv[1], int(sys.argv[2])))

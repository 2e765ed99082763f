"""Where secrets live: the OS keyring (Secret Service, Windows Credential Manager …).

The data key and the device token never go into the settings file, the database or logs.
A demo station (fictional data only) may keep them in a file in its data dir instead.
"""

from __future__ import annotations

import contextlib
import json
import logging
from pathlib import Path
from typing import Any, Protocol

from kiosk.core.atomic import atomic_write_text
from kiosk.core.errors import KioskError

log = logging.getLogger(__name__)

KEYRING_SERVICE = "village-kiosk"


class SecretStore(Protocol):
    def get(self, name: str) -> str | None: ...
    def set(self, name: str, value: str) -> None: ...
    def delete(self, name: str) -> None: ...


class KeyringUnavailable(KioskError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            "系统密钥环不可用，为保护居民个人信息，本机暂不能保存申请。"
            "请技术员安装并启用密钥环服务（Linux：gnome-keyring；Windows：凭据管理器）后重试。",
            f"no usable OS keyring backend: {detail}",
        )


class KeyringSecretStore:
    """Secrets in the OS keyring, namespaced by the station's install id."""

    def __init__(self, install_id: str) -> None:
        self._prefix = f"{install_id}:"

    def _backend(self) -> Any:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring | null.Keyring):
            raise KeyringUnavailable(type(backend).__name__)
        return backend

    def get(self, name: str) -> str | None:
        try:
            value: str | None = self._backend().get_password(KEYRING_SERVICE, self._prefix + name)
        except KioskError:
            raise
        except Exception as exc:  # keyring raises many backend-specific errors
            raise KeyringUnavailable(f"{type(exc).__name__}: {exc}") from exc
        return value

    def set(self, name: str, value: str) -> None:
        try:
            self._backend().set_password(KEYRING_SERVICE, self._prefix + name, value)
        except KioskError:
            raise
        except Exception as exc:
            raise KeyringUnavailable(f"{type(exc).__name__}: {exc}") from exc

    def delete(self, name: str) -> None:
        import keyring.errors

        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            self._backend().delete_password(KEYRING_SERVICE, self._prefix + name)


class DemoFileSecretStore:
    """Demo stations only (fictional residents): secrets in ``demo-secrets.json`` (0600)."""

    def __init__(self, data_dir: Path) -> None:
        self._path = data_dir / "demo-secrets.json"

    def _load(self) -> dict[str, str]:
        if not self._path.exists():
            return {}
        data: dict[str, str] = json.loads(self._path.read_text("utf-8"))
        return data

    def get(self, name: str) -> str | None:
        return self._load().get(name)

    def set(self, name: str, value: str) -> None:
        data = self._load()
        data[name] = value
        atomic_write_text(self._path, json.dumps(data))

    def delete(self, name: str) -> None:
        data = self._load()
        if data.pop(name, None) is not None:
            atomic_write_text(self._path, json.dumps(data))


def open_secret_store(kind: str, install_id: str, data_dir: Path) -> SecretStore:
    if kind == "demo-file":
        log.warning("demo station: secrets kept in %s, not the OS keyring", data_dir)
        return DemoFileSecretStore(data_dir)
    return KeyringSecretStore(install_id)

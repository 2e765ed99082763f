"""Who an agent is on paper: real name, 身份证号, phone and service point (受托人 on the 委托书).

The login name ("wang", "demo") identifies a user to the station; it never appears on a
receipt or a 代办委托书. What does is this profile, set by the technician when the agent is
added (``kiosk agent profile NAME …``). It is personal data like a resident's, so it is
stored encrypted (``agent.profile_enc``, AES-GCM with the station's data key, bound to the
agent's row id).
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict

from sqlalchemy import select

from kiosk.core import audit
from kiosk.core.agent_identity import AgentProfile, check_profile
from kiosk.core.audit import AuditLog
from kiosk.core.crypto import DataCipher
from kiosk.core.errors import NotFound
from kiosk.store.db import Database
from kiosk.store.models import Agent

log = logging.getLogger(__name__)


__all__ = ["AgentProfile", "AgentProfiles"]


def _aad(agent_id: int) -> bytes:
    return f"agent-profile:{agent_id}".encode()


class AgentProfiles:
    def __init__(self, db: Database, cipher: DataCipher, audit_log: AuditLog) -> None:
        self._db = db
        self._cipher = cipher
        self._audit = audit_log

    def set(self, login: str, profile: AgentProfile, actor: str = "技术员") -> AgentProfile:
        profile = check_profile(profile)
        with self._db.write() as s:
            agent = s.scalar(select(Agent).where(Agent.name == login.strip()))
            if agent is None:
                raise NotFound(f"没有用户“{login}”，请先添加。", f"no agent {login!r}")
            agent.profile_enc = self._cipher.encrypt(
                json.dumps(asdict(profile), ensure_ascii=False).encode(), _aad(agent.id)
            )
            self._audit.record(s, actor, audit.EDIT, f"agent:{agent.name}", "profile")
        log.info("agent profile set")
        return profile

    def get(self, login: str) -> AgentProfile | None:
        """The profile of the user ``login``, or None (no such user, or none set yet)."""
        with self._db.read() as s:
            agent = s.scalar(select(Agent).where(Agent.name == login))
            if agent is None or agent.profile_enc is None:
                return None
            raw = self._cipher.decrypt(agent.profile_enc, _aad(agent.id))
        return AgentProfile(**json.loads(raw))

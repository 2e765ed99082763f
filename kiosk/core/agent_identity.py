"""An agent's identity on paper (pure data and checks; the store is ``agent_profiles``)."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.errors import InputError
from kiosk.forms.validators import (
    check_id_number,
    check_mobile,
    normalize_id_number,
    normalize_mobile,
)


@dataclass(frozen=True)
class AgentProfile:
    real_name: str
    id_number: str
    phone: str
    service_point: str = ""  # e.g. "示范村便民服务代办点"; empty: the station's name


def check_profile(profile: AgentProfile) -> AgentProfile:
    """The profile with its numbers normalised, or InputError saying what to correct."""
    name = profile.real_name.strip()
    if not 2 <= len(name) <= 30:
        raise InputError("代办员真实姓名应为2到30个字。", "agent real name must be 2-30 characters")
    problem = check_id_number(profile.id_number)
    if problem:
        raise InputError(f"代办员{problem}", "agent id number is invalid")
    problem = check_mobile(profile.phone)
    if problem:
        raise InputError(f"代办员联系电话：{problem}", "agent phone is invalid")
    return AgentProfile(
        name,
        normalize_id_number(profile.id_number),
        normalize_mobile(profile.phone),
        profile.service_point.strip(),
    )

"""Ratings waiting for the hub, both kinds through one outbox: 一事一评 (``evaluation``) and
一次一评 (``visit_rating``). Each goes out with who rated (the resident's name and phone from
the application) sealed to the hub's box key, so the hub can call back after a 差评 and
nobody on the way (the township carrying a USB batch included) can read it."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from kiosk.core.evaluations import LEVELS, EvaluationService, EvaluationView
from kiosk.core.visit_ratings import VisitRatingService, VisitRatingView
from kiosk.protocol.sealed import seal_b64

log = logging.getLogger(__name__)
RATER_PURPOSE = "rater"
RATING_PURPOSE = "rating"  # a whole rating sealed into a USB batch

Payload = Callable[[str], dict[str, Any]]
Creator = Callable[[str], str]


@dataclass(frozen=True)
class PendingRating:
    id: str
    client_id: str
    level: str
    comment: str
    rated_at: str
    kind: str = "case"
    dimensions: dict[str, str] = field(default_factory=dict)
    agent: str = ""
    rater: str | None = None

    def wire(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "client_id": self.client_id,
            "level": self.level,
            "comment": self.comment,
            "rated_at": self.rated_at,
            "kind": self.kind,
            "agent": self.agent,
        }
        if self.kind == "visit":
            out["dimensions"] = dict(self.dimensions)
        if self.rater:
            out["rater"] = self.rater
        return out


class RatingOutbox:
    """The sync engine's outbox of ratings (``pending``/``mark``), and the USB batch's."""

    def __init__(
        self,
        evaluations: EvaluationService,
        visits: VisitRatingService,
        payload: Payload,
        created_by: Creator,
        hub_box_key: Callable[[], str | None],
    ) -> None:
        self._evaluations = evaluations
        self._visits = visits
        self._payload = payload
        self._created_by = created_by
        self._hub_box_key = hub_box_key

    def _rater(self, app_id: str, rating_id: str) -> str | None:
        key = self._hub_box_key()
        if not key:
            return None
        try:
            payload = self._payload(app_id)
        except Exception:  # purged or unreadable: the rating goes without a contact
            return None
        who = {k: str(payload[k]) for k in ("name", "phone") if payload.get(k)}
        if not who:
            return None
        from kiosk.core.device_keys import x25519_public

        plain = json.dumps(who, ensure_ascii=False).encode()
        return seal_b64(x25519_public(key), plain, RATER_PURPOSE, rating_id.encode())

    def _case(self, e: EvaluationView) -> PendingRating:
        return PendingRating(
            e.id,
            e.application_id,
            LEVELS[e.level],
            e.comment,
            e.created_at.isoformat() + "Z",
            "case",
            {},
            self._created_by(e.application_id),
            self._rater(e.application_id, e.id),
        )

    def _visit(self, v: VisitRatingView) -> PendingRating:
        return PendingRating(
            v.id,
            v.application_id,
            LEVELS[v.level],
            v.comment,
            v.created_at.isoformat() + "Z",
            "visit",
            {k: LEVELS[n] for k, n in v.dimensions.items()},
            v.agent,
            self._rater(v.application_id, v.id),
        )

    def pending(self) -> list[PendingRating]:
        """Ratings whose case the hub already has (the others wait for it)."""
        cases = [self._case(e) for e in self._evaluations.pending()]
        return cases + [self._visit(v) for v in self._visits.pending()]

    def unsent(self) -> list[PendingRating]:
        """Every rating the hub has not confirmed (a USB batch carries them all)."""
        cases = [self._case(e) for e in self._evaluations.unsent()]
        return cases + [self._visit(v) for v in self._visits.unsent()]

    def mark(self, rating_id: str, op: str, **extra: Any) -> None:
        if op == "failed":  # a definite refusal: keep it out of every later sync, and say why
            log.warning("rating %s refused: %s", rating_id, extra.get("error"))
        self.confirm([rating_id])

    def confirm(self, rating_ids: list[str]) -> None:
        """The hub holds these (online answer, or a USB status return)."""
        if not rating_ids:
            return
        self._visits.mark_synced(rating_ids)
        self._evaluations.mark_synced(rating_ids)


def sealed_ratings(outbox: RatingOutbox, hub_key: X25519PublicKey, station_code: str) -> list[str]:
    """Every unconfirmed rating, each sealed whole to the hub (for a USB batch's manifest:
    the township carrying it reads nothing of it)."""
    return [
        seal_b64(
            hub_key,
            json.dumps(r.wire(), ensure_ascii=False).encode(),
            RATING_PURPOSE,
            station_code.encode(),
        )
        for r in outbox.unsent()
    ]

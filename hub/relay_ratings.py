"""好差评 carried on USB: a village's batch brings its ratings, each sealed to the hub's box
key; the hub opens them and records them as if sent online (idempotent by rating id), and
the status return lists the ratings it holds so the village stops carrying them."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import logging
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select

from hub.db import HubDatabase
from hub.errors import HubError
from hub.evaluations import EvaluationService
from hub.followup_models import VisitRating
from hub.models import Evaluation
from kiosk.protocol.sealed import SealBroken, open_sealed

log = logging.getLogger(__name__)
RATING_PURPOSE = "rating"


def relay_ratings(
    evaluations: EvaluationService, box: X25519PrivateKey, village: str, sealed: list[str]
) -> dict[str, int]:
    """Record the ratings of a relayed batch; counts by outcome (``waiting``: case unknown)."""
    counts = {"created": 0, "duplicate": 0, "waiting": 0, "refused": 0}
    for item in sealed:
        try:
            raw = open_sealed(
                box, base64.b64decode(item, validate=True), RATING_PURPOSE, village.encode()
            )
            r: dict[str, Any] = json.loads(raw)
            rated_at = dt.datetime.fromisoformat(str(r["rated_at"]).replace("Z", "+00:00"))
            answer = evaluations.evaluate(
                village,
                str(r["id"]),
                str(r["client_id"]),
                str(r["level"]),
                str(r.get("comment", ""))[:500],
                rated_at,
                kind=str(r.get("kind", "case")),
                dimensions=r.get("dimensions") or None,
                agent=str(r.get("agent", ""))[:50],
                rater=r.get("rater"),
            )
            counts[str(answer["outcome"])] += 1
        except HubError as exc:
            counts["waiting" if exc.kind == "case-not-found" else "refused"] += 1
            if exc.kind != "case-not-found":
                log.warning("a relayed rating of %s was refused: %s", village, exc.en)
        except (SealBroken, binascii.Error, ValueError, KeyError, TypeError) as exc:
            counts["refused"] += 1
            log.warning("a relayed rating of %s could not be read: %s", village, exc)
    return counts


def held_rating_ids(db: HubDatabase, village: str) -> list[str]:
    """Ids of every rating of this village the hub holds (both kinds)."""
    with db.session() as s:
        cases = s.scalars(select(Evaluation.id).where(Evaluation.station_code == village))
        visits = s.scalars(select(VisitRating.id).where(VisitRating.station_code == village))
        return sorted([*cases, *visits])

"""Sending the 一件事 groups of the outbox within one sync cycle (``group_outbox`` says which
and records the answers); the single applications go through :class:`OutboxSender`.

One group at a time: its members' attachments (each blob once, however many members cite
it), then the group request with the same retries as any request. The hub's answer is
recorded per member; a refusal of the whole group quarantines the member it names and holds
the others back; a request with no definite answer leaves the members to be sent again.
"""

from __future__ import annotations

import logging
from typing import Any

from kiosk.protocol import wire as p
from kiosk.sync import group_outbox, outbox
from kiosk.sync.client import HubAuthError, HubRefused, HubUnreachable
from kiosk.sync.group_outbox import OutGroup
from kiosk.sync.group_pending import PendingOf
from kiosk.sync.report import ProgressTracker, SyncReport
from kiosk.sync.sending import OutboxSender, SyncCancelled

log = logging.getLogger(__name__)

GROUP_REFUSALS = (p.PROBLEM_GROUP_MEMBER_REFUSED, p.PROBLEM_GROUP_CONFLICT)
_CONTENT_REFUSALS = (413, 422)
HELD_ZH = "同一件事中有事项的附件无法发送，整件事暂未报送；处理该事项后会一起自动发送。"


class GroupSender(OutboxSender):
    # which member fields wait for an earlier member's result (set by the composition root)
    pending_of: PendingOf | None = None

    def _send_groups(self, report: SyncReport, tracker: ProgressTracker, force: bool) -> None:
        """Every group due now, each once per round."""
        tried: set[str] = set()
        while True:
            self._check_cancelled()
            due = group_outbox.due_groups(self._db, force, tried)
            if not due:
                return
            tried.add(due[0])
            group = group_outbox.claim_group(self._db, self._cipher, due[0], self.pending_of)
            if group is not None:
                self._transmit_group(group, report, tracker)

    def _transmit_group(
        self, group: OutGroup, report: SyncReport, tracker: ProgressTracker
    ) -> None:
        uploaded: set[str] = set()
        ids = group.ids
        try:
            ready = self._upload_attachments(group.members, report, tracker, uploaded)
            if len(ready) < len(group.members):  # one member's files cannot go: all wait
                outbox.mark_uploaded(self._db, sorted(uploaded))
                outbox.requeue(self._db, [m.id for m in ready], HELD_ZH, penalise=False)
                return
            outbox.count_attempt(self._db, ids)  # before it can reach the hub
            answer = self._post_group(group, report, tracker)
            if answer is None:
                return
            lacking = {
                str(sha)
                for r in answer.get("members") or []
                if r.get("outcome") == p.MISSING_BLOBS
                for sha in r.get("missing") or []
            }
            if lacking or answer.get("group_no") is None:
                # the hub lost (or never had) some: upload them again, send the group once more
                report.missing_blobs += len(ids)
                uploaded -= lacking
                outbox.mark_uploaded(self._db, sorted(lacking), uploaded=False)
                self._upload_attachments(
                    group.members, report, tracker, uploaded, trust_flags=False
                )
                answer = self._post_group(group, report, tracker) or {}
        except (HubUnreachable, HubAuthError, HubRefused) as exc:
            outbox.mark_uploaded(self._db, sorted(uploaded))
            if self._cancelled.is_set():
                outbox.requeue(self._db, ids, SyncCancelled().zh, None, False)
                raise SyncCancelled() from exc
            penalise = not isinstance(exc, HubAuthError)
            retry_after = exc.retry_after if isinstance(exc, HubUnreachable) else None
            outbox.requeue(self._db, ids, exc.zh, retry_after, penalise)
            raise
        report.sent += len(ids)
        tracker.add_items(len(ids), sum(m.wire_bytes() for m in group.members))
        counts = group_outbox.record_group(self._db, group, answer, sorted(uploaded), self._audit)
        report.created += counts[p.CREATED]
        report.duplicate += counts[p.DUPLICATE]
        report.conflict += counts[p.CONFLICT]
        report.rejected += counts[p.REJECTED]
        waiting = [
            m.id
            for m in group.members
            if not any(
                r.get("client_id") == m.id and r.get("outcome") in p.FINAL_OUTCOMES
                for r in answer.get("members") or []
            )
        ]
        if waiting:  # no definite answer for these: they go again later
            outbox.requeue(
                self._db,
                waiting,
                "省级平台尚未确认收到（附件未齐或应答不完整），稍后自动重试。",
            )

    def _post_group(
        self, group: OutGroup, report: SyncReport, tracker: ProgressTracker
    ) -> dict[str, Any] | None:
        """The hub's answer, or None when it refused the whole group (recorded here)."""
        tracker.emit("submit")
        wire = group.wire()
        try:
            return self._call(lambda: self._client.submit_group(wire), report, tracker)
        except HubRefused as exc:
            if exc.kind in GROUP_REFUSALS:
                problem = {**exc.problem, "status": exc.status, "detail": exc.zh}
            elif exc.status in _CONTENT_REFUSALS:  # the request itself: no member named
                problem = {"status": 422, "detail": exc.zh}
            else:
                raise
            counts = group_outbox.refuse_group(self._db, group, problem, self._audit)
            report.rejected += counts["refused"]
            report.errors.append(exc.zh)
            log.warning("group %s refused: %s", group.group_id, exc.en)
            return None

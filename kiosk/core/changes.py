"""What an operation changed on the station, so that every screen showing it can refresh
itself (as Anki's ``OpChanges``): a sync, a filing, an action on a case, an imported batch
each say what they touched; screens subscribe and decide whether they are concerned. Nobody
has to know which screens exist."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Changes:
    """What changed. ``applications``: an application's data or status (lists, counts, a
    case on screen); ``ids`` names them when known (empty: any of them may have changed).
    ``queued``: new work waits in the outbox (a sync should run soon). ``sync_state``:
    online/offline, queue depth, last and next attempt. ``drafts``, ``catalog``,
    ``settings``, ``station`` (its identity: set up, enrolled) as named."""

    applications: bool = False
    ids: frozenset[str] = frozenset()
    queued: bool = False
    sync_state: bool = False
    drafts: bool = False
    catalog: bool = False
    settings: bool = False
    station: bool = False

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name != "ids")

    def __or__(self, other: Changes) -> Changes:
        flags = {
            f.name: getattr(self, f.name) or getattr(other, f.name)
            for f in fields(self)
            if f.name != "ids"
        }
        # a change to "any application" stays one: naming some would narrow it
        broad = (self.applications and not self.ids) or (other.applications and not other.ids)
        return Changes(**flags, ids=frozenset() if broad else self.ids | other.ids)

    def touches(self, app_id: str) -> bool:
        """Did the application ``app_id`` (possibly) change?"""
        return self.applications and (not self.ids or app_id in self.ids)

    @classmethod
    def of_applications(cls, *app_ids: str, queued: bool = False) -> Changes:
        """These applications changed (filed, sent, withdrawn, handed over …); ``queued``:
        one of them now waits to be sent."""
        return cls(applications=True, ids=frozenset(app_ids), queued=queued)


NOTHING = Changes()
ANY_APPLICATION = Changes(applications=True)
DRAFTS = Changes(drafts=True)
STATION_SET_UP = Changes(station=True, settings=True, catalog=True, sync_state=True)

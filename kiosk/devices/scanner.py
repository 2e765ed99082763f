"""A keyboard-wedge scanner is a keyboard that types very fast: tell its bursts from typing.

A scanner in keyboard mode (USB HID) types a code a character every few milliseconds and
ends with Enter; a person leaves 60 ms or more between keys (a fast typist's roll-over can
bring two keys closer, never a whole run). A burst is a run of at least
:data:`MIN_LENGTH` characters with no gap over :data:`MAX_GAP_MS`, Enter included.
Timestamps are the key events' own (milliseconds), so a busy GUI thread that delivers the
events late does not turn typing into a burst, nor a burst into typing.
"""

from __future__ import annotations

MAX_GAP_MS = 40
MIN_LENGTH = 8
MAX_LENGTH = 400


class BurstDetector:
    def __init__(self, max_gap_ms: int = MAX_GAP_MS, min_length: int = MIN_LENGTH) -> None:
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self._text: list[str] = []
        self._last: int | None = None

    def key(self, text: str, at_ms: int) -> None:
        """A printable key's text, typed at ``at_ms``."""
        if self._last is None or at_ms - self._last > self.max_gap_ms:
            self._text = []  # too slow: a person, or the start of a new burst
        self._text.append(text)
        del self._text[:-MAX_LENGTH]
        self._last = at_ms

    def enter(self, at_ms: int) -> str | None:
        """Enter at ``at_ms``: the scanned text if a burst just ended, else None."""
        fast = self._last is not None and at_ms - self._last <= self.max_gap_ms
        text = "".join(self._text)
        self.reset()
        return text if fast and len(text) >= self.min_length else None

    def reset(self) -> None:
        self._text = []
        self._last = None

"""Read aloud (QtTextToSpeech): speech-dispatcher + espeak-ng on Linux, SAPI/WinRT on Windows.

QtTextToSpeech lives in PySide6-Addons and needs the system's audio libraries; anything
missing means ``available`` is False and the guide says so on screen instead of failing.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger(__name__)

# Real engines first; Qt's "mock" engine (it only pretends) is used when asked for by name,
# e.g. by tests or with KIOSK_TTS_ENGINE=mock.
PREFERRED = ("speechd", "sapi", "winrt", "darwin", "android", "flite")


def _speech_class() -> type[QTextToSpeech] | None:
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError as exc:  # no PySide6-Addons, or no libpulse / libspeechd on the system
        log.warning("text-to-speech unavailable: %s", exc)
        return None
    return QTextToSpeech


def choose_engine(available: list[str], wanted: str = "") -> str | None:
    if wanted:
        return wanted if wanted in available else None
    for name in PREFERRED:
        if name in available:
            return name
    real = [n for n in available if n != "mock"]
    return real[0] if real else None


class Reader(QObject):
    """One voice for the terminal. ``speaking`` changes drive the read/stop buttons."""

    speaking = Signal(bool)
    _states: type[QTextToSpeech.State]  # set with the engine

    def __init__(self, engine: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wanted = engine or os.environ.get("KIOSK_TTS_ENGINE", "")
        self._tts: QTextToSpeech | None = None
        self._tried = False
        self.problem = ""

    def _engine(self) -> QTextToSpeech | None:
        if self._tried:
            return self._tts
        self._tried = True
        speech = _speech_class()
        if speech is None:
            self.problem = "missing"
            return None
        name = choose_engine(list(speech.availableEngines()), self._wanted)
        if name is None:
            log.warning("no text-to-speech engine (have %s)", speech.availableEngines())
            self.problem = "missing"
            return None
        tts = speech(name, self)
        if tts.state() == speech.State.Error:
            log.warning("text-to-speech engine %s failed: %s", name, tts.errorString())
            self.problem = "broken"
            return None
        self._tts = tts
        self._states = speech.State
        tts.stateChanged.connect(self._state_changed)
        return tts

    @property
    def available(self) -> bool:
        return self._engine() is not None

    def _state_changed(self, state: object) -> None:
        if state == self._states.Error:
            log.warning("text-to-speech error: %s", self._tts.errorString() if self._tts else "")
        self.speaking.emit(state == self._states.Speaking)

    def is_speaking(self) -> bool:
        tts = self._tts
        return tts is not None and tts.state() in (self._states.Speaking, self._states.Synthesizing)

    def say(self, text: str, chinese: bool = True) -> bool:
        tts = self._engine()
        if tts is None:
            return False
        want = QLocale.Language.Chinese if chinese else QLocale.Language.English
        if tts.locale().language() != want:
            for locale in tts.availableLocales():
                if locale.language() == want:
                    tts.setLocale(locale)
                    break
        tts.setRate(-0.2)  # a little slower than the engine's default, for older listeners
        tts.say(text)
        return True

    def stop(self) -> None:
        if self._tts is not None:
            self._tts.stop()

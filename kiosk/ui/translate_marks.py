"""``QT_TRANSLATE_NOOP`` typed as what it gives back.

PySide6's stub declares ``QT_TRANSLATE_NOOP(context, message) -> object``; at run time it
returns the message unchanged. The UI's tables of translatable words (status words, guide
headings …) mark their strings with this one, so they are ``str`` to the type checker too.
lupdate (``./dev i18n``) finds the marks by the function's name, wherever it comes from.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, message: str) -> str:
    """Marks ``message`` for lupdate in ``context``; translate it later with that context."""
    return message

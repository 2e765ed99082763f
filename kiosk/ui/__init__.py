"""PySide6 user interface. Talks to services only (never to the database or the network)."""

from kiosk.ui import pyside_refcount as _pyside_refcount  # noqa: F401  (see its docstring)

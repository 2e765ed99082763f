"""PySide6 user interface. Talks to services only (never to the database or the network)."""

"""Domain model and services. Pure Python: never imports PySide6."""

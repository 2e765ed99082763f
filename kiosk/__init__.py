"""村级代办 Kiosk — offline-first desk app for village proxy-service points."""

__version__ = "0.1.0"

"""``python -m hub`` is ``kiosk-hub``."""

from hub.cli import main

raise SystemExit(main())

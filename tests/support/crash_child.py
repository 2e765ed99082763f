"""Child process for the crash test: file applications in a loop, report each one that returned.

Prints ``<id> <field>`` after ``submit`` returns: the parent then expects that application to
survive a SIGKILL at any later instruction.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from kiosk.context import open_context
from kiosk.demo import demo_residents


def main() -> None:
    data_dir, seed = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    ctx = open_context(data_dir, demo=True)
    people = demo_residents()
    print("ready", flush=True)
    while True:
        who = dict(rng.choice(people), address=f"示范村{rng.randrange(1, 999)}号")
        view = ctx.applications.submit("330000-20-0001", who, "crash")
        print(view.id, who["address"], flush=True)


if __name__ == "__main__":
    main()

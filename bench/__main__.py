"""Run every benchmark module in this folder (``bench_*.py``) and print its report."""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench")
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="small sizes (minutes)")
    parser.add_argument(
        "--smoke", action="store_true", help="tiny sizes (seconds): the CI run that keeps it alive"
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    here = Path(__file__).parent
    names = args.names or sorted(
        m.name.removeprefix("bench_")
        for m in pkgutil.iter_modules([str(here)])
        if m.name.startswith("bench_")
    )
    results = {}
    for name in names:
        module = importlib.import_module(f"bench.bench_{name}")
        print(f"== {name}: {module.__doc__.strip().splitlines()[0]}", flush=True)
        results[name] = module.run(quick=args.quick, smoke=args.smoke)
        for key, value in results[name].items():
            print(f"   {key:40} {value}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

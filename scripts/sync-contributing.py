"""Make the site's contributing page from CONTRIBUTING.md (see coproduction/contributing.py).

    .venv/bin/python scripts/sync-contributing.py          # write docs/about/contributing.md
    .venv/bin/python scripts/sync-contributing.py --check  # only say if they differ (exit 1)

`make contributing` runs the first. Change CONTRIBUTING.md, never the page.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coproduction import atomic  # noqa: E402
from coproduction.contributing import PAGE, SOURCE, make_page  # noqa: E402
from coproduction.errors import ContentError  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=f"Make {PAGE} from {SOURCE}.")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the page is out of date")
    args = parser.parse_args()
    page = ROOT / PAGE
    try:
        current = page.read_text(encoding="utf-8") if page.exists() else ""
        made = make_page((ROOT / SOURCE).read_text(encoding="utf-8"), current)
    except ContentError as err:
        print(err, file=sys.stderr)
        return 2
    if made == current:
        print(f"{PAGE} already matches {SOURCE}.")
        return 0
    if args.check:
        print(f"{PAGE} differs from {SOURCE}. Run `make contributing`, then commit both files.", file=sys.stderr)
        return 1
    atomic.write_text(page, made)
    print(f"Wrote {PAGE} from {SOURCE}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

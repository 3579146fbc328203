"""Screenshot of a network page in headless Chromium, after it has settled; optionally
after searching an actor, so that the details panel shows its postings and evidence.
The page is opened with all other requests blocked, as in the tests.

    .venv/bin/govkg build                      # writes out/network.html
    .venv/bin/python tools/screenshot_network.py out/network.html docs/network.png --search "Markus Richter"
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import chromium, open_page  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("page", type=Path)
    ap.add_argument("png", type=Path)
    ap.add_argument("--search", help="an actor to search and select before the screenshot")
    ap.add_argument("--size", default="1400x860", help="viewport WIDTHxHEIGHT (default 1400x860)")
    args = ap.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    with chromium() as browser:
        page, trouble = open_page(browser, args.page, viewport=(width, height))
        if args.search:
            page.fill("#search", args.search)
            page.press("#search", "Enter")
            page.wait_for_function("() => govkg.network.getSelectedNodes().length === 1")
            page.wait_for_timeout(600)  # the focus animation
            page.mouse.move(width - 5, height - 5)  # no hover tooltip in the picture
        args.png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.png))
        page.close()
    if trouble:
        print(f"the page misbehaved: {trouble}", file=sys.stderr)
        return 1
    print(f"wrote {args.png}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

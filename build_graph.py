#!/usr/bin/env python3
"""Build the govkg graph: a thin entry to `govkg build` (same options).

    python build_graph.py                      # the bundled sample corpus -> out/
    python build_graph.py corpus.jsonl --out DIR
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from graph.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]]))

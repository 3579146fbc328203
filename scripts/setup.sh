#!/usr/bin/env bash
# Create .venv and install govkg with its dependencies (idempotent; quick when done before).
# Usage: scripts/setup.sh [--test]   (--test also installs the test tools and Debian's chromium)
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
    .venv/bin/python -m pip install -q --upgrade pip
fi

extras=""
[ "${1:-}" = "--test" ] && extras="[test]"
stamp=".venv/.installed$extras"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "setup: installing govkg$extras into .venv (log: .venv/pip.log)" >&2
    if ! .venv/bin/python -m pip install -e ".$extras" >.venv/pip.log 2>&1; then
        tail -n 30 .venv/pip.log >&2
        echo "setup: pip install failed; see .venv/pip.log" >&2
        exit 1
    fi
    .venv/bin/python -c "import graph, rdflib, pyoxigraph, spacy" # fail here, not later, if the install broke
    touch "$stamp"
fi

if [ "${1:-}" = "--test" ] && ! command -v chromium >/dev/null 2>&1; then
    # The network view is tested in a real headless browser: Debian's chromium, driven by Playwright.
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

#!/usr/bin/env bash
# Set up govkg with its test tools (and chromium) and run the whole test suite.
# Extra arguments go to pytest, e.g. scripts/test.sh -k queries
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test || exit 1
.venv/bin/python -m pytest "$@"
status=$?
if [ "$status" -eq 5 ]; then
    echo "test.sh: pytest collected no tests; that is a failure" >&2
    exit 1
fi
exit "$status"

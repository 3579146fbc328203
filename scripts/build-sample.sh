#!/usr/bin/env bash
# Set up govkg and build the bundled sample corpus into out/ (graph.ttl, graph.trig, network.html).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/govkg build data/sample --out out "$@"

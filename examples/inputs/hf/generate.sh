#!/usr/bin/env bash
# Regenerate the HF fixtures with huggingface_hub's own writers/parsers (offline).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HFHUB_VERSION=2.4.0
PY="${PYTHON:-python3}"                      # used: Python 3.11.7
VENV="${VENV:-/tmp/riskfmt-fx-venv-hf}"
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
# pip is upgraded first (the old ensurepip pip picks an unbuildable dependency set for some tools);
# constraints.txt = `pip freeze` of the venv that produced the committed fixtures.
"$VENV/bin/pip" install -q --upgrade pip
"$VENV/bin/pip" install -q -c "$HERE/constraints.txt" "huggingface_hub==${HFHUB_VERSION}" "PyYAML"
export HF_HUB_OFFLINE=1 HF_HUB_DISABLE_TELEMETRY=1
cd "$HERE"
"$VENV/bin/python" make_hf.py "$HERE"

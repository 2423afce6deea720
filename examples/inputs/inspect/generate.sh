#!/usr/bin/env bash
# Regenerate the Inspect fixtures: real inspect-ai runs against mockllm, fully offline.
# Idempotent: old fixtures are replaced; the venv is reused if present.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
INSPECT_VERSION=0.3.285
PY="${PYTHON:-python3}"                          # used: Python 3.11.7
VENV="${VENV:-/tmp/riskfmt-fx-venv-inspect}"
WORK="$(mktemp -d /tmp/riskfmt-fx-inspect.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
# pip is upgraded first (the old ensurepip pip picks an unbuildable dependency set for some tools);
# constraints.txt = `pip freeze` of the venv that produced the committed fixtures.
"$VENV/bin/pip" install -q --upgrade pip
"$VENV/bin/pip" install -q -c "$HERE/constraints.txt" "inspect-ai==${INSPECT_VERSION}"

export HF_HUB_OFFLINE=1 INSPECT_DISPLAY=none
cd "$WORK"
"$VENV/bin/python" "$HERE/run_inspect.py" "$WORK/logs" | tee "$WORK/runs.txt"

rm -f "$HERE"/*.eval "$HERE"/*.json
: > "$HERE/ORIGINAL_NAMES.txt"
while read -r label status path; do
  # .eval is what inspect wrote; .json is the same log converted by inspect's own CLI
  cp "$path" "$HERE/$label.eval"
  "$VENV/bin/inspect" log convert "$path" --to json --output-dir "$WORK/json" >/dev/null
  cp "$WORK/json/$(basename "${path%.eval}").json" "$HERE/$label.json"
  echo "$label.eval <- $(basename "$path")  (status=$status)" >> "$HERE/ORIGINAL_NAMES.txt"
  echo "$label.json <- inspect log convert --to json of the above" >> "$HERE/ORIGINAL_NAMES.txt"
done < "$WORK/runs.txt"
ls -l "$HERE"

#!/usr/bin/env bash
# Regenerate the OpenAI evals fixtures: real `oaieval` runs (Match and Includes evals)
# against a local, deterministic CompletionFn registered through --registry_path.
# Offline. Idempotent: old outputs are replaced; the venv is reused if present.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EVALS_VERSION=3.0.1.post1
PY="${PYTHON:-python3}"                          # used: Python 3.11.7
VENV="${VENV:-/tmp/riskfmt-fx-venv-openai-evals}"
WORK="$(mktemp -d /tmp/riskfmt-fx-openai-evals.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
# pip is upgraded first (the old ensurepip pip picks an unbuildable dependency set for some tools);
# constraints.txt = `pip freeze` of the venv that produced the committed fixtures.
"$VENV/bin/pip" install -q --upgrade pip
"$VENV/bin/pip" install -q -c "$HERE/constraints.txt" "evals==${EVALS_VERSION}"

# evals builds an OpenAI client at import time and refuses to start without *some* key;
# this placeholder is never sent anywhere useful (the one API call made, listing models,
# fails with "Connection error" offline and is ignored).
export OPENAI_API_KEY=offline-placeholder-not-a-key
export EVALS_SEQUENTIAL=1 EVALS_THREADS=1 EVALS_SHOW_EVAL_PROGRESS=
export PYTHONPATH="$WORK"                        # so registry can import offline_completion
cp -r "$HERE/registry" "$HERE/offline_completion.py" "$WORK/"
cd "$WORK"
for ev in tiny-match tiny-includes; do
  "$VENV/bin/oaieval" offline/canned "$ev" --registry_path registry \
      --record_path "$ev.jsonl" --seed 20220722 > "$ev.log" 2>&1 || { cat "$ev.log"; exit 1; }
  grep -E "Final report|accuracy|boostrap|usage" "$ev.log" || true
  cp "$ev.jsonl" "$HERE/$ev.jsonl"
  sed -E 's/^\[[0-9: ,-]+\] //' "$ev.log" > "$HERE/$ev.stderr.txt"   # console log, timestamps stripped
done
# aborted run: the completion fn raises on one sample; oaieval exits 1 and leaves only the spec line
if "$VENV/bin/oaieval" offline/failing tiny-match --registry_path registry \
      --record_path tiny-match-aborted.jsonl --seed 20220722 > aborted.log 2>&1; then
  echo "expected the aborted run to fail" >&2; exit 1
fi
cp tiny-match-aborted.jsonl "$HERE/tiny-match-aborted.jsonl"
sed -E 's/^\[[0-9: ,-]+\] //' aborted.log | sed "s#$WORK/##g" > "$HERE/tiny-match-aborted.stderr.txt"
ls -l "$HERE"

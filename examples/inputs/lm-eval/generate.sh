#!/usr/bin/env bash
# Regenerate the lm-eval fixtures: real lm-evaluation-harness runs with the built-in
# `dummy` model (random log-likelihoods, fixed "lol" generations) on local JSONL tasks.
# Offline, no torch. Idempotent: old outputs are replaced; the venv is reused if present.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LM_EVAL_VERSION=0.4.13
PY="${PYTHON:-python3}"                          # used: Python 3.11.7
VENV="${VENV:-/tmp/riskfmt-fx-venv-lm-eval}"
WORK="$(mktemp -d /tmp/riskfmt-fx-lm-eval.XXXXXX)"   # outside any git repo => git_hash null
trap 'rm -rf "$WORK"' EXIT

[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
# pip is upgraded first (the old ensurepip pip picks an unbuildable dependency set for some tools);
# constraints.txt = `pip freeze` of the venv that produced the committed fixtures.
"$VENV/bin/pip" install -q --upgrade pip
"$VENV/bin/pip" install -q -c "$HERE/constraints.txt" "lm-eval==${LM_EVAL_VERSION}"

export HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 HF_HOME="$WORK/hf-home" TOKENIZERS_PARALLELISM=false
cp -r "$HERE/tasks" "$WORK/tasks"
cd "$WORK"
run() {  # $1 = tasks, $2 = output dir name
  "$VENV/bin/lm_eval" run --model dummy --model_args pretrained=demo-org/dummy-model \
    --tasks "$1" --include_path tasks --output_path "$2" --log_samples --seed 0 \
    > "$2.log" 2>&1 || { cat "$2.log"; exit 1; }
  grep -v 'it/s\]' "$2.log" | sed -n '/^dummy (/,$p'
}
run tiny_mc    tiny_mc       # (a) multiple_choice, acc + acc_norm
run tiny_suite tiny_suite    # (b) group of 2 MC subtasks + 1 generate_until subtask

rm -rf "$HERE/tiny_mc" "$HERE/tiny_suite"
cp -r "$WORK/tiny_mc" "$WORK/tiny_suite" "$HERE/"
find "$HERE/tiny_mc" "$HERE/tiny_suite" -type f | sort

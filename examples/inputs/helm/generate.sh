#!/usr/bin/env bash
# Regenerates the HELM fixtures in this directory by really running crfm-helm 0.5.16
# (offline: built-in toy scenarios + the built-in `simple/model1` client, no network, no weights).
#
# Usage:
#   ./generate.sh            # HELM step only: venv, helm-run x2, helm-summarize, copy into ./benchmark_output
#   ./generate.sh --eee      # HELM step, then the optional Every Eval Ever conversion into ./eee
#   ./generate.sh --eee-only # only the EEE step, converting the run dirs already in ./benchmark_output
#
# Idempotent: the work folder is recreated on each run (so the HELM request cache is cold and
# request_datetime is fresh), the venvs are created only if missing, and pip installs exact pins.
# Env overrides: PY311, PY312, HELM_VENV, EEE_VENV, WORK.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY311="${PY311:-/root/.pyenv/versions/3.11.7/bin/python3.11}"
PY312="${PY312:-/root/.pyenv/versions/3.12.1/bin/python3.12}"
HELM_VENV="${HELM_VENV:-/tmp/v-helm}"
EEE_VENV="${EEE_VENV:-/tmp/v-eee-helm}"
WORK="${WORK:-/tmp/riskfmt-helm-work}"
SUITE=v1
MAX_BYTES=300000   # suite/run files larger than this are not copied (listed in dropped_files.txt)

do_helm=1; do_eee=0
case "${1:-}" in
  "") ;;
  --eee) do_eee=1 ;;
  --eee-only) do_helm=0; do_eee=1 ;;
  *) echo "unknown argument: $1" >&2; exit 2 ;;
esac

helm_step() {
  # 1. venv. torch first: `torch==2.13.0` resolves to the local CPU wheel
  #    (/opt/wheels/torch-2.13.0+cpu-cp311-...whl via pip's find-links). The pinned file also pins
  #    torchvision==0.28.0; an unpinned `pip install crfm-helm` picks torchvision 0.29.2, which
  #    requires torch==2.15.0 and silently replaces the CPU torch with CUDA torch (6.4 GB venv).
  if [ ! -x "$HELM_VENV/bin/python" ]; then
    "$PY311" -m venv "$HELM_VENV"
  fi
  "$HELM_VENV/bin/pip" install -q torch==2.13.0
  "$HELM_VENV/bin/pip" install -q -r "$HERE/requirements-helm.txt"

  # 2. Run HELM in a fresh work folder (prod_env/ cache and benchmark_output/ live there).
  rm -rf "$WORK"; mkdir -p "$WORK"; cd "$WORK"
  # Run 1: the canonical toy run (as in eval_formats.md recipe (c)).
  "$HELM_VENV/bin/helm-run" --run-entries simple_mcqa:model=simple/model1 \
      --suite "$SUITE" --max-eval-instances 10 2>&1 | tee helm-run-1.log
  # Run 2 (same suite, 5 instances to keep files small):
  #  - simple_classification with 3 train trials: adds classification_macro_f1/micro_f1 and
  #    aggregate stats with count == 3 (one value per train trial);
  #  - simple_mcqa with data_augmentation=robustness: real perturbed (mild_mix) instances.
  "$HELM_VENV/bin/helm-run" --run-entries \
      "simple_classification:model=simple/model1,num_train_trials=3" \
      "simple_mcqa:model=simple/model1,data_augmentation=robustness" \
      --suite "$SUITE" --max-eval-instances 5 2>&1 | tee helm-run-2.log
  "$HELM_VENV/bin/helm-summarize" --suite "$SUITE" 2>&1 | tee helm-summarize.log

  # 3. Copy outputs, keeping HELM's layout benchmark_output/runs/<suite>/<run name>/...
  rm -rf "$HERE/benchmark_output" "$HERE/dropped_files.txt"
  local src="$WORK/benchmark_output/runs/$SUITE" dst="$HERE/benchmark_output/runs/$SUITE"
  mkdir -p "$dst"
  (cd "$src" && find . -type f | LC_ALL=C sort) | while read -r rel; do
    rel="${rel#./}"
    size=$(stat -c %s "$src/$rel")
    if [ "$size" -gt "$MAX_BYTES" ]; then
      echo "$rel $size" >> "$HERE/dropped_files.txt"
      echo "dropped (>$MAX_BYTES bytes): $rel ($size)" >&2
    else
      # HELM names run folders "<scenario>:<args>"; ':' cannot be checked out on Windows, so the copy
      # writes '_' (the run's name stays inside run_spec.json, which is what riskfmt reads).
      safe="${rel//:/_}"
      mkdir -p "$dst/$(dirname "$safe")"
      cp -p "$src/$rel" "$dst/$safe"
    fi
  done

  # 4. Provenance of this generation.
  {
    echo "generated_utc: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "python: $("$HELM_VENV/bin/python" -c 'import platform; print(platform.python_version())')"
    echo "crfm-helm: $("$HELM_VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("crfm-helm"))')"
    echo "torch: $("$HELM_VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("torch"))')"
    echo "commands (cwd = fresh work folder):"
    echo "  helm-run --run-entries simple_mcqa:model=simple/model1 --suite $SUITE --max-eval-instances 10"
    echo "  helm-run --run-entries \"simple_classification:model=simple/model1,num_train_trials=3\" \"simple_mcqa:model=simple/model1,data_augmentation=robustness\" --suite $SUITE --max-eval-instances 5"
    echo "  helm-summarize --suite $SUITE"
  } > "$HERE/generated_with.txt"
  echo "HELM fixtures written to $HERE/benchmark_output"
}

eee_step() {
  # Optional: Every Eval Ever's HELM converter (needs Python >= 3.12; the [helm] extra pulls
  # crfm-helm and a CUDA torch 2.15.0 from PyPI (~6.5 GB venv), as no cp312 CPU wheel is local).
  # Converts the run dirs committed in ./benchmark_output (not the work folder), with the
  # converter's default options (source_organization_name "unknown", third_party).
  if [ ! -x "$EEE_VENV/bin/python" ]; then
    "$PY312" -m venv "$EEE_VENV"
  fi
  "$EEE_VENV/bin/pip" install -q -r "$HERE/requirements-eee.txt"
  local out="$WORK/eee" runs="$HERE/benchmark_output/runs/$SUITE" d
  rm -rf "$out"; mkdir -p "$out"; cd "$out"
  # --output_dir is relative so detailed_evaluation_results.file_path is "data/..." (relative to ./eee).
  for d in "$runs"/*/; do
    d="${d%/}"
    [ -f "$d/run_spec.json" ] || continue
    "$EEE_VENV/bin/every_eval_ever" convert helm --log_path "$d" --output_dir data 2>&1 | tee -a convert.log
  done
  "$EEE_VENV/bin/every_eval_ever" validate 'data/*/*/*/*.json' 'data/*/*/*/*.jsonl' 2>&1 | tee validate.log
  "$EEE_VENV/bin/every_eval_ever" validate --format json 'data/*/*/*/*.json' 'data/*/*/*/*.jsonl' > validate.json
  "$EEE_VENV/bin/every_eval_ever" check-duplicates data 2>&1 | tee check-duplicates.log
  rm -rf "$HERE/eee"; mkdir -p "$HERE/eee"
  cp -r "$out"/. "$HERE/eee/"
  echo "EEE records written to $HERE/eee"
}

[ "$do_helm" = 1 ] && helm_step
[ "$do_eee" = 1 ] && eee_step
exit 0

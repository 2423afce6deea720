#!/usr/bin/env bash
# Regenerate the OpenCompass fixtures in this folder by running the real tool
# (opencompass 0.5.4, CPU only, offline, deterministic fake models).
#
# Inputs (checked in next to this script): fake_model.py, eval_zh_safety.py,
# eval_zh_safety_fail.py, data/zh_safety_mcq.jsonl, constraints.txt.
# Outputs (replaced on every run): outputs/, station/, console/, versions.txt.
#
# Idempotent: the venv is reused when it already has the pinned versions, the
# scratch work folder is recreated, and the copied output trees are replaced.
# Only the <YYYYMMDD_HHMMSS> folder names (and timings/paths in logs) change
# from one regeneration to the next.
#
# Env overrides: OC_VENV (default /tmp/riskfmt-oc-venv),
#                OC_WORK (default /tmp/riskfmt-oc-work), PYTHON (python3).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="${OC_VENV:-/tmp/riskfmt-oc-venv}"
WORK="${OC_WORK:-/tmp/riskfmt-oc-work}"
PY="${PYTHON:-python3}"

# --- 1. throwaway venv with the exact versions -------------------------------
venv_ok() {
  "$VENV/bin/python" - <<'EOF' 2>/dev/null
import importlib.metadata as m, sys
ok = (m.version('opencompass') == '0.5.4'
      and m.version('torch').split('+')[0] == '2.13.0'
      and m.version('pyarrow') == '19.0.1'
      and m.version('pandas') == '2.3.3')
sys.exit(0 if ok else 1)
EOF
}
if ! venv_ok; then
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
  # CPU torch first (a local CPU wheel here; otherwise pip pulls a multi-GB
  # CUDA build), then opencompass; constraints.txt pins every other package
  # to what the checked-in fixtures were made with. pyarrow<20 / pandas<3:
  # the resolver otherwise picks pyarrow 2x (needs numpy>=2) against
  # opencompass' numpy<2 pin -> ImportError.
  "$VENV/bin/pip" install -q torch==2.13.0
  "$VENV/bin/pip" install -q -c "$HERE/constraints.txt" opencompass==0.5.4
  "$VENV/bin/pip" install -q -c "$HERE/constraints.txt" "pyarrow<20" "pandas<3"
  venv_ok || { echo "venv does not have the pinned versions" >&2; exit 1; }
fi

# --- 2. scratch work folder (outside the opencompass package: its datasets/
#        folder would shadow HF `datasets`) -----------------------------------
rm -rf "$WORK"
mkdir -p "$WORK/data"
cp "$HERE/fake_model.py" "$HERE/eval_zh_safety.py" "$HERE/eval_zh_safety_fail.py" "$WORK/"
cp "$HERE/data/zh_safety_mcq.jsonl" "$WORK/data/"

export PATH="$VENV/bin:$PATH"
export PYTHONPATH="$WORK"            # so the configs can `from fake_model import FakeModel`
export HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 TRANSFORMERS_OFFLINE=1
cd "$WORK"
mkdir -p console

# --- 3. the runs -------------------------------------------------------------
# (a) debug mode (all tasks in this process), per-sample details, station
set +e
opencompass eval_zh_safety.py --debug -w outputs/debug \
  --dump-eval-details True --station-path station > console/debug.log 2>&1
rc_debug=$?
# (b) non-debug LocalRunner (one subprocess per task, logs/ written), with
#     fake-model-v1's get_ppl failing ON PURPOSE -> failed task, '-' in summary
opencompass eval_zh_safety_fail.py -w outputs/runner --max-num-workers 2 \
  --dump-eval-details True > console/runner.log 2>&1
rc_runner=$?
set -e
echo "exit codes: debug=$rc_debug runner=$rc_runner"
[ "$rc_debug" -eq 0 ] || { echo "debug run failed, see $WORK/console/debug.log" >&2; exit 1; }
[ "$rc_runner" -eq 0 ] || { echo "runner run failed, see $WORK/console/runner.log" >&2; exit 1; }

# --- 4. copy the real trees into the fixture folder --------------------------
rm -rf "$HERE/outputs" "$HERE/station" "$HERE/console"
mkdir -p "$HERE/outputs"
cp -r outputs/debug outputs/runner "$HERE/outputs/"
cp -r station console "$HERE/"
{
  echo "generated: $(date '+%Y-%m-%d %H:%M:%S %Z')"
  echo "python: $("$VENV/bin/python" -c 'import platform; print(platform.python_version())')"
  "$VENV/bin/python" - <<'EOF'
import importlib.metadata as m
for p in ['opencompass', 'torch', 'mmengine-lite', 'datasets', 'transformers',
          'numpy', 'pandas', 'pyarrow']:
    print(f'{p}: {m.version(p)}')
EOF
  echo "exit codes: debug=$rc_debug runner=$rc_runner"
} > "$HERE/versions.txt"
echo "fixtures written to $HERE"
du -sh "$HERE"

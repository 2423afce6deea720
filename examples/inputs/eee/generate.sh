#!/usr/bin/env bash
# Regenerate the EEE (Every Eval Ever) fixtures by running every_eval_ever's own converters
# on the lm-eval and Inspect fixtures next door, then its own validator and duplicate checker.
# Needs ../lm-eval and ../inspect to be generated first (their outputs are the inputs here).
# Also copies EEE's bundled JSON Schemas + licence into schema/.
# Idempotent: data/, logs and schema/ are replaced; the venv is reused if present.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
INPUTS="${INPUTS:-$(dirname "$HERE")}"  # the test suite runs a copy of this folder elsewhere and says where the inputs are
EEE_VERSION=0.3.0
PY312="${PY312:-/root/.pyenv/versions/3.12.1/bin/python3.12}"   # EEE needs Python >= 3.12; used 3.12.1
VENV="${VENV:-/tmp/riskfmt-fx-venv-eee}"
WORK="$(mktemp -d /tmp/riskfmt-fx-eee.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

[ -x "$VENV/bin/python" ] || "$PY312" -m venv "$VENV" || exit 1
# pip is upgraded first (the old ensurepip pip picks an unbuildable dependency set for some tools);
# constraints.txt = `pip freeze` of the venv that produced the committed fixtures.
"$VENV/bin/pip" install -q --upgrade pip || exit 1
"$VENV/bin/pip" install -q -c "$HERE/constraints.txt" "every-eval-ever[inspect]==${EEE_VERSION}" || exit 1
EEE="$VENV/bin/every_eval_ever"
ORG=(--source_organization_name "Demo Lab" --evaluator_relationship third_party)

cd "$WORK"
mkdir -p src/lm-eval src/inspect logs
: > logs/records.tsv
printf 'source_fixture\tconverter\texit_code\tproduced_files\n' >> logs/records.tsv

# snapshot of data/ before/after each conversion -> which files came from which source
convert() {  # $1 = label, $2 = converter, rest = args
  local label="$1" conv="$2"; shift 2
  find data -type f 2>/dev/null | sort > before.txt
  "$EEE" convert "$conv" "$@" "${ORG[@]}" --output_dir data > "logs/convert_${label//\//__}.txt" 2>&1
  local rc=$?
  find data -type f 2>/dev/null | sort > after.txt
  printf '%s\t%s\t%s\t%s\n' "$label" "$conv" "$rc" \
    "$(comm -13 before.txt after.txt | tr '\n' ' ')" >> logs/records.tsv
  echo "convert $label ($conv): exit $rc"
}

# ---- lm-eval -> EEE (one record per task; --include_samples adds <uuid>_samples.jsonl)
for run in tiny_mc tiny_suite; do
  cp -r "$INPUTS/lm-eval/$run" "src/lm-eval/$run"
  convert "lm-eval/$run" lm_eval --include_samples \
    --log_path "$(ls src/lm-eval/$run/demo-org__dummy-model/results_*.json)"
done

# ---- Inspect -> EEE (one record per log; samples jsonl always written)
# PATCH: eval.model "mockllm/model" -> "hf/demo-org/tiny-mock" (EEE rejects unknown providers)
for log in tiny_success tiny_epochs tiny_invalidated tiny_error; do
  "$VENV/bin/python" "$HERE/patch_inspect_model.py" "$INPUTS/inspect/$log.json" "src/inspect/$log.json"
  convert "inspect/$log" inspect --log_path "src/inspect/$log.json"
done

# ---- EEE's own checks (must run from the directory that holds data/)
"$EEE" validate --format json 'data/*/*/*/*.json' 'data/*/*/*/*.jsonl' > logs/validate.json 2> logs/validate.stderr.txt
echo "validate (json): exit $?" | tee logs/validate_exit_code.txt
COLUMNS=120 "$EEE" validate 'data/*/*/*/*.json' 'data/*/*/*/*.jsonl' > logs/validate.txt 2>&1
echo "validate (rich): exit $?" >> logs/validate_exit_code.txt
"$EEE" check-duplicates data > logs/check_duplicates.txt 2>&1
echo "check-duplicates: exit $?" >> logs/validate_exit_code.txt

# scrub this run's temp dir from the captured console logs
sed -i "s#$WORK/##g; s#$WORK#<workdir>#g" logs/*.txt

rm -rf "$HERE/data" "$HERE/logs"
cp -r data logs "$HERE/"

# ---- EEE's own JSON Schemas (for checking riskfmt's EEE export against them)
PKG="$("$VENV/bin/python" -c 'import every_eval_ever,os;print(os.path.dirname(every_eval_ever.__file__))')"
DIST="$("$VENV/bin/python" -c 'import importlib.metadata as m;print(m.distribution("every-eval-ever")._path)')"
rm -rf "$HERE/schema"; mkdir -p "$HERE/schema"
cp "$PKG/schemas/eval.schema.json" "$PKG/schemas/instance_level_eval.schema.json" "$HERE/schema/"
cp "$DIST/licenses/LICENSE" "$HERE/schema/LICENSE"
cat > "$HERE/schema/SOURCE.md" <<EOF
# Source of these schema files

Copied verbatim (byte for byte) from the PyPI package **every-eval-ever ${EEE_VERSION}**
(\`pip install "every-eval-ever[inspect]==${EEE_VERSION}"\`, Python 3.12):

| file here | path inside the installed package |
| --- | --- |
| eval.schema.json | every_eval_ever/schemas/eval.schema.json (aggregate record, JSON Schema draft-07) |
| instance_level_eval.schema.json | every_eval_ever/schemas/instance_level_eval.schema.json (instance-level JSONL rows) |
| LICENSE | every_eval_ever-${EEE_VERSION}.dist-info/licenses/LICENSE (MIT, Copyright (c) 2026 EvalEval) |

sha256:
$(cd "$HERE/schema" && sha256sum eval.schema.json instance_level_eval.schema.json LICENSE | sed 's/^/    /')
EOF
find "$HERE/data" "$HERE/logs" "$HERE/schema" -type f | sort

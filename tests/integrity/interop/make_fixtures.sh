#!/usr/bin/env bash
# Regenerate the compliance-trestle interoperability fixtures with the real tools, in both directions:
#   report.trestle.sig.json  <- trestle sign (compliance-trestle, its own venv)   over report.json
#   report.riskfmt.sig.json  <- riskfmt sign (this checkout)                       over report.json
# then each tool verifies the other's signature; the script fails if either does not.
#
# The key pair TEST-ONLY.key.pem / TEST-ONLY.key.pem.pub is a TEST KEY, checked in on purpose so that
# the fixtures can be regenerated and checked; it signs nothing but these fixtures. It is made once (by
# riskfmt keygen) when missing. Ed25519 signatures are deterministic: re-running gives the same bytes.
#
#   bash tests/integrity/interop/make_fixtures.sh            # RISKFMT=path/to/riskfmt to choose the build
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TRESTLE_VERSION=5.2.0
PY="${PYTHON:-python3}"                                  # used: Python 3.11.7
VENV="${VENV:-/tmp/riskfmt-fx-venv-trestle}"
RISKFMT="${RISKFMT:-riskfmt}"
KEY="$HERE/TEST-ONLY.key.pem"

[ -x "$VENV/bin/trestle" ] || {
  "$PY" -m venv "$VENV"
  "$VENV/bin/pip" install -q --upgrade pip
  # constraints.txt = `pip freeze` of the venv that produced the committed fixtures
  "$VENV/bin/pip" install -q -c "$HERE/constraints.txt" "compliance-trestle==${TRESTLE_VERSION}"
}

if [ ! -f "$KEY" ]; then
  WORK="$(mktemp -d)"
  "$RISKFMT" keygen -o "$WORK/key.pem" >/dev/null
  # PEM allows explanatory text before the BEGIN line; OpenSSL and cryptography skip it
  { echo "TEST KEY ONLY: riskfmt's trestle interoperability fixtures. Never use it to sign anything else."
    cat "$WORK/key.pem"; } > "$KEY"
  { echo "TEST KEY ONLY: the public half of TEST-ONLY.key.pem (riskfmt's trestle interoperability fixtures)."
    cat "$WORK/key.pem.pub"; } > "$KEY.pub"
  chmod 600 "$KEY"
  rm -rf "$WORK"
fi
chmod 600 "$KEY"   # git does not keep the mode; riskfmt and trestle both expect an owner-only private key

cd "$HERE"
# trestle's sign and verify are a beta feature: --beta enables them for one run
"$VENV/bin/trestle" sign --beta -f report.json --private-key "$KEY" -o report.trestle.sig.json --overwrite
"$RISKFMT" sign report.json --key "$KEY" -o report.riskfmt.sig.json >/dev/null

"$VENV/bin/trestle" verify --beta -f report.json --signature report.riskfmt.sig.json --public-key "$KEY.pub"
"$RISKFMT" verify report.json --signature report.trestle.sig.json --key "$KEY.pub"

{ echo "compliance-trestle $("$VENV/bin/pip" show compliance-trestle | sed -n 's/^Version: //p')"
  echo "$("$RISKFMT" --version)"
  echo "$("$PY" --version)"; } > generated_with.txt
echo "fixtures regenerated and cross-verified"

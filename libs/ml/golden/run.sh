#!/usr/bin/env bash
# Writes libs/ml/golden/sklearn-golden.json (scikit-learn's figures on the real data and on a seeded
# synthetic set), then drift-golden.json (numpy's PSI and reference bins, using the former's labels).
# Creates its own virtualenv under .stack/venvs/sklearn on first use ($GOLDEN_VENV to put it elsewhere);
# $REAL_CSV points at the real data when it is not beside the checkout.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
here="$root/libs/ml/golden"
venv="${GOLDEN_VENV:-$root/.stack/venvs/sklearn}"
real_csv="${REAL_CSV:-$root/../shared/data/Customer Data.csv}"

if [[ ! -x "$venv/bin/python" ]] || ! cmp -s "$here/requirements.txt" "$venv/requirements.txt"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$venv/requirements.txt"
fi
[[ "${1:-}" == "--venv-only" ]] && exit 0

# The synthetic set comes from the TypeScript generator, so both sides see the very same numbers.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$root" && bash scripts/node/run.sh node -r @swc-node/register data/generate-synthetic.ts --rows 5000 --seed 20240 --out "$tmp/synthetic.csv")

"$venv/bin/python" "$here/sklearn_golden.py" \
  --real "$real_csv" --synthetic "$tmp/synthetic.csv" --synthetic-seed 20240 \
  --out "$here/sklearn-golden.json"
"$venv/bin/python" "$here/drift_golden.py" \
  --real "$real_csv" --sklearn-golden "$here/sklearn-golden.json" --out "$here/drift-golden.json"

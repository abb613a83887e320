#!/usr/bin/env bash
# `npm test`: start the local stack if needed, then lint, type-check and run every jest tier
# (unit, integration, e2e) against the real PostgreSQL, Kafka and MLflow.
# Writes the totals to .stack/test-results/summary.txt and prints `tests: N passed, N failed` last.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# Everything below (npm, npx, jest, the services tests start) runs on the pinned Node (.nvmrc).
source scripts/node/run.sh || exit 1
results="${STACK_DIR:-$root/.stack}/test-results"
mkdir -p "$results"
rm -f "$results"/*.json "$results/summary.txt"
export NX_DAEMON=false NX_NO_CLOUD=true

# The CLIs run below read the environment, not .env: export .env's settings (set variables win),
# parsed by the same loader the tests use.
source scripts/env/load-env.sh
seg_load_env || exit 1

status=0
step() { printf '\n=== %s\n' "$*"; }

step "stack up"
bash scripts/stack.sh up || { echo "test: the local stack did not start (see above)"; exit 1; }

step "kafka topics"
npm run --silent topics || status=1

step "lint"
# The module-boundary rule reads Nx's cached project graph and silently skips itself when there is
# none (a fresh clone): build the graph first.
npx nx show projects >/dev/null || status=1
npx eslint --max-warnings 0 . || status=1
# Every shell script, with the pinned ShellCheck (installed on first use under .stack/tools/).
bash scripts/stack/shellcheck.sh || status=1

step "type check"
npx tsc -p tsconfig.json --noEmit || status=1

step "jest: unit and integration"
npx jest -c jest.config.ts --ci --maxWorkers=2 --passWithNoTests --json --outputFile="$results/jest.json" "$@" --selectProjects unit integration || status=1

# Each e2e file starts a whole platform of its own: run them one at a time, after the other tiers,
# so a browser test is not timed against another platform's training run.
step "jest: e2e, one file at a time"
npx jest -c jest.config.ts --ci --runInBand --passWithNoTests --json --outputFile="$results/jest-e2e.json" "$@" --selectProjects e2e || status=1

node scripts/test-summary.js "$results" > "$results/summary.txt" || status=1
echo
cat "$results/summary.txt"
exit $status

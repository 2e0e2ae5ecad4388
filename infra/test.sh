#!/usr/bin/env bash
# infra/test.sh — `npm test`: installs npm dependencies if they are missing or stale, type-checks,
# lints, then runs every vitest project (unit, integration, e2e) and, for a whole run, the fault
# suite at its CI size (see the end). Arguments go to vitest, e.g.
#   npm test -- --project unit          unit tests only (no infrastructure started)
#   npm test -- shared/testing          one folder
# Kafka, PostgreSQL and FerretDB are installed (infra/install.sh, cached) and started on free ports by the
# vitest globalSetup of @intl/testing, and stopped afterwards.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source infra/node.sh
# Everything below runs on the pinned Node (.nvmrc), fetched once when the system's is older.
ensure_pinned_node

# npm writes node_modules/.package-lock.json on install; older than package-lock.json = stale.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "→ installing npm dependencies (npm ci)…" >&2
  npm ci --no-audit --no-fund
fi

echo "→ type-checking…" >&2
# turbo runs each workspace's `tsc --noEmit` (cached when nothing changed).
TURBO_TELEMETRY_DISABLED=1 npx turbo run typecheck --output-logs=errors-only
echo "→ linting…" >&2
npm run -s lint
# The e2e project drives the dashboard in headless Chromium: install it first when e2e tests run
# (every project by default; not for a run limited to unit or integration).
if [[ "$*" != *--project* || "$*" == *e2e* ]]; then
  source infra/lib.sh
  ensure_chromium
fi
echo "→ running tests…" >&2
npx vitest run --config shared/tooling/vitest.config.ts "$@"
# The fault suite (docs/reliability.md) on infrastructure of its own — a three-broker cluster it
# kills brokers of — at the CI size, after a whole run only (not when arguments pick some tests).
# FAULT_WRITES sets its size (500 here, 5,000 by `npm run test:faults`); 0 skips it.
FAULT_WRITES="${FAULT_WRITES:-500}"
if [[ $# -eq 0 && "$FAULT_WRITES" != 0 ]]; then
  echo "→ running the fault suite ($FAULT_WRITES writes)…" >&2
  FAULT_WRITES="$FAULT_WRITES" npm run -s test:faults
fi
# The fuzz run (docs/reliability.md, "Fuzzed operations") at its CI size, after a whole run only:
# FUZZ_OPERATIONS requests (1,000 here, 10,000 by `npm run test:fuzz`); 0 skips it. FUZZ_SEED
# replays a run (each run prints its seed).
FUZZ_OPERATIONS="${FUZZ_OPERATIONS:-1000}"
if [[ $# -eq 0 && "$FUZZ_OPERATIONS" != 0 ]]; then
  echo "→ running the fuzz run ($FUZZ_OPERATIONS requests)…" >&2
  FUZZ_OPERATIONS="$FUZZ_OPERATIONS" npm run -s test:fuzz
fi

#!/usr/bin/env bash
# infra/dev.sh — `npm start`: installs everything, starts the whole system with demo data, and stops
# it all on Ctrl-C.
#   1. npm dependencies, Kafka jars and FerretDB (cached after the first run)
#   2. Kafka, PostgreSQL + FerretDB on it (infra/start.sh; the store is skipped when MONGODB_URI
#      points at a MongoDB 7+)
#   3. every subgraph service that exists under services/, and the gateway beside them
#   4. demo data, the four seeds side by side (each waits for the events it needs from the others),
#      skipped when the state dir's stamp says this demo is already loaded; then the strategy KPIs
#      as the gateway answers them, and the time from `npm start` to the full demo
# Environment: MONGODB_URI, KAFKA_PORT, FERRETDB_PORT, POSTGRES_PORT, FERRETDB_HANDLER (see
# infra/README.md), GATEWAY_PORT (4000), PARTNERSHIPS_PORT (4001),
# STUDENTS_PORT (4002), RESEARCH_PORT (4003), CAMPAIGNS_PORT (4004), AUTH_JWT_SECRET, DEMO_SEED=0 to
# skip demo data, SEED_STUDENTS (1500), SEED_WAIT_SECONDS (1800). Logs go to infra/.state/dev/logs/.
set -euo pipefail
# When `npm start` began: the gateway's and the full demo's times are printed from it.
STARTED_AT="$(date +%s)"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/node.sh"
cd "$REPO_ROOT"
# Everything below runs on the pinned Node (.nvmrc), fetched once when the system's is older.
ensure_pinned_node

SERVICES=(partnerships research students campaigns)
declare -A PORTS=(
  [partnerships]="${PARTNERSHIPS_PORT:-4001}" [students]="${STUDENTS_PORT:-4002}"
  [research]="${RESEARCH_PORT:-4003}" [campaigns]="${CAMPAIGNS_PORT:-4004}"
)
GATEWAY_PORT="${GATEWAY_PORT:-4000}"
LOGS="$INFRA_STATE_DIR/logs"
PIDS=()

export KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT"
export MONGODB_URI="${MONGODB_URI:-mongodb://127.0.0.1:$FERRETDB_PORT/}"
export AUTH_JWT_SECRET="${AUTH_JWT_SECRET:-dev-only-secret-change-me-0123456789abcdef}"
export LOG_LEVEL="${LOG_LEVEL:-info}"
# The research demo links collaborations to partners: let it wait for most of the demo partners.
export SEED_MIN_INSTITUTIONS="${SEED_MIN_INSTITUTIONS:-100}"
# 1,500 demo students keep the first start to a few minutes on FerretDB (SEED_STUDENTS=3000 for more).
export SEED_STUDENTS="${SEED_STUDENTS:-1500}"
# Started together, the seeds wait for each other's milestones, and a seed's end (even a crash: see
# below) settles whatever it never announced, so no wait outlives the seeds it waits for. The bound is
# then only a net for a seed that hangs: with the runner's 300 s, a loaded machine (the students seed
# took 509 s with 2 cores busy elsewhere) cut the campaigns seed's wait short and left its pipelines
# empty, a thinner demo than the same code gives on a quiet machine.
export SEED_WAIT_SECONDS="${SEED_WAIT_SECONDS:-1800}"

shutdown() {
  # Finish stopping whatever happens to the terminal (a closed pipe, a second Ctrl-C).
  trap '' INT TERM PIPE
  trap - EXIT
  set +e
  echo >&2
  echo "→ stopping the gateway and services…" >&2
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  # Each flushes its outbox and leaves its consumer group; give it 15 s before forcing.
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 75); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  bash infra/stop.sh || true
  echo "stopped." >&2
}
trap 'shutdown; exit 0' INT TERM
trap shutdown EXIT

# wait_http NAME URL TIMEOUT LOGFILE: waits for a 200 from URL, else shows the log tail and fails.
wait_http() {
  local name="$1" url="$2" timeout="$3" log="$4" started=$SECONDS
  printf '→ waiting for %s (%s)… ' "$name" "$url" >&2
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    if ((SECONDS - started > timeout)); then
      echo "failed after ${timeout}s; last lines of $log:" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    sleep 0.5
  done
  printf 'ready (%ss)\n' "$((SECONDS - started))" >&2
}

if [[ ! -d node_modules/.bin || package-lock.json -nt node_modules/.package-lock.json ]]; then
  step "installing npm dependencies (npm ci)" npm ci --no-audit --no-fund
fi
bash infra/install.sh
bash infra/start.sh
mkdir -p "$LOGS"

STARTED=()
for service in "${SERVICES[@]}"; do
  dir="services/$service"
  if [[ ! -f "$dir/src/main.ts" ]]; then
    echo "→ $service: not built yet (no $dir/src/main.ts), skipped" >&2
    continue
  fi
  # `node --import tsx` (not npx) so that the pid we signal is the service itself.
  PORT="${PORTS[$service]}" MONGODB_DATABASE="$service" \
    node --import tsx "$dir/src/main.ts" >"$LOGS/$service.log" 2>&1 &
  PIDS+=($!)
  STARTED+=("$service")
done
# The gateway starts beside the services (it reads the checked-in supergraph, not the services):
# its start-up overlaps theirs instead of following it.
PARTNERSHIPS_URL="http://127.0.0.1:${PORTS[partnerships]}/graphql" \
  STUDENTS_URL="http://127.0.0.1:${PORTS[students]}/graphql" \
  RESEARCH_URL="http://127.0.0.1:${PORTS[research]}/graphql" \
  CAMPAIGNS_URL="http://127.0.0.1:${PORTS[campaigns]}/graphql" \
  PORT="$GATEWAY_PORT" node --import tsx gateway/src/main.ts >"$LOGS/gateway.log" 2>&1 &
PIDS+=($!)
for service in "${STARTED[@]}"; do
  wait_http "$service" "http://127.0.0.1:${PORTS[$service]}/ready" 120 "$LOGS/$service.log"
done
wait_http "gateway" "http://127.0.0.1:$GATEWAY_PORT/health" 60 "$LOGS/gateway.log"
echo "✓ the gateway answers $(($(date +%s) - STARTED_AT)) s after npm start" >&2

# The seeds run side by side: each loads what it owns, then waits until the seeds it needs announced
# what it needs and its consumer has consumed it (research and students need the partners,
# partnerships needs research collaborations for its strategic plans, campaigns needs all three).
# The demo loaded once stays in the store (the state dir): a stamp beside it names what was loaded
# (the store, the seed settings and the seeds' code), so a later start with the same skips the seeds.
DEMO_STAMP="$INFRA_STATE_DIR/demo-loaded.stamp"
demo_fingerprint() {
  # The demo is laid out around the current academic year (September to August): a new year, a new demo.
  local month year
  month="$(date -u +%-m)" year="$(date -u +%Y)"
  printf 'academic year from %s\n' "$((month >= 9 ? year : year - 1))"
  printf '%s\n' "$MONGODB_URI" "SEED_STUDENTS=$SEED_STUDENTS" "SEED_MIN_INSTITUTIONS=$SEED_MIN_INSTITUTIONS" \
    "SEED_FACULTY_COUNT=${SEED_FACULTY_COUNT:-}" "SEED_STRATEGIC_PARTNERSHIPS=${SEED_STRATEGIC_PARTNERSHIPS:-}"
  # The seeds' code and the shared runner: changing the demo loads it again (topping up what is missing).
  cat services/*/src/seed/*.ts shared/subgraph/src/seed-*.ts 2>/dev/null | sha256sum
}
DEMO_LOADED=0
if [[ "${DEMO_SEED:-1}" == "1" && -f "$DEMO_STAMP" ]] && [[ "$(demo_fingerprint)" == "$(cat "$DEMO_STAMP")" ]]; then
  DEMO_LOADED=1
  echo "✓ demo data already loaded (same seeds and settings; remove $DEMO_STAMP to load it again)" >&2
fi
if [[ "${DEMO_SEED:-1}" == "1" && "$DEMO_LOADED" == "0" ]]; then
  rm -f "$DEMO_STAMP"
  SEED_PIDS=()
  SEEDED=()
  # Each seed announces there what it has published (and that it finished, whatever the outcome), so
  # that the others wait exactly as long as needed, never for a seed that is over: fresh at each start.
  export SEED_STATUS_DIR="$INFRA_STATE_DIR/seeds"
  rm -rf "$SEED_STATUS_DIR"
  mkdir -p "$SEED_STATUS_DIR"
  echo "→ loading demo data (all services at once; progress below, full logs in $LOGS/*-seed.log)" >&2
  for service in "${STARTED[@]}"; do
    [[ -f "services/$service/src/seed/main.ts" ]] || continue
    (
      # kafkajs arms a timer with a negative delay on Node 24 (harmless): keep its warning off the screen.
      PORT="${PORTS[$service]}" MONGODB_DATABASE="$service" LOG_LEVEL=warn \
        node --disable-warning=TimeoutNegativeWarning --import tsx "services/$service/src/seed/main.ts" 2>&1 | tee "$LOGS/$service-seed.log" | sed -u "s/^/   /" >&2
      status="${PIPESTATUS[0]}"
      # The runner announces its end itself; a seed killed before it could must not be waited for.
      touch "$SEED_STATUS_DIR/$service.finished"
      exit "$status"
    ) &
    SEED_PIDS+=($!)
    SEEDED+=("$service")
  done
  SEEDS_FAILED=0
  for i in "${!SEED_PIDS[@]}"; do
    if ! wait "${SEED_PIDS[$i]}"; then
      SEEDS_FAILED=1
      echo "✗ the ${SEEDED[$i]} demo data did not load completely: see $LOGS/${SEEDED[$i]}-seed.log (the system keeps running)" >&2
    fi
  done
  # Only a complete demo is stamped: after a failure, the next start runs the seeds again.
  [[ "$SEEDS_FAILED" == "1" ]] || demo_fingerprint >"$DEMO_STAMP"
fi

# The strategy's KPIs as the gateway answers them, and the time to the full demo.
if [[ "${DEMO_SEED:-1}" == "1" ]]; then
  GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT/graphql" DEMO_STARTED_AT="$STARTED_AT" \
    node --import tsx shared/bench/src/demoSummary.ts >&2 || true
fi

cat <<INFO

  The system is running (demo data loaded$( [[ "${DEMO_SEED:-1}" == "1" ]] || echo ": skipped" )).

  Gateway   http://127.0.0.1:$GATEWAY_PORT/graphql
  GraphiQL  http://127.0.0.1:$GATEWAY_PORT/graphiql
  Dashboard http://127.0.0.1:$GATEWAY_PORT/dashboard   (the strategy's targets; paste a token in its header)
  Token     npm run token -- --role ANALYST      (ADMIN, INTERNATIONAL_OFFICE, FACULTY --hdr, PARTNER --institution <id>)
  Logs      $LOGS/

  Press Ctrl-C to stop everything.
INFO

# Until Ctrl-C (the INT trap stops everything) or until a service dies on its own.
while true; do
  for pid in "${PIDS[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "a service or the gateway exited (pid $pid); see $LOGS/ — stopping everything" >&2
      exit 1
    fi
  done
  sleep 1
done

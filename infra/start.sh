#!/usr/bin/env bash
# infra/start.sh — starts the local infrastructure in the background and waits until it answers:
#   * Kafka (KRaft, one combined broker+controller node) on 127.0.0.1:$KAFKA_PORT, or with
#     KAFKA_BROKERS_COUNT=3 a cluster of three such nodes (ports: see kafka_node_port below)
#   * PostgreSQL on 127.0.0.1:$POSTGRES_PORT, FerretDB's backend (binaries: see install.sh)
#   * FerretDB (MongoDB wire protocol) on 127.0.0.1:$FERRETDB_PORT, on that PostgreSQL
#     (FERRETDB_HANDLER=postgresql, the default) or on SQLite files (FERRETDB_HANDLER=sqlite)
# Environment (defaults): INFRA_STATE_DIR (infra/.state/dev) holds data, logs, pid files and the
# generated configuration; KAFKA_PORT (19092); KAFKA_CONTROLLER_PORT (19093); FERRETDB_PORT (27027);
# POSTGRES_PORT (27032); POSTGRES_DURABLE (1; 0 turns fsync off for throw-away data such as tests');
# POSTGRES_RUN_AS (nobody, when run as root); FERRETDB_PG_POOL (200 connections, see below);
# INFRA_START_TIMEOUT seconds (90); KAFKA_HEAP_OPTS (-Xms256m -Xmx512m, per node);
# KAFKA_BROKERS_COUNT (1, or 3).
# With MONGODB_URI set to a real MongoDB 7+ (anything but mongodb://127.0.0.1:$FERRETDB_PORT/) or
# INFRA_SKIP_FERRETDB=1, neither FerretDB nor PostgreSQL is started.
# Already-running parts for the same state dir are left as they are. Stop with infra/stop.sh.
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STATE="$INFRA_STATE_DIR"
FERRETDB_PID="$STATE/ferretdb.pid"
POSTGRES_PID="$STATE/postgres.pid"
# FerretDB 1.24 runs an update (or delete) as a query whose rows stay open while it takes a second
# PostgreSQL connection for the write; when every pooled connection is held by such a query, each
# waits for a second one forever and FerretDB answers nothing any more, for good (measured: pool of
# 5, 50 concurrent $inc). So the pool must exceed the operations clients can have in flight at once,
# i.e. the sum of their driver pools (mongodb driver default: 100 per client). PostgreSQL opens the
# connections only when they are used.
FERRETDB_PG_POOL="${FERRETDB_PG_POOL:-200}"
FERRETDB_LOG="$STATE/logs/ferretdb.log"
KAFKA_JVM_OPTS="${KAFKA_JVM_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true}"
MONGO_URI_LOCAL="mongodb://127.0.0.1:$FERRETDB_PORT/"

# --- checks ------------------------------------------------------------------------------------

[[ -f "$KAFKA_STAMP" ]] || die "Kafka is not installed: run 'bash infra/install.sh' first"
if ! infra_skip_ferretdb; then
  [[ -x "$FERRETDB_BIN" ]] || die "FerretDB is not installed: run 'bash infra/install.sh' first"
  [[ "$FERRETDB_HANDLER" == "postgresql" || "$FERRETDB_HANDLER" == "sqlite" ]] ||
    die "FERRETDB_HANDLER must be postgresql or sqlite, got '$FERRETDB_HANDLER'"
fi
if infra_uses_postgres; then
  postgres_locate || die "no PostgreSQL binaries: run 'npm ci' then 'bash infra/install.sh' (or FERRETDB_HANDLER=sqlite)"
fi
command -v java >/dev/null 2>&1 || die "java is not on PATH (Kafka needs Java 17+)"
command -v node >/dev/null 2>&1 || die "node is not on PATH (used to probe readiness)"
[[ -d "$REPO_ROOT/node_modules/kafkajs" && -d "$REPO_ROOT/node_modules/mongoose" ]] ||
  die "node_modules is missing kafkajs/mongoose (used to probe readiness): run 'npm ci' first"

# 1: one broker (development, tests); 3: a replicated cluster (fault tests, production-like).
KAFKA_BROKERS_COUNT="${KAFKA_BROKERS_COUNT:-1}"
[[ "$KAFKA_BROKERS_COUNT" == 1 || "$KAFKA_BROKERS_COUNT" == 3 ]] ||
  die "KAFKA_BROKERS_COUNT must be 1 or 3, got '$KAFKA_BROKERS_COUNT'"
for var in KAFKA_PORT KAFKA_CONTROLLER_PORT FERRETDB_PORT POSTGRES_PORT FERRETDB_PG_POOL; do
  [[ "${!var}" =~ ^[0-9]+$ ]] || die "$var must be a number, got '${!var}'"
done

mkdir -p "$STATE/logs" "$STATE/ferretdb-state"

# Refuses to start on a port that something else already listens on.
require_free_port() {
  local port="$1" var="$2"
  if port_taken "$port"; then
    die "port $port is already in use (set $var to another port, or stop what listens there: ss -ltnp 'sport = :$port')"
  fi
}

# --- Kafka -------------------------------------------------------------------------------------

# KAFKA_BROKERS_COUNT=1 (the default): one combined broker+controller node, files kafka.pid,
# kafka-data/, server.properties and logs/kafka.log. KAFKA_BROKERS_COUNT=3: three such nodes in one
# KRaft quorum (one cluster id); node 1 keeps those names, node n (2, 3) has kafka-<n>.pid,
# kafka-data-<n>/, server-<n>.properties and logs/kafka-<n>.log.
# Node n listens on KAFKA_PORT+2(n-1) for clients and KAFKA_CONTROLLER_PORT+2(n-1) for the quorum:
# with the defaults 19092/19093, then 19094/19095 and 19096/19097.
kafka_node_port() { echo $((KAFKA_PORT + 2 * ($1 - 1))); }
kafka_node_controller_port() { echo $((KAFKA_CONTROLLER_PORT + 2 * ($1 - 1))); }

# Every node, separated by commas: "127.0.0.1:<port>" (the clients' bootstrap list) or, with
# "controllers", "<id>@127.0.0.1:<controller port>" (the quorum's voters: every node votes).
kafka_nodes() {
  local node entries=()
  for ((node = 1; node <= KAFKA_BROKERS_COUNT; node++)); do
    if [[ "${1:-}" == controllers ]]; then
      entries+=("$node@127.0.0.1:$(kafka_node_controller_port "$node")")
    else
      entries+=("127.0.0.1:$(kafka_node_port "$node")")
    fi
  done
  local IFS=,
  echo "${entries[*]}"
}

kafka_node_files() {
  local node="$1" suffix=""
  ((node == 1)) || suffix="-$node"
  NODE_PID="$STATE/kafka$suffix.pid"
  NODE_DATA="$STATE/kafka-data$suffix"
  NODE_PROPERTIES="$STATE/server$suffix.properties"
  NODE_LOG="$STATE/logs/kafka$suffix.log"
  NODE_PORT="$(kafka_node_port "$node")"
  NODE_CONTROLLER_PORT="$(kafka_node_controller_port "$node")"
}

write_server_properties() {
  local node="$1" replicas="$KAFKA_BROKERS_COUNT" min_isr=1
  # Three replicas: one broker may be down while an acks=all write still reaches two.
  ((replicas < 3)) || min_isr=2
  cat >"$NODE_PROPERTIES" <<EOF
# Generated by infra/start.sh — edits are overwritten on the next start.
process.roles=broker,controller
node.id=$node
controller.quorum.voters=$(kafka_nodes controllers)
listeners=PLAINTEXT://127.0.0.1:$NODE_PORT,CONTROLLER://127.0.0.1:$NODE_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$NODE_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$NODE_DATA

# The project creates its topics itself, with a replication factor and min.insync.replicas read
# from the number of brokers (shared/kafka/src/topics.ts); these are the brokers' defaults.
auto.create.topics.enable=false
num.partitions=1
default.replication.factor=$replicas
min.insync.replicas=$min_isr

# Internal topics: $replicas replica(s), few partitions, no rebalance delay.
offsets.topic.replication.factor=$replicas
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=$replicas
transaction.state.log.min.isr=$min_isr
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=$replicas
share.coordinator.state.topic.min.isr=$min_isr
group.initial.rebalance.delay.ms=0

# Small footprint for development and tests.
num.network.threads=2
num.io.threads=2
background.threads=2
log.retention.hours=24
log.segment.bytes=16777216
log.cleaner.dedupe.buffer.size=8388608
EOF
}

# A cluster's size is fixed when its storage is formatted: a state dir made for another count
# holds the metadata of another quorum.
check_kafka_brokers_count() {
  local recorded="$STATE/kafka-brokers-count"
  if [[ -s "$recorded" ]]; then
    [[ "$(cat "$recorded")" == "$KAFKA_BROKERS_COUNT" ]] ||
      die "$STATE holds a Kafka cluster of $(cat "$recorded") broker(s), not KAFKA_BROKERS_COUNT=$KAFKA_BROKERS_COUNT: use another INFRA_STATE_DIR, or stop and delete this one"
  elif [[ -f "$STATE/kafka-data/meta.properties" ]]; then
    # Formatted before the count was recorded: a single broker.
    [[ "$KAFKA_BROKERS_COUNT" == 1 ]] ||
      die "$STATE holds a single Kafka broker: use another INFRA_STATE_DIR for KAFKA_BROKERS_COUNT=$KAFKA_BROKERS_COUNT"
    echo 1 >"$recorded"
  else
    echo "$KAFKA_BROKERS_COUNT" >"$recorded"
  fi
}

start_kafka_node() {
  local node="$1" pid
  kafka_node_files "$node"
  if pid="$(live_pid "$NODE_PID")"; then
    echo "✓ Kafka node $node already running for $STATE (pid $pid)" >&2
    return
  fi
  require_free_port "$NODE_PORT" KAFKA_PORT
  require_free_port "$NODE_CONTROLLER_PORT" KAFKA_CONTROLLER_PORT
  mkdir -p "$NODE_DATA"
  write_server_properties "$node"

  local classpath="$KAFKA_LIBS/*" log4j="-Dlog4j2.configurationFile=$INFRA_DIR/log4j2.xml"
  if [[ ! -f "$NODE_DATA/meta.properties" ]]; then
    if [[ ! -s "$STATE/kafka-cluster-id" ]]; then
      # A Kafka cluster id is a base64url-encoded random 16-byte UUID (22 characters), never
      # starting with "-" (the format command would read it as an option; Kafka's own ids avoid it too).
      until [[ -s "$STATE/kafka-cluster-id" && "$(head -c 1 "$STATE/kafka-cluster-id")" != "-" ]]; do
        head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=' >"$STATE/kafka-cluster-id"
      done
    fi
    # Every node of a cluster is formatted with the same cluster id.
    # shellcheck disable=SC2086 # KAFKA_JVM_OPTS is a list of options
    step "formatting Kafka storage of node $node (cluster id $(cat "$STATE/kafka-cluster-id"))" \
      java $KAFKA_JVM_OPTS "$log4j" -cp "$classpath" kafka.tools.StorageTool format \
      --cluster-id "$(cat "$STATE/kafka-cluster-id")" --config "$NODE_PROPERTIES" --ignore-formatted
  fi

  echo "→ starting Kafka $KAFKA_VERSION node $node on 127.0.0.1:$NODE_PORT (log: $NODE_LOG)" >&2
  # setsid: own process group, so a Ctrl-C in the caller's terminal does not reach it.
  # shellcheck disable=SC2086
  setsid nohup java $KAFKA_HEAP_OPTS $KAFKA_JVM_OPTS "$log4j" -cp "$classpath" \
    kafka.Kafka "$NODE_PROPERTIES" >>"$NODE_LOG" 2>&1 </dev/null &
  echo $! >"$NODE_PID"
  STARTED+=("kafka-node-$node")
}

# Starts every node that is not running: all of them on a first start; after a node was killed,
# only that one (the fault suite restarts a broker this way).
start_kafka() {
  check_kafka_brokers_count
  local node ports=() distinct
  for ((node = 1; node <= KAFKA_BROKERS_COUNT; node++)); do
    ports+=("$(kafka_node_port "$node")" "$(kafka_node_controller_port "$node")")
  done
  distinct="$(printf '%s\n' "${ports[@]}" | sort -u)"
  [[ "$(wc -l <<<"$distinct")" == "${#ports[@]}" ]] ||
    die "the Kafka nodes' ports overlap (${ports[*]}): node n uses KAFKA_PORT+2(n-1) and KAFKA_CONTROLLER_PORT+2(n-1), e.g. KAFKA_CONTROLLER_PORT=KAFKA_PORT+1"
  for ((node = 1; node <= KAFKA_BROKERS_COUNT; node++)); do
    start_kafka_node "$node"
  done
}

# --- PostgreSQL --------------------------------------------------------------------------------

# PostgreSQL refuses to run as root ("initdb: cannot be run as root"), and CI runs as root. Then its
# programs run as an unprivileged user (POSTGRES_RUN_AS, default nobody) who owns its data dir.
PG_RUN_AS=""
if ((EUID == 0)); then
  PG_RUN_AS="${POSTGRES_RUN_AS:-nobody}"
fi

# Runs a PostgreSQL program as that user (from /, which every user may enter), or as ourselves.
as_pg_user() {
  if [[ -n "$PG_RUN_AS" ]]; then
    (cd / && runuser -u "$PG_RUN_AS" -- "$@")
  else
    "$@"
  fi
}

# Sets PG_DATA (the cluster directory) and PG_LOG. Normally $STATE/postgres-data and
# $STATE/logs/postgres.log. As root, the unprivileged user must also reach them and the binaries,
# which a clone under /root (mode 700) does not allow. Then, and only then:
#   * the data goes to /var/tmp/intl-graph-postgres-<hash of the state dir>/ (kept across reboots,
#     unlike /tmp), linked from $STATE/postgres-data and $STATE/logs/postgres.log;
#   * the binaries (the npm package, relocatable) are copied once per version to
#     /var/tmp/intl-graph-postgres-bin-<hash>/ and run from there.
# Deleting the state dir does not delete that data: delete the /var/tmp folder too.
postgres_layout() {
  PG_DATA="$(realpath -m "$STATE/postgres-data")"
  PG_LOG="$(realpath -m "$STATE/logs/postgres.log")"
  [[ -n "$PG_RUN_AS" ]] || return 0
  command -v runuser >/dev/null 2>&1 ||
    die "as root, PostgreSQL runs as an unprivileged user, and runuser (util-linux) is not on PATH"
  id -u "$PG_RUN_AS" >/dev/null 2>&1 || die "POSTGRES_RUN_AS: no user named '$PG_RUN_AS'"
  local hash area
  if [[ ! -L "$STATE/postgres-data" ]] && ! as_pg_user test -x "$STATE"; then
    hash="$(sha256sum <<<"$STATE")"
    area="/var/tmp/intl-graph-postgres-${hash:0:12}"
    mkdir -p "$area"
    chmod 755 "$area"
    ln -sfn "$area/data" "$STATE/postgres-data"
    ln -sfn "$area/postgres.log" "$STATE/logs/postgres.log"
    PG_DATA="$area/data"
    PG_LOG="$area/postgres.log"
    echo "  ($PG_RUN_AS cannot reach $STATE: PostgreSQL keeps its data in $area)" >&2
  fi
  if ! as_pg_user "$PG_BIN_DIR/postgres" --version >/dev/null 2>&1; then
    [[ "$PG_RELOCATABLE" == "1" ]] ||
      die "$PG_RUN_AS cannot run $PG_BIN_DIR/postgres ($PG_SOURCE): make it reachable, or set POSTGRES_BIN_DIR"
    local installation copy tmp
    installation="$(cd "$PG_BIN_DIR/.." && pwd)"
    hash="$(sha256sum <<<"$installation $PG_SOURCE")"
    copy="/var/tmp/intl-graph-postgres-bin-${hash:0:12}"
    if [[ ! -x "$copy/bin/postgres" ]]; then
      echo "  ($PG_RUN_AS cannot reach $PG_BIN_DIR: copying the PostgreSQL binaries to $copy)" >&2
      tmp="$copy.tmp.$$"
      rm -rf "$tmp"
      cp -a "$installation" "$tmp"
      chmod -R a+rX "$tmp"
      # Another start may have made the same copy meanwhile: then keep that one.
      mv -T "$tmp" "$copy" 2>/dev/null || rm -rf "$tmp"
    fi
    PG_BIN_DIR="$copy/bin"
  fi
}

# Creates the cluster (superuser ferretdb, trusted on loopback only) and FerretDB's database, in a
# temporary directory renamed at the end, so an interrupted run leaves no half-made cluster.
# The npm package ships no psql/createdb: the database is created in single-user mode, before the
# server listens; the second call fails if it was not.
init_postgres() {
  local tmp="$PG_DATA.init" no_sync=()
  # Throw-away data need not reach the disk before the server starts (saves seconds per test run).
  [[ "$POSTGRES_DURABLE" == "1" ]] || no_sync=(--no-sync)
  rm -rf "$tmp"
  mkdir -p "$tmp"
  chmod 700 "$tmp"
  [[ -z "$PG_RUN_AS" ]] || chown "$PG_RUN_AS" "$tmp"
  # FerretDB requires UTF8 and one of the locales POSIX, C, C.UTF8, en_US.UTF8.
  as_pg_user "$PG_BIN_DIR/initdb" -D "$tmp" --username=ferretdb --auth=trust \
    --encoding=UTF8 --locale=C --no-instructions "${no_sync[@]}"
  as_pg_user "$PG_BIN_DIR/postgres" --single -D "$tmp" postgres <<<"CREATE DATABASE ferretdb;"
  as_pg_user "$PG_BIN_DIR/postgres" --single -D "$tmp" ferretdb <<<"SELECT 1;"
  echo "include_if_exists = 'postgresql.infra.conf'" >>"$tmp/postgresql.conf"
  mv -T "$tmp" "$PG_DATA"
}

# Settings, rewritten on every start (postgresql.conf includes this file).
write_postgres_conf() {
  local socket_dir="$PG_DATA" durable=on
  # A Unix socket path holds at most 107 bytes: without room for one, TCP only.
  ((${#PG_DATA} + 20 <= 107)) || socket_dir=""
  [[ "$POSTGRES_DURABLE" == "1" ]] || durable=off
  cat >"$PG_DATA/postgresql.infra.conf" <<EOF
# Generated by infra/start.sh — edits are overwritten on the next start.
listen_addresses = '127.0.0.1'
port = $POSTGRES_PORT
# Inside the data dir, not /var/run/postgresql: psql -h $socket_dir -p $POSTGRES_PORT -U ferretdb ferretdb
unix_socket_directories = '$socket_dir'

# One FerretDB serves every service and test, and pools its connections to PostgreSQL
# (pool_max_conns=$FERRETDB_PG_POOL in its URL, see FERRETDB_PG_POOL in start.sh): room for that
# pool, a psql or two, and the 3 connections reserved for superusers. Backends start on demand.
max_connections = $((FERRETDB_PG_POOL + 10))

# Sized for a 2-core development machine shared with Kafka, FerretDB and the services: the demo
# and test data fit many times in 64MB; one core per query, no JIT (its compile time costs more
# than it saves on these small queries).
shared_buffers = 64MB
maintenance_work_mem = 32MB
effective_cache_size = 512MB
max_worker_processes = 4
max_parallel_workers_per_gather = 0
max_parallel_maintenance_workers = 0
jit = off

# No replication, so the least WAL.
wal_level = minimal
max_wal_senders = 0

# POSTGRES_DURABLE=$POSTGRES_DURABLE. On (the default), a commit waits for its WAL flush, about 1 ms
# on this machine's disk. Off (tests: the data is thrown away) nothing waits for the disk; a crash
# of the machine can corrupt the cluster.
fsync = $durable
synchronous_commit = $durable
full_page_writes = $durable

# Log to stderr, which pg_ctl appends to the log file.
log_min_messages = warning
log_line_prefix = '%m [%p] '
log_timezone = 'UTC'
timezone = 'UTC'
EOF
  [[ -z "$PG_RUN_AS" ]] || chown "$PG_RUN_AS" "$PG_DATA/postgresql.infra.conf"
}

start_postgres() {
  local pid version data_version
  postgres_layout
  if pid="$(live_pid "$POSTGRES_PID" "$PG_DATA")"; then
    echo "✓ PostgreSQL already running for $STATE (pid $pid)" >&2
    return
  fi
  require_free_port "$POSTGRES_PORT" POSTGRES_PORT
  version="$("$PG_BIN_DIR/postgres" --version)"
  version="${version#postgres (PostgreSQL) }"
  if [[ -f "$PG_DATA/PG_VERSION" ]]; then
    data_version="$(cat "$PG_DATA/PG_VERSION")"
    [[ "${version%%.*}" == "$data_version" ]] ||
      die "$PG_DATA holds PostgreSQL $data_version data, and the binaries ($PG_SOURCE) are PostgreSQL $version: delete that directory (its data is lost) or set POSTGRES_BIN_DIR to PostgreSQL $data_version's binaries"
  else
    step "creating the PostgreSQL cluster in $PG_DATA" init_postgres
  fi
  write_postgres_conf
  if [[ -n "$PG_RUN_AS" ]]; then
    touch "$PG_LOG"
    chown "$PG_RUN_AS" "$PG_LOG"
  fi

  echo "→ starting PostgreSQL $version on 127.0.0.1:$POSTGRES_PORT (from $PG_SOURCE; log: $PG_LOG)" >&2
  # pg_ctl -w returns once PostgreSQL accepts connections (the "ready" status it writes into
  # postmaster.pid); pg_ctl detaches the server into its own session, out of reach of a Ctrl-C.
  local started=$SECONDS
  printf '→ waiting for postgres to answer… ' >&2
  if ! as_pg_user "$PG_BIN_DIR/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -w -t "$INFRA_START_TIMEOUT" -s; then
    printf 'failed\n' >&2
    # A server that started too slowly still runs: record it so that stop.sh ends it.
    if [[ -f "$PG_DATA/postmaster.pid" ]]; then
      sed -n 1p "$PG_DATA/postmaster.pid" >"$POSTGRES_PID"
      STARTED+=(postgres)
    fi
    fail_start "PostgreSQL did not start" "$PG_LOG"
  fi
  printf 'ready (%ss)\n' "$((SECONDS - started))" >&2
  sed -n 1p "$PG_DATA/postmaster.pid" >"$POSTGRES_PID"
  STARTED+=(postgres)
}

# --- FerretDB ----------------------------------------------------------------------------------

start_ferretdb() {
  local pid
  if pid="$(live_pid "$FERRETDB_PID")"; then
    echo "✓ FerretDB already running for $STATE (pid $pid)" >&2
    return
  fi
  require_free_port "$FERRETDB_PORT" FERRETDB_PORT

  local backend
  if [[ "$FERRETDB_HANDLER" == "postgresql" ]]; then
    backend=(--handler=postgresql
      --postgresql-url="postgres://ferretdb@127.0.0.1:$POSTGRES_PORT/ferretdb?pool_max_conns=$FERRETDB_PG_POOL")
  else
    mkdir -p "$STATE/ferretdb-data"
    backend=(--handler=sqlite --sqlite-url="file:$STATE/ferretdb-data/")
  fi

  echo "→ starting FerretDB $FERRETDB_VERSION on 127.0.0.1:$FERRETDB_PORT, $FERRETDB_HANDLER backend (log: $FERRETDB_LOG)" >&2
  # --debug-addr=- disables its HTTP debug/metrics listener (default 127.0.0.1:8088, which
  # would collide between several instances); telemetry is disabled.
  DO_NOT_TRACK=1 setsid nohup "$FERRETDB_BIN" "${backend[@]}" \
    --listen-addr="127.0.0.1:$FERRETDB_PORT" --debug-addr=- \
    --state-dir="$STATE/ferretdb-state" --telemetry=disable \
    --log-level=error --log-format=text \
    >>"$FERRETDB_LOG" 2>&1 </dev/null &
  echo $! >"$FERRETDB_PID"
  STARTED+=(ferretdb)
}

# --- readiness ---------------------------------------------------------------------------------

# wait_ready NAME PIDFILE PORT LOG PROBE-ARGS...: polls until the probe succeeds; on timeout or
# if the process dies, prints the tail of its log, stops what this run started and exits 1.
wait_ready() {
  local name="$1" pidfile="$2" port="$3" log="$4"
  shift 4
  local started=$SECONDS deadline=$((SECONDS + INFRA_START_TIMEOUT)) pid reason="port $port not open"
  pid="$(cat "$pidfile")"
  printf '→ waiting for %s to answer… ' "$name" >&2
  while true; do
    if ! kill -0 "$pid" 2>/dev/null; then
      printf 'failed\n' >&2
      fail_start "$name exited during start-up" "$log"
    fi
    if port_open "$port"; then
      if reason="$(node "$INFRA_DIR/probe.mjs" "$@" 2>&1)"; then
        printf 'ready (%ss)\n' "$((SECONDS - started))" >&2
        return
      fi
    fi
    if ((SECONDS >= deadline)); then
      printf 'failed\n' >&2
      fail_start "$name did not become ready within ${INFRA_START_TIMEOUT}s (last check: $reason)" "$log"
    fi
    sleep 0.5
  done
}

fail_start() {
  echo "error: $1" >&2
  echo "--- last lines of $2 ---" >&2
  tail -n 40 "$2" >&2 || true
  echo "---" >&2
  if ((${#STARTED[@]})); then
    echo "stopping what this run started (${STARTED[*]})…" >&2
    INFRA_STATE_DIR="$STATE" bash "$INFRA_DIR/stop.sh" >&2 || true
  fi
  exit 1
}

STARTED=()
start_kafka
if infra_skip_ferretdb; then
  if [[ -n "${MONGODB_URI:-}" ]]; then
    echo "✓ FerretDB not started: MONGODB_URI is set, services use that MongoDB" >&2
  else
    echo "✓ FerretDB not started: INFRA_SKIP_FERRETDB=1" >&2
  fi
else
  # PostgreSQL starts (and is waited for) while Kafka boots; FerretDB needs it from its first request.
  if infra_uses_postgres; then
    start_postgres
  fi
  start_ferretdb
fi

for ((node = 1; node <= KAFKA_BROKERS_COUNT; node++)); do
  kafka_node_files "$node"
  name=kafka
  ((KAFKA_BROKERS_COUNT == 1)) || name="kafka node $node"
  # The probe asks this node itself, and wants it listed as a broker of the cluster.
  wait_ready "$name" "$NODE_PID" "$NODE_PORT" "$NODE_LOG" kafka "127.0.0.1:$NODE_PORT" "$node"
done
if ! infra_skip_ferretdb; then
  wait_ready ferretdb "$FERRETDB_PID" "$FERRETDB_PORT" "$FERRETDB_LOG" mongo "$MONGO_URI_LOCAL"
fi

# Connection settings for scripts and developers: `source "$INFRA_STATE_DIR/infra.env"`.
{
  echo "KAFKA_BROKERS=$(kafka_nodes)"
  infra_skip_ferretdb || echo "MONGODB_URI=$MONGO_URI_LOCAL"
  if infra_uses_postgres; then
    echo "POSTGRES_URL=postgres://ferretdb@127.0.0.1:$POSTGRES_PORT/ferretdb"
  fi
} >"$STATE/infra.env"

echo "started (state: $STATE):"
if ((KAFKA_BROKERS_COUNT == 1)); then
  echo "  kafka    127.0.0.1:$KAFKA_PORT"
else
  echo "  kafka    $(kafka_nodes) ($KAFKA_BROKERS_COUNT brokers: replication factor 3, min.insync.replicas 2)"
fi
if infra_skip_ferretdb; then
  echo "  mongodb  \$MONGODB_URI (FerretDB not started)"
else
  echo "  mongodb  $MONGO_URI_LOCAL (FerretDB $FERRETDB_VERSION, $FERRETDB_HANDLER backend)"
fi
if infra_uses_postgres; then
  echo "  postgres 127.0.0.1:$POSTGRES_PORT (data: $PG_DATA)"
fi

#!/usr/bin/env bash
# infra/stop.sh — stops what infra/start.sh started for INFRA_STATE_DIR (default infra/.state/dev):
# Kafka and FerretDB get SIGTERM; once FerretDB has exited, PostgreSQL gets SIGINT ("fast"
# shutdown: it ends its sessions, writes a checkpoint and exits with all its processes). A part
# still running INFRA_STOP_TIMEOUT seconds (30) after its signal is killed (PostgreSQL: SIGQUIT,
# "immediate" shutdown, recovered from the WAL at the next start; the others: SIGKILL).
# Idempotent: a part that is not running is reported and skipped. Data is kept; delete the state
# dir to start from scratch.
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STATE="$INFRA_STATE_DIR"
INFRA_STOP_TIMEOUT="${INFRA_STOP_TIMEOUT:-30}"

# The postmaster's command line names its data dir, which start.sh may have placed outside the
# state dir (then $STATE/postgres-data links to it).
declare -A MARKERS=([ferretdb]="$STATE" [postgres]="$(realpath -m "$STATE/postgres-data")")
# Kafka's nodes: kafka (the single broker, or node 1 of a cluster), kafka-2 and kafka-3 of a cluster
# (KAFKA_BROKERS_COUNT=3 in start.sh). Each is stopped as its pid file says, whatever the count now.
KAFKA_NODES=()
for pidfile in "$STATE"/kafka.pid "$STATE"/kafka-[0-9]*.pid; do
  [[ -f "$pidfile" ]] || continue
  node="$(basename "$pidfile" .pid)"
  KAFKA_NODES+=("$node")
  MARKERS[$node]="$STATE"
done
((${#KAFKA_NODES[@]})) || KAFKA_NODES=(kafka)
MARKERS[kafka]="$STATE"
declare -A PIDS=() SIGNALLED_AT=()

# stop_part NAME: sends the first signal. Kafka and FerretDB lead their own process group (setsid
# in start.sh): the whole group gets it. The postmaster alone gets it: it stops its children.
stop_part() {
  local name="$1" pid
  if ! pid="$(live_pid "$STATE/$name.pid" "${MARKERS[$name]}")"; then
    echo "✓ $name not running" >&2
    rm -f "$STATE/$name.pid"
    return
  fi
  PIDS[$name]="$pid"
  SIGNALLED_AT[$name]=$SECONDS
  echo "→ stopping $name (pid $pid)" >&2
  if [[ "$name" == "postgres" ]]; then
    kill -INT "$pid" 2>/dev/null || true
  else
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  fi
}

# await_part NAME: waits until it has exited, forcing it after INFRA_STOP_TIMEOUT seconds.
await_part() {
  local name="$1" pid="${PIDS[$1]:-}"
  [[ -n "$pid" ]] || return 0
  while alive "$pid" && ((SECONDS - SIGNALLED_AT[$name] < INFRA_STOP_TIMEOUT)); do
    sleep 0.2
  done
  if alive "$pid"; then
    echo "  $name did not exit within ${INFRA_STOP_TIMEOUT}s: forcing it" >&2
    if [[ "$name" == "postgres" ]]; then
      kill -QUIT "$pid" 2>/dev/null || true
    else
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    while alive "$pid"; do sleep 0.1; done
  fi
  echo "✓ $name stopped ($((SECONDS - SIGNALLED_AT[$name]))s)" >&2
  rm -f "$STATE/$name.pid"
}

# FerretDB before PostgreSQL, so that no query of FerretDB's is cut short; Kafka meanwhile (the
# nodes of a cluster together: stopped one by one, the last ones would wait for a quorum to hand
# their partitions to).
for node in "${KAFKA_NODES[@]}"; do stop_part "$node"; done
stop_part ferretdb
await_part ferretdb
stop_part postgres
await_part postgres
for node in "${KAFKA_NODES[@]}"; do await_part "$node"; done

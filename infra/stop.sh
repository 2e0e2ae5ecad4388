#!/usr/bin/env bash
# infra/stop.sh — stops the Kafka and FerretDB processes that infra/start.sh started for
# INFRA_STATE_DIR (default infra/.state/dev): SIGTERM, wait up to INFRA_STOP_TIMEOUT seconds (30),
# then SIGKILL. Idempotent: a part that is not running is reported and skipped. Data is kept;
# delete the state dir to start from scratch.
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STATE="$INFRA_STATE_DIR"
INFRA_STOP_TIMEOUT="${INFRA_STOP_TIMEOUT:-30}"

# Sends SIGTERM to the process group started by start.sh (setsid makes the pid its leader).
signal() {
  kill "-$1" -- "-$2" 2>/dev/null || kill "-$1" "$2" 2>/dev/null || true
}

declare -A PIDS=()
for name in kafka ferretdb; do
  if pid="$(live_pid "$STATE/$name.pid")"; then
    PIDS[$name]="$pid"
    echo "→ stopping $name (pid $pid)" >&2
    signal TERM "$pid"
  else
    echo "✓ $name not running" >&2
    rm -f "$STATE/$name.pid"
  fi
done

started=$SECONDS
for name in "${!PIDS[@]}"; do
  pid="${PIDS[$name]}"
  while kill -0 "$pid" 2>/dev/null && ((SECONDS - started < INFRA_STOP_TIMEOUT)); do
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "  $name did not exit within ${INFRA_STOP_TIMEOUT}s after SIGTERM: sending SIGKILL" >&2
    signal KILL "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  echo "✓ $name stopped ($((SECONDS - started))s)" >&2
  rm -f "$STATE/$name.pid"
done

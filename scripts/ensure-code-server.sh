#!/usr/bin/env bash
# Installs the pinned code-server (tools/code-server, VS Code 1.100.3 on Node 20) for the e2e tests and
# `npm start`, only if it is missing. Offline-safe: the only network it needs is the npm registry.
# Fixes from docs' vscode-runtime recipe: @vscode/ripgrep's download cache is seeded from Debian's /usr/bin/rg,
# npm_config_yes=true (node-pty's postinstall runs `npx node-gyp`), --unsafe-perm (code-server's postinstall as
# root), and XDG_*/TMPDIR inside the repo (.tools/) so nothing lands in $HOME.
# Prints the path of the code-server binary on its last line. Usage: scripts/ensure-code-server.sh [--quiet]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/tools/code-server"
VERSION="$(node -p "require('$DIR/package.json').dependencies['code-server']")"
BIN="$DIR/node_modules/.bin/code-server"
MARKER="$DIR/node_modules/.codex-ts-installed"
TOOLS="$ROOT/.tools"
QUIET="${1:-}"

say() { [ "$QUIET" = "--quiet" ] || echo "[ensure-code-server] $*" >&2; }

installed() {
  [ -x "$BIN" ] && [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$VERSION" ]
}

if installed; then
  say "code-server $VERSION present"
  echo "$BIN"
  exit 0
fi

# Its native addons need a compiler, python3 and the kerberos headers; @vscode/ripgrep needs an rg to seed its
# cache (scripts/system-packages.sh installs them as root on Debian, else says what to install).
bash "$ROOT/scripts/system-packages.sh" start || exit $?
# node-gyp builds against the running Node's own headers when its prefix ships them, instead of downloading.
node_prefix="$(node -p "path.dirname(path.dirname(process.execPath))")"
if [ -z "${npm_config_nodedir:-}" ] && [ -e "$node_prefix/include/node/common.gypi" ]; then
  export npm_config_nodedir="$node_prefix"
fi

mkdir -p "$TOOLS/xdg/data" "$TOOLS/xdg/config" "$TOOLS/xdg/cache" "$TOOLS/tmp"
export XDG_DATA_HOME="$TOOLS/xdg/data" XDG_CONFIG_HOME="$TOOLS/xdg/config" XDG_CACHE_HOME="$TOOLS/xdg/cache"
export TMPDIR="$TOOLS/tmp"

# One installer at a time (the e2e runner and `npm start` may race on a fresh clone).
exec 9>"$TOOLS/code-server-install.lock"
flock -w 900 9 || { echo "[ensure-code-server] timed out waiting for another install" >&2; exit 1; }
if installed; then echo "$BIN"; exit 0; fi

# @vscode/ripgrep's postinstall looks in $TMPDIR/vscode-ripgrep-cache-<pkg version>/ before api.github.com.
# It is installed by code-server's own postinstall (lib/vscode), so it is not in our lockfile: 1.15.11 /
# rg v13.0.0-10 are what code-server 4.100.3 pins.
RG_CACHE="$TMPDIR/vscode-ripgrep-cache-1.15.11"
mkdir -p "$RG_CACHE"
tar czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg

say "installing code-server $VERSION into tools/code-server (about 1-2 min cold, native addons compile)"
start=$(date +%s)
log="$TOOLS/code-server-install.log"
cd "$DIR"
rm -f "$MARKER"
if [ -f package-lock.json ]; then cmd=(ci); else cmd=(install); fi
if ! npm_config_yes=true timeout 900 npm "${cmd[@]}" --no-audit --no-fund --unsafe-perm >"$log" 2>&1; then
  tail -40 "$log" >&2
  echo "[ensure-code-server] npm ${cmd[*]} failed (full log: $log)" >&2
  exit 1
fi
"$BIN" --version >/dev/null
echo "$VERSION" > "$MARKER"
say "code-server $VERSION installed in $(( $(date +%s) - start )) s ($(du -sh node_modules | cut -f1))"
echo "$BIN"

#!/usr/bin/env bash
# Makes sure the Debian packages a command needs are installed: `npm test` (profile test), `npm start`
# (start), `npm run test:e2e` and .ci/run (e2e). Only checks when everything is present (no apt-get update);
# as root on Debian it installs what is missing, otherwise it names the packages and the apt-get command.
# Usage: scripts/system-packages.sh test|start|e2e
# Exit codes: 0 all present (or installed), 2 bad usage, 3 missing and not root, 4 missing and not Debian
# (or no apt-get), 5 apt-get failed or a package is still missing after it.
# Test seams (test/unit/system-packages.test.ts): CODEX_TS_SYSPKG_UID, CODEX_TS_SYSPKG_OS_RELEASE,
# CODEX_TS_SYSPKG_INCLUDE_DIR, CODEX_TS_SYSPKG_APT_GET, CODEX_TS_SYSPKG_LOCK.
set -uo pipefail

say() { echo "[system-packages] $*" >&2; }

PROFILE="${1:-}"
case "$PROFILE" in
  test) WHAT='npm test' ;;
  start) WHAT='npm start' ;;
  e2e) WHAT='npm run test:e2e' ;;
  *) say "usage: scripts/system-packages.sh test|start|e2e"; exit 2 ;;
esac

INCLUDE_DIR="${CODEX_TS_SYSPKG_INCLUDE_DIR:-/usr/include}"
APT_GET="${CODEX_TS_SYSPKG_APT_GET:-apt-get}"
OS_RELEASE="${CODEX_TS_SYSPKG_OS_RELEASE:-/etc/os-release}"

# The packages of a profile, each with why it is needed.
#   test:  chromium (test/webview component tests), bubblewrap (the sandbox suites), git (repository tests),
#          python3 (the sandbox suites run it inside the sandbox)
#   start: code-server's install: ripgrep (seeds @vscode/ripgrep), libkrb5-dev (the kerberos addon's
#          headers), make + g++ + python3 (node-gyp builds its native addons), git (code-server's source control)
packages_for() {
  case "$1" in
    test) echo chromium bubblewrap git python3 ;;
    start) echo ripgrep libkrb5-dev make g++ python3 git ;;
    e2e) echo chromium bubblewrap git python3 ripgrep libkrb5-dev make g++ ;;
  esac
}

# Whether a package's tool is present (by what the scripts and tests actually use, not by dpkg).
present() {
  case "$1" in
    chromium) [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ] || command -v chromium >/dev/null ;;
    bubblewrap) command -v bwrap >/dev/null ;;
    ripgrep) command -v rg >/dev/null ;;
    libkrb5-dev) [ -e "$INCLUDE_DIR/gssapi/gssapi.h" ] ;;
    *) command -v "$1" >/dev/null ;;
  esac
}

missing_packages() {
  local p out=()
  for p in $(packages_for "$PROFILE"); do present "$p" || out+=("$p"); done
  echo "${out[*]}"
}

is_debian() {
  [ -r "$OS_RELEASE" ] || return 1
  local id like
  id=$(. "$OS_RELEASE" && echo "${ID:-}")
  like=$(. "$OS_RELEASE" && echo "${ID_LIKE:-}")
  [ "$id" = debian ] || [[ " $like " == *" debian "* ]]
}

missing=$(missing_packages)
if [ -z "$missing" ]; then
  say "$WHAT: all present ($(packages_for "$PROFILE"))"
  exit 0
fi

install_cmd="apt-get install -y --no-install-recommends $missing"
if ! is_debian || ! command -v "$APT_GET" >/dev/null; then
  say "$WHAT needs these Debian packages, which are missing: $missing"
  say "this is not a Debian system with apt-get, so they are not installed automatically: install their"
  say "equivalents with your package manager (on Debian: $install_cmd)"
  exit 4
fi
uid="${CODEX_TS_SYSPKG_UID:-$(id -u)}"
if [ "$uid" != 0 ]; then
  say "$WHAT needs these Debian packages, which are missing: $missing"
  say "not root, so they are not installed automatically; install them with:"
  say "  sudo apt-get update && sudo $install_cmd"
  exit 3
fi

# One apt at a time: `npm test` and `npm start` may both install on a fresh machine.
exec 9>"${CODEX_TS_SYSPKG_LOCK:-/tmp/codex-ts-system-packages.lock}"
flock -w 900 9 || { say "timed out waiting for another apt-get run"; exit 5; }
missing=$(missing_packages) # another run may have installed them meanwhile
if [ -z "$missing" ]; then
  say "$WHAT: all present ($(packages_for "$PROFILE"))"
  exit 0
fi
install_cmd="apt-get install -y --no-install-recommends $missing"
say "$WHAT: installing $missing ($APT_GET update && $install_cmd)"
log=$(mktemp "${TMPDIR:-/tmp}/codex-ts-apt.XXXXXX")
start=$SECONDS
# shellcheck disable=SC2086 # $missing is a list of package names
if ! DEBIAN_FRONTEND=noninteractive "$APT_GET" update -qq >"$log" 2>&1 ||
  ! DEBIAN_FRONTEND=noninteractive "$APT_GET" install -y -qq --no-install-recommends $missing >>"$log" 2>&1; then
  tail -20 "$log" >&2
  say "apt-get failed (full log: $log); the command was: $APT_GET update && $install_cmd"
  exit 5
fi
rm -f "$log"
still=$(missing_packages)
if [ -n "$still" ]; then
  say "apt-get installed $missing but these are still missing: $still"
  exit 5
fi
say "$WHAT: installed $missing in $((SECONDS - start)) s"

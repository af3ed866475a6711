#!/usr/bin/env bash
# Install the Debian packages storyline needs, only when some are missing.
# Usage: scripts/deps.sh [--check]
#   --check   list what is missing and exit 1 if anything is, install nothing.
set -eu

packages=(
  build-essential cmake pkg-config
  zlib1g-dev libzstd-dev libutf8proc-dev libxxhash-dev libpcre2-dev
  libsqlite3-dev libcmocka-dev libstemmer-dev libxml2-dev libuchardet-dev
  python3 zstd time
  libmicrohttpd-dev wrk
  chromium
  openmpi-bin libopenmpi-dev
  clang-14 libclang-rt-14-dev
)
# Node.js drives the browser tests (playwright-core from npm); any node >= 18
# already on the machine will do, otherwise Debian's.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# The browser test driver, pinned in package.json / package-lock.json, into
# ./node_modules (ignored by git).
install_node_modules() {
  local root
  root="$(cd "$(dirname "$0")/.." && pwd)"
  [ -f "$root/package.json" ] || return 0
  [ -d "$root/node_modules/playwright-core" ] && return 0
  [ "${1:-}" = "--check" ] && { echo "storyline: missing node_modules (npm ci)" >&2; return 1; }
  echo "storyline: installing the browser test driver (npm ci)" >&2
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || {
    echo "storyline: 'npm ci' failed; the browser tests will not run" >&2
    return 3
  }
}

if [ ${#missing[@]} -eq 0 ]; then
  install_node_modules "${1:-}"
  exit $?
fi

if [ "${1:-}" = "--check" ]; then
  echo "storyline: missing Debian packages: ${missing[*]}" >&2
  exit 1
fi

echo "storyline: installing missing Debian packages: ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=sudo
  else
    echo "storyline: not root and no sudo; please install: ${missing[*]}" >&2
    exit 3
  fi
else
  SUDO=
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null || {
  echo "storyline: 'apt-get update' failed; please install: ${missing[*]}" >&2
  exit 3
}
if ! $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
  echo "storyline: 'apt-get install' failed; please install: ${missing[*]}" >&2
  exit 3
fi
install_node_modules ""

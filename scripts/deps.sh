#!/usr/bin/env bash
# Install the Debian packages storyline needs, only when some are missing.
# Usage: scripts/deps.sh [--check]
#   --check   list what is missing and exit 1 if anything is, install nothing.
set -eu

packages=(
  build-essential cmake pkg-config
  zlib1g-dev libzstd-dev libutf8proc-dev libxxhash-dev libpcre2-dev
  libsqlite3-dev libcmocka-dev libstemmer-dev libxml2-dev
  python3 zstd time
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
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

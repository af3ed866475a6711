#!/usr/bin/env bash
# The seed articles: all five are one story (Xi and Putin), and 000 and 001
# (two versions of one article) are one event.  Skips (77) when ../shared is
# absent.  Usage: stories_seeds.sh path/to/storyline
set -eu
bin=${1:?usage: stories_seeds.sh path/to/storyline}
seeds=${SL_SHARED_DIR:-../shared}/seeds
if [ ! -d "$seeds" ]; then
    echo "skip: $seeds not found"
    exit 77
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" stories "$seeds" > "$out"
python3 scripts/check_stories.py seeds "$out"

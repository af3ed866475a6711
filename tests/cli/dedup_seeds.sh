#!/usr/bin/env bash
# The seed articles: 001 is the updated, longer version of 000 (revision,
# one cluster, 001 the later version); 002, 003 and 004 are unique.
# Skips (77) when ../shared is absent.  Usage: dedup_seeds.sh path/to/storyline
set -eu
bin=${1:?usage: dedup_seeds.sh path/to/storyline}
seeds=${SL_SHARED_DIR:-../shared}/seeds
if [ ! -d "$seeds" ]; then
    echo "skip: $seeds not found"
    exit 77
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" dedup "$seeds" > "$out"
python3 scripts/check_dedup.py seeds "$out"
"$bin" dedup --pairs "$seeds" | grep -q '"relation": "revision".*"order": "tense+added-material"'

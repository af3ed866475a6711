#!/usr/bin/env bash
# Every duplicate relation of the sample corpus (exact, near, revision,
# contained, and the unique documents among them, including hard negatives
# that share quotes or boilerplate) as data/sample/truth.jsonl gives it.
# Usage: dedup_sample.sh path/to/storyline
set -eu
bin=${1:?usage: dedup_sample.sh path/to/storyline}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" dedup data/sample/feed.jsonl data/sample/txt > "$out"
python3 scripts/check_dedup.py sample "$out"
# the same answer with the sets kept in memory and with a window that
# covers the whole corpus
"$bin" dedup --in-memory --window=100 data/sample/feed.jsonl data/sample/txt | cmp - "$out"
# byte-identical whatever the number of threads, here and on a generated
# corpus with many copies and versions (sl-datagen is built beside storyline)
"$bin" dedup --threads=1 data/sample/feed.jsonl data/sample/txt | cmp - "$out"
"$bin" dedup --threads=3 data/sample/feed.jsonl data/sample/txt | cmp - "$out"
gen=$(dirname "$bin")/sl-datagen
if [ -x "$gen" ]; then
    corpus=$(mktemp)
    trap 'rm -f "$out" "$corpus"' EXIT
    "$gen" --size=3M --seed=7 --dup-rate=0.3 -o "$corpus"
    "$bin" dedup --threads=1 "$corpus" > "$out"
    "$bin" dedup --threads=2 "$corpus" | cmp - "$out"
    "$bin" dedup --threads=4 --pairs "$corpus" | cmp - <("$bin" dedup --threads=1 --pairs "$corpus")
    grep -q '"relation": "revision"' "$out"
fi

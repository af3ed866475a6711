#!/usr/bin/env bash
# storyline facts writes the same bytes for any --threads: documents are
# extracted on the pool and written in input order.  The input is our own
# sentences, repeated past two pool batches with a few changes.
# Usage: facts_threads.sh path/to/storyline
set -eu
bin=${1:?usage: facts_threads.sh path/to/storyline}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in $(seq 1 700); do
    printf '{"id": "d%d", "published": "2021-06-%02d", "text": "Kremlin spokesperson Dmitry Peskov said on Tuesday the talks would go on. \\"We see no reason to hurry,\\" Peskov told reporters. Report %d."}\n' \
        "$i" $((i % 28 + 1)) "$i"
    printf '{"id": "e%d", "text": "President Vladimir Putin met Xi Jinping in Moscow %d days ago. Putin said the talks were useful."}\n' "$i" "$i"
done > "$tmp/in.jsonl"
"$bin" facts --threads=1 "$tmp/in.jsonl" > "$tmp/one.jsonl"
"$bin" facts --threads=3 "$tmp/in.jsonl" > "$tmp/three.jsonl"
lines=$(wc -l < "$tmp/one.jsonl")
if [ "$lines" -ne 1400 ]; then
    echo "FAIL: $lines lines, want 1400"
    exit 1
fi
if ! cmp -s "$tmp/one.jsonl" "$tmp/three.jsonl"; then
    echo "FAIL: --threads=1 and --threads=3 differ"
    diff "$tmp/one.jsonl" "$tmp/three.jsonl" | head -5
    exit 1
fi
grep -q '"canonical": "Dmitry Peskov", "role": "spokesperson"' "$tmp/one.jsonl"
echo "PASS facts_threads"

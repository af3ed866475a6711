#!/usr/bin/env bash
# The sample corpus: every story we wrote into it comes out as one story and
# nothing else; events reach B-cubed F1 0.8 against data/sample/truth.jsonl.
# The output is byte-identical whatever the number of threads, here and on a
# generated corpus.  Usage: stories_sample.sh path/to/storyline
set -eu
bin=${1:?usage: stories_sample.sh path/to/storyline}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" stories data/sample/feed.jsonl data/sample/txt > "$out"
python3 scripts/check_stories.py sample "$out" 0.8
"$bin" stories --threads=1 data/sample/feed.jsonl data/sample/txt | cmp - "$out"
"$bin" stories --threads=3 data/sample/feed.jsonl data/sample/txt | cmp - "$out"
# dedup first: copies join their original's event
"$bin" dedup data/sample/feed.jsonl data/sample/txt | "$bin" stories > "$out"
python3 scripts/check_stories.py sample "$out" 0.8
# --summary: one line per event and per story, members adding up
"$bin" stories --summary data/sample/feed.jsonl data/sample/txt > "$out"
python3 - "$out" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
events = [l for l in lines if l["type"] == "event"]
stories = [l for l in lines if l["type"] == "story"]
assert sum(e["size"] for e in events) == 49, "every document in one event"
assert sum(len(s["events"]) for s in stories) == len(events), "every event in one story"
assert all(e["label"] and e["members"][0] == e["id"] for e in events), "labels, founders first"
PY
gen=$(dirname "$bin")/sl-datagen
if [ -x "$gen" ]; then
    corpus=$(mktemp)
    trap 'rm -f "$out" "$corpus"' EXIT
    "$gen" --size=3M --seed=5 -o "$corpus"
    "$bin" stories --threads=1 "$corpus" > "$out"
    "$bin" stories --threads=2 "$corpus" | cmp - "$out"
    "$bin" stories --threads=4 --window=500 "$corpus" | cmp - <("$bin" stories --threads=1 --window=500 "$corpus")
fi

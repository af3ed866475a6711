#!/usr/bin/env bash
# Real revisions and copies (BBC News 2004-2005, ../shared/data/dedup/bbc):
# pairwise F1 of the clusters must be at least 0.97.  Skips (77) when the
# data is absent.  Usage: dedup_bbc.sh path/to/storyline
set -eu
bin=${1:?usage: dedup_bbc.sh path/to/storyline}
shared=${SL_SHARED_DIR:-../shared}
bbc=$shared/data/dedup/bbc
if [ ! -f "$bbc/docs.jsonl" ] || [ ! -f "$shared/tools/dedup_score.py" ]; then
    echo "skip: $bbc or the scorer not found"
    exit 77
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" dedup "$bbc/docs.jsonl" > "$out"
python3 "$shared/tools/dedup_score.py" "$bbc/clusters.jsonl" "$out" --pred-key dup.cluster |
    tail -1 | python3 -c '
import json, sys
s = json.loads(sys.stdin.read())
print("pairwise F1", s["pairwise_f1"], "B-cubed F1", s["bcubed_f1"])
sys.exit(0 if s["pairwise_f1"] >= 0.97 else 1)'

#!/usr/bin/env bash
# Line classification on the sample corpus, scored against its per-line
# truth (data/sample/truth.jsonl): no body line may be removed and at least
# 90% of boilerplate lines must be.  Usage: sample_lines.sh path/to/storyline
set -eu
bin=${1:?usage: sample_lines.sh path/to/storyline}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" clean data/sample/feed.jsonl data/sample/txt > "$out"
python3 scripts/score_lines.py data/sample "$out" --check

#!/usr/bin/env bash
# compare and timeline of a story the store does not hold: a usage error
# (exit 2) naming it; the store is only read (its bytes do not change).
# Usage: compare_unknown.sh path/to/storyline
set -eu
bin=${1:?usage: compare_unknown.sh path/to/storyline}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" run -q --db "$dir/s.db" data/sample/feed.jsonl
sum=$(cat "$dir/s.db" | md5sum)
for cmd in compare timeline; do
    set +e
    "$bin" $cmd --db "$dir/s.db" no-such-story > "$dir/out" 2> "$dir/err"
    rc=$?
    set -e
    [ $rc -eq 2 ] || { echo "$cmd: exit $rc, expected 2"; exit 1; }
    grep -q "no story or event 'no-such-story'" "$dir/err" || { echo "$cmd: message"; cat "$dir/err"; exit 1; }
done
# an event id gives that event alone; the same number as a story gives the story
"$bin" timeline --db "$dir/s.db" event:hw-port-walkout | head -1 | grep -q '"type": "event-timeline"' \
    || { echo "event:ID did not give an event timeline"; exit 1; }
"$bin" compare --db "$dir/s.db" hw-port-walkout | head -1 | grep -q '"of": "event"' \
    || { echo "compare of an event id"; exit 1; }
[ "$(cat "$dir/s.db" | md5sum)" = "$sum" ] || { echo "the store changed"; exit 1; }
echo ok

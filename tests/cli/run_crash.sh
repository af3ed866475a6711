#!/usr/bin/env bash
# A run killed with SIGKILL at any moment leaves a store that the same
# command, run again, completes into exactly the store an uninterrupted run
# writes: batches are committed whole, in input order, with their progress.
# Usage: run_crash.sh path/to/storyline
set -eu
bin=${1:?usage: run_crash.sh path/to/storyline}
gen=$(dirname "$bin")/sl-datagen
if [ ! -x "$gen" ]; then
    echo "SKIP run_crash: sl-datagen not built beside storyline"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$gen" --size=2M --seed=11 --dup-rate=0.3 -o "$tmp/in.jsonl"

dump() {
    python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.text_factory = bytes
for t in ['documents', 'repairs', 'removals', 'dups', 'events', 'stories', 'entities',
          'quotes', 'timex', 'published', 'meta']:
    cols = [r[1].decode() for r in db.execute(f'pragma table_info({t})')
            if r[1] not in (b'run',)]
    q = 'select %s from %s order by %s' % (','.join('"%s"' % c for c in cols), t,
                                           ','.join('"%s"' % c for c in cols))
    for row in db.execute(q):
        print(t, repr(row))
PY
}

"$bin" run -q --threads=2 --db "$tmp/ref.db" "$tmp/in.jsonl"
dump "$tmp/ref.db" > "$tmp/ref.dump"

# kill runs at growing delays until one finishes by itself
kills=0
for delay in 0.3 0.6 0.9 1.2 1.5 1.8 2.1 2.4; do
    "$bin" run -q --threads=2 --db "$tmp/crash.db" "$tmp/in.jsonl" &
    pid=$!
    sleep "$delay"
    finished=yes
    if kill -9 "$pid" 2> /dev/null; then
        kills=$((kills + 1))
        finished=no
    fi
    wait "$pid" 2> /dev/null || true
    # what a killed run left is consistent: every document has its
    # relation row or is part of an unfinished run, and foreign keys hold
    python3 - "$tmp/crash.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
assert db.execute('pragma integrity_check').fetchone()[0] == 'ok'
tables = {r[0] for r in db.execute("select name from sqlite_master where type = 'table'")}
if 'documents' not in tables:
    # killed before the schema's transaction committed: nothing at all
    assert not tables - {'sqlite_sequence'}, tables
    sys.exit(0)
assert db.execute('pragma foreign_key_check').fetchall() == []
n = db.execute('select count(*) from documents').fetchone()[0]
assert db.execute('select count(*) from dups').fetchone()[0] == n
added = db.execute('select coalesce(sum(added), 0) from runs').fetchone()[0]
assert added == n, (added, n)
PY
    [ "$finished" = yes ] && break
done
[ "$kills" -ge 1 ] || { echo "FAIL run_crash: no run was killed"; exit 1; }
"$bin" run -q --threads=1 --db "$tmp/crash.db" "$tmp/in.jsonl"
dump "$tmp/crash.db" | cmp - "$tmp/ref.dump"
echo "run_crash: ok after $kills kills"

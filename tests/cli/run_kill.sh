#!/usr/bin/env bash
# `storyline run --db` killed with SIGKILL at least 20 times, at seeded
# random moments spread over the whole run (start-up, schema, the batches,
# the final refresh), each kill landing on the store the previous killed
# runs left.  After every kill the store opens cleanly (integrity and
# foreign keys), and holds whole batches only: its documents are the first
# documents of an uninterrupted run, up to a batch boundary, each with all
# its rows (repairs, removals, duplicate relation, event, story, entities,
# quotes, time expressions, publication date, search index).  A rerun then
# completes the rest: no duplicates, and the store equals the one a single
# uninterrupted run writes.
# Usage: run_kill.sh path/to/storyline [KILLS]
set -eu
bin=${1:?usage: run_kill.sh path/to/storyline [KILLS]}
want_kills=${2:-20}
gen=$(dirname "$bin")/sl-datagen
if [ ! -x "$gen" ]; then
    echo "SKIP run_kill: sl-datagen not built beside storyline"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Short documents: about 2000 of them, eight batches of 256 (POOL_BATCH).
"$gen" --size=2M --seed=23 --dup-rate=0.3 --paragraphs=1-2 -o "$tmp/in.jsonl"
batch=256
# the interpreter itself: a version manager's python3 shim can take
# seconds to start on a loaded machine, too late to aim a kill (and -S:
# no site packages, sqlite3 is in the standard library)
py="$(python3 -c 'import sys; print(sys.executable)') -I -S"

cat >"$tmp/check.py" <<'PY'
"""check.py REF DB BATCH [--complete]: the store DB, left by a killed run,
holds whole batches of REF's documents with all their rows; with
--complete it equals REF."""
import sqlite3, sys

ref_path, path, batch = sys.argv[1], sys.argv[2], int(sys.argv[3])
complete = '--complete' in sys.argv
ref = sqlite3.connect(ref_path)
db = sqlite3.connect(path)
for c in (ref, db):
    c.text_factory = bytes

def fail(msg):
    sys.exit('FAIL: %s: %s' % (path, msg))

if db.execute('pragma integrity_check').fetchone()[0] != b'ok':
    fail('integrity check')
tables = {r[0].decode() for r in db.execute("select name from sqlite_master where type = 'table'")}
if 'documents' not in tables:
    # killed before the schema's transaction committed: nothing at all
    if tables - {'sqlite_sequence'}:
        fail('half a schema: %s' % sorted(tables))
    print(0)
    sys.exit(0)
if db.execute('pragma foreign_key_check').fetchall():
    fail('foreign keys')

docs = db.execute('select doc, id, hash from documents order by doc').fetchall()
ref_docs = ref.execute('select doc, id, hash from documents order by doc').fetchall()
n = len(docs)
if docs != ref_docs[:n]:
    fail('the documents are not the first %d of the uninterrupted run' % n)
if len({d[2] for d in docs}) != n:
    fail('a document stored twice')
# whole batches: a run commits its new documents (those not stored
# before) BATCH at a time, with its progress, so a run that did not finish
# added a multiple of BATCH (or the input's last, shorter batch, when it
# was killed in the final refresh); and the runs account for every document
runs = db.execute('select run, added, finished from runs order by run').fetchall()
so_far = 0
for run, added, finished in runs:
    so_far += added
    if finished is None and added % batch and so_far != len(ref_docs):
        fail('run %d was killed after adding %d documents: half a batch' % (run, added))
if sum(r[1] for r in runs) != n:
    fail('runs say %d documents were added, %d are stored' % (sum(r[1] for r in runs), n))

# every stored document has all its rows, exactly those of the reference
per_doc = {
    'repairs': 'doc, start, "end", kind, replacement',
    'removals': 'doc, start, "end", reason',
    'entities': 'doc, start, "end", type, canonical, role',
    'quotes': 'doc, content_start, content_end, speaker, kind',
    'timex': 'doc, start, "end", type, value',
    'published': 'doc, value, earliest, latest, given, contradicted, evidence',
}
for table, cols in per_doc.items():
    q = 'select %s from %s where doc < ? order by %s' % (cols, table, cols)
    if db.execute(q, (n,)).fetchall() != ref.execute(q, (n,)).fetchall():
        fail('%s rows differ from the uninterrupted run' % table)
for table in ('dups', 'published', 'search_docsize'):
    key = 'id' if table == 'search_docsize' else 'doc'
    got = db.execute('select count(*) from %s where %s < ?' % (table, key), (n,)).fetchone()[0]
    if got != n:
        fail('%d of %d documents have a %s row' % (got, n, table))
orphans = db.execute('select count(*) from documents where event is null or story is null '
                     'or event not in (select event from events) '
                     'or story not in (select story from stories)').fetchone()[0]
if orphans:
    fail('%d documents without their event or story' % orphans)

if complete:
    def dump(c):
        out = []
        for t in ['documents', 'repairs', 'removals', 'dups', 'events', 'stories', 'entities',
                  'quotes', 'timex', 'published', 'search_docsize']:
            cols = [r[1].decode() for r in c.execute('pragma table_info(%s)' % t)
                    if r[1] != b'run']
            q = 'select %s from %s order by %s' % (','.join('"%s"' % x for x in cols), t,
                                                   ','.join('"%s"' % x for x in cols))
            out.append((t, c.execute(q).fetchall()))
        return out
    if dump(db) != dump(ref):
        fail('the completed store differs from the uninterrupted run')
    if db.execute("select value from meta where key = 'state'").fetchone()[0] != b'complete':
        fail('state is not complete')
print(n)
PY

cat >"$tmp/wait_for.py" <<'PY'
"""wait_for.py DB COUNT PID: return once DB holds COUNT documents, or the
process PID has ended (or 60 s have passed)."""
import os, sqlite3, sys, time

path, count, pid = sys.argv[1], int(sys.argv[2]), sys.argv[3]

def running():
    try:
        with open('/proc/%s/stat' % pid) as f:
            return f.read().split(')')[-1].split()[0] not in ('Z', 'X')
    except OSError:
        return False

def stored():
    try:
        db = sqlite3.connect('file:%s?mode=ro' % path, uri=True, timeout=0.1)
        try:
            return db.execute('select count(*) from documents').fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return 0

end = time.time() + 60
while count > 0 and running() and time.time() < end and stored() < count:
    time.sleep(0.02)
PY

run() { "$bin" run -q --threads=2 --db "$1" "$tmp/in.jsonl"; }

start=$(date +%s.%N)
run "$tmp/ref.db"
elapsed=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')
total=$($py "$tmp/check.py" "$tmp/ref.db" "$tmp/ref.db" $batch --complete)
echo "run_kill: reference run: $total documents in ${elapsed}s"

# Where to kill, seeded: once the store holds a random number of
# documents (0: at once, during start-up, the schema or the re-reading of
# stored documents; past the end: during the final refresh, or never),
# and then after a random fraction of a second, to land inside a batch.
# Counting documents instead of seconds spreads the kills over the batches
# however loaded the machine is.  A run that finished by itself must have
# completed the store; the next chain starts from nothing.
RANDOM=4242
kills=0 finished=0 attempts=0 stored=0
states=" "
db="$tmp/crash.db"
while [ "$kills" -lt "$want_kills" ]; do
    attempts=$((attempts + 1))
    [ "$attempts" -le $((want_kills * 4)) ] || { echo "FAIL run_kill: only $kills kills"; exit 1; }
    target=$((RANDOM % (total + batch)))
    [ "$target" -le "$stored" ] && target=0
    delay=$(awk -v r=$RANDOM 'BEGIN { printf "%.3f", 0.4 * r / 32767 }')
    # storyline itself in the background (not a subshell, which the kill
    # would leave it running behind)
    "$bin" run -q --threads=2 --db "$db" "$tmp/in.jsonl" &
    pid=$!
    $py "$tmp/wait_for.py" "$db" "$target" "$pid"
    sleep "$delay"
    if kill -9 "$pid" 2>/dev/null; then
        wait "$pid" 2>/dev/null || true
        kills=$((kills + 1))
        n=$($py "$tmp/check.py" "$tmp/ref.db" "$db" $batch) ||
            { echo "FAIL run_kill: after kill $kills (at $target documents + ${delay}s)"; exit 1; }
        case "$states" in *" $n "*) ;; *) states="$states$n " ;; esac
        stored=$n
    else
        wait "$pid" || { echo "FAIL run_kill: a run that was not killed failed"; exit 1; }
        finished=$((finished + 1))
        $py "$tmp/check.py" "$tmp/ref.db" "$db" $batch --complete >/dev/null ||
            { echo "FAIL run_kill: a resumed run did not complete the store"; exit 1; }
        rm -f "$db" "$db-wal" "$db-shm"
        stored=0
    fi
done
# The last killed store, completed by a rerun.
run "$db"
$py "$tmp/check.py" "$tmp/ref.db" "$db" $batch --complete >/dev/null ||
    { echo "FAIL run_kill: the rerun did not complete the store"; exit 1; }
# At least one kill landed inside the ingest, leaving a partial store (how
# many distinct ones depends on the machine's speed, so it is only printed).
partial=$(echo $states | tr ' ' '\n' | awk -v t="$total" '$1 > 0 && $1 < t' | wc -l)
echo "run_kill: ok: $kills kills (documents stored when killed:$states; $partial distinct partial stores), $finished runs finished by themselves"
[ "$partial" -ge 1 ] || { echo "FAIL run_kill: no kill landed inside the ingest"; exit 1; }

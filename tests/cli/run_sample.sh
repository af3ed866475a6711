#!/usr/bin/env bash
# storyline run on the sample corpus: the store holds what the JSONL
# commands write (documents, duplicate relations, events, stories,
# entities, quotes, time expressions), whatever the number of threads; a
# second run adds nothing; a run split in three gives the same store as one;
# search finds known words and honours its filters (documents read from
# txt/<outlet>/ are found by their outlet).
# Usage: run_sample.sh path/to/storyline
set -eu
bin=${1:?usage: run_sample.sh path/to/storyline}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
in="data/sample/feed.jsonl data/sample/txt"

# dump DB: every table but the runs, without run numbers, file names and
# lines (which differ when the same documents come from other files)
dump() {
    python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.text_factory = bytes
for t in ['documents', 'repairs', 'removals', 'dups', 'events', 'stories', 'entities',
          'quotes', 'timex', 'published', 'meta']:
    cols = [r[1] for r in db.execute(f'pragma table_info({t})')
            if r[1] not in (b'run', b'origin', b'line', 'run', 'origin', 'line')]
    cols = [c.decode() if isinstance(c, bytes) else c for c in cols]
    q = 'select %s from %s order by %s' % (','.join('"%s"' % c for c in cols), t,
                                           ','.join('"%s"' % c for c in cols))
    for row in db.execute(q):
        print(t, repr(row))
PY
}

"$bin" run --threads=1 --db "$tmp/one.db" $in 2> "$tmp/err"
grep -q "49 documents added, 0 skipped" "$tmp/err"

# the JSONL commands, chained, give the same documents and facts
"$bin" clean $in | "$bin" dedup | "$bin" facts | "$bin" stories > "$tmp/docs.jsonl"
"$bin" clean $in | "$bin" dedup | "$bin" facts | "$bin" stories --summary > "$tmp/summary.jsonl"
python3 - "$tmp/one.db" "$tmp/docs.jsonl" "$tmp/summary.jsonl" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
docs = [json.loads(l) for l in open(sys.argv[2])]
summary = [json.loads(l) for l in open(sys.argv[3])]
def count(t):
    return db.execute(f'select count(*) from {t}').fetchone()[0]
want = {
    'documents': len(docs),
    'events': sum(1 for s in summary if s['type'] == 'event'),
    'stories': sum(1 for s in summary if s['type'] == 'story'),
    'entities': sum(len(d['entities']) for d in docs),
    'quotes': sum(len(d['quotes']) for d in docs),
    'timex': sum(len(d['timex']) for d in docs),
}
for t, n in want.items():
    assert count(t) == n, (t, count(t), n)
rows = db.execute('''select d.id, d.text, e.id, s.id, d.score, x.relation, o.id, c.id, x.similarity
    from documents d join events e on e.event = d.event join stories s on s.story = d.story
    join dups x on x.doc = d.doc left join documents o on o.doc = x.of
    join documents c on c.doc = x.cluster order by d.doc''').fetchall()
for d, r in zip(docs, rows):
    row = (d['id'], d['text'], d['story']['event'], d['story']['story'], d['story']['score'],
            d['dup']['relation'], d['dup']['of'], d['dup']['cluster'], d['dup']['similarity'])
    assert row == r, (row[0], [w for w, g in zip(row, r) if w != g])
# provenance: entity offsets are into the stored clean text, as facts wrote them
spans = [(e['start'], e['end'], e['canonical']) for d in docs for e in d['entities']]
got = db.execute('select start, "end", canonical from entities order by doc, rowid').fetchall()
assert spans == got
for d, (text,) in zip(docs, db.execute('select text from documents order by doc')):
    for e in d['entities']:
        assert text.encode()[e['start']:e['end']].decode() == e['text']
# every event and story has a label and members
assert db.execute('select count(*) from events where size < 1 or label = "[]"').fetchone()[0] == 0
print('sample store matches the JSONL commands:', want)
PY

# the same store for any number of threads
"$bin" run -q --threads=3 --db "$tmp/three.db" $in
cmp <(dump "$tmp/one.db") <(dump "$tmp/three.db")

# a second run adds nothing
dump "$tmp/one.db" > "$tmp/one.dump"
"$bin" run --db "$tmp/one.db" $in 2> "$tmp/err"
grep -q "0 documents added, 49 skipped (already stored)" "$tmp/err"
dump "$tmp/one.db" | cmp - "$tmp/one.dump"

# three runs over parts of the input give the store of one run
head -20 data/sample/feed.jsonl > "$tmp/a.jsonl"
tail -n +21 data/sample/feed.jsonl > "$tmp/b.jsonl"
"$bin" run -q --db "$tmp/parts.db" "$tmp/a.jsonl"
"$bin" run -q --db "$tmp/parts.db" "$tmp/a.jsonl" "$tmp/b.jsonl"
"$bin" run -q --db "$tmp/parts.db" data/sample/txt
dump "$tmp/parts.db" | cmp - "$tmp/one.dump"

# other options than the store was built with are refused
if "$bin" run -q --event-threshold=0.5 --db "$tmp/one.db" $in 2> "$tmp/err"; then
    echo "FAIL: other options accepted"; exit 1
fi
grep -q "built with other options" "$tmp/err"

# search: known words, filters, formats
db="$tmp/one.db"
"$bin" search --db "$db" Marchetti > "$tmp/hits"
python3 - "$tmp/hits" <<'PY'
import json, sys
hits = [json.loads(l) for l in open(sys.argv[1])]
assert len(hits) >= 5, len(hits)
assert all('[Marchetti]' in h['snippet'] or 'Marchetti' in (h['title'] or '') for h in hits)
assert all(h['story'] == 'ps-fb-bid1' for h in hits), [h['story'] for h in hits]
assert [h['score'] for h in hits] == sorted(h['score'] for h in hits)
PY
[ "$("$bin" search --db "$db" --source="Pitchside Report" marchetti | wc -l)" -ge 1 ]
"$bin" search --db "$db" --source="Pitchside Report" marchetti | grep -v '"source": "Pitchside Report"' && exit 1
# documents read from txt/<outlet>/ carry their outlet (the name a JSONL
# source spells the folder with) and the filter finds them
"$bin" search --db "$db" --source="Pitchside Report" --limit=100 marchetti |
    grep -q '"id": "pitchside-report/marchetti-scores-on-debut", "source": "Pitchside Report"'
"$bin" search --db "$db" --source="Valley Courier" --limit=100 levee |
    grep -q '"id": "valley-courier/levee-gives-way-at-millbrook", "source": "Valley Courier"'
"$bin" search --db "$db" --entity="Lidia Varga" Marchetti | wc -l | grep -qx 0
[ "$("$bin" search --db "$db" --entity="Lidia Varga" election | wc -l)" -ge 3 ]
"$bin" search --db "$db" --from=2025-02-01 --to=2025-02-28 --limit=100 Marchetti |
    python3 -c 'import json,sys; d=[json.loads(l)["date"] for l in sys.stdin]; assert d and all("2025-02-01" <= x <= "2025-02-28" for x in d), d'
"$bin" search --db "$db" --limit=2 port | wc -l | grep -qx 2
"$bin" search --db "$db" --fts 'Marchetti NOT Westhaven' | wc -l | grep -qx 0
"$bin" search --db "$db" --format=table --mark='<<,>>' Marchetti | grep -q '<<Marchetti>>'
"$bin" search --db "$db" "Marchetti's" > /dev/null
echo "run_sample: ok"

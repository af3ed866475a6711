#!/usr/bin/env bash
# The demo: run storyline on the sample corpus that ships in data/sample and
# show what it found.  Called by `make demo`.
set -eu
bin=${1:-build/storyline}
sample=data/sample
# The articles; truth.jsonl and events.jsonl beside them are the answers.
inputs=("$sample/feed.jsonl" "$sample/txt")
out=${TMPDIR:-/tmp}/storyline-demo
mkdir -p "$out"

echo "== storyline $("$bin" --version | cut -d' ' -f2): cleaning the sample corpus ($sample)"
echo
"$bin" clean "${inputs[@]}" > "$out/clean.jsonl"
"$bin" clean --summary "${inputs[@]}"
echo
echo "== one cleaned document, with what was taken out (full output: $out/clean.jsonl)"
python3 - "$out/clean.jsonl" <<'PY'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
# Show the document with the most repairs and removals.
doc = max(docs, key=lambda d: (len(d.get("repairs", [])) + len(d.get("removed", [])), d["id"]))
print(f"id:       {doc['id']}")
print(f"title:    {doc.get('title', '')}")
print(f"byline:   {doc.get('byline', '')}")
for c in doc.get("captions", []):
    print(f"caption:  {c['text'][:100]}")
for r in doc.get("repairs", [])[:5]:
    print(f"repair:   {r['from']!r} -> {r['to']!r} ({r['kind']}, bytes {r['start']}-{r['end']})")
for r in doc.get("removed", []):
    print(f"removed:  {r['reason']:<14} bytes {r['start']}-{r['end']}")
text = doc["text"]
print("text:     " + text[:400].replace("\n", "\n          ") + ("..." if len(text) > 400 else ""))
PY
echo
echo "== duplicates: copies, versions and contained briefs ($out/dedup.jsonl)"
echo
"$bin" clean "${inputs[@]}" | "$bin" dedup > "$out/dedup.jsonl"
"$bin" dedup --summary "$out/clean.jsonl"
echo
python3 - "$out/dedup.jsonl" <<'PY'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
clusters = {}
for d in docs:
    clusters.setdefault(d["dup"]["cluster"], []).append(d)
for cid, members in clusters.items():
    if len(members) < 2:
        continue
    print(f"cluster {cid}")
    for d in members:
        dup = d["dup"]
        link = f"{dup['relation']} of {dup['of']} ({dup['similarity']})" if dup["of"] else "first"
        print(f"  {d['id']:<45} {d.get('source', ''):<22} {link}")
PY
echo
echo "== stories and their events ($out/stories.jsonl)"
echo
"$bin" stories --summary "$out/dedup.jsonl" > "$out/stories.jsonl"
python3 - "$out/stories.jsonl" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
events = {l["id"]: l for l in lines if l["type"] == "event"}
for s in (l for l in lines if l["type"] == "story"):
    span = f"{s['first']} .. {s['last']}" if s["first"] else "undated"
    print(f"story {s['id']}: {s['title'][:70]}  [{span}]")
    print(f"  about: {', '.join(s['label'][:6])}")
    for eid in s["events"]:
        e = events[eid]
        when = e["first"] or "undated"
        print(f"  {when}  {e['title'][:70] or e['id']}  ({e['size']} documents)")
    print()
PY
echo
echo "== the store: storyline run, then each story's timeline ($out/store.db)"
echo
rm -f "$out/store.db" "$out/store.db-wal" "$out/store.db-shm"
"$bin" run --db "$out/store.db" "${inputs[@]}"
echo
"$bin" timeline --db "$out/store.db" --all --format=text
echo "== what each outlet adds: storyline compare on the first story (JSONL: drop --format)"
echo
first=$("$bin" timeline --db "$out/store.db" --all --format=jsonl | head -1 |
        python3 -c 'import json, sys; print(json.loads(sys.stdin.readline())["id"])')
"$bin" compare --db "$out/store.db" --format=text --items=3 "$first"

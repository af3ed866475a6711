#!/usr/bin/env bash
# timeline and compare on the sample corpus, run into a temporary store,
# checked against the corpus's own answers (data/sample/events.jsonl and
# truth.jsonl):
#  - every story's events come out in date order (undated last);
#  - each event's interval holds the true date of the event most of its
#    dated members report (all events but at most one), and the reported
#    day is that date for most events;
#  - each summary is the exact bytes of a member document at its offsets;
#  - compare lists a quote, speaker or entity found in one outlet only, for
#    every story where the truth has a speaker quoted by one outlet only;
#  - the output is the same on a second run (deterministic).
# Usage: timeline_sample.sh path/to/storyline
set -eu
bin=${1:?usage: timeline_sample.sh path/to/storyline}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" run -q --db "$dir/s.db" data/sample/feed.jsonl data/sample/txt
"$bin" timeline --db "$dir/s.db" --all > "$dir/tl.jsonl"
"$bin" timeline --db "$dir/s.db" --all > "$dir/tl2.jsonl"
cmp -s "$dir/tl.jsonl" "$dir/tl2.jsonl" || { echo "timeline output differs between runs"; exit 1; }
for s in $(sqlite3 "$dir/s.db" "SELECT id FROM stories ORDER BY story"); do
    "$bin" compare --db "$dir/s.db" "$s" >> "$dir/cmp.jsonl"
done
"$bin" timeline --db "$dir/s.db" --format=text --all > "$dir/tl.txt"
grep -q "^story " "$dir/tl.txt" || { echo "no text timeline"; exit 1; }
python3 - "$dir/s.db" "$dir/tl.jsonl" "$dir/cmp.jsonl" <<'PY'
import json, sqlite3, sys
from collections import Counter

db = sqlite3.connect(sys.argv[1])
lines = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
cmp_lines = [json.loads(l) for l in open(sys.argv[3], encoding="utf-8")]
truth = {t.get("reader_id", t["id"]): t for t in map(json.loads, open("data/sample/truth.jsonl", encoding="utf-8"))}
event_date = {e["event"]: e["date"] for e in map(json.loads, open("data/sample/events.jsonl", encoding="utf-8"))}
problems = []
texts = {doc_id: text for doc_id, text in db.execute("SELECT id, CAST(text AS BLOB) FROM documents")}

story, prev = None, None
n_events = inside = exact = 0
for l in lines:
    if l["type"] == "story":
        story, prev = l["id"], None
        continue
    n_events += 1
    key = (l["date"] is None, l["date"] or "")
    if prev is not None and key < prev:
        problems.append(f"{story}: event {l['id']} ({l['date']}) comes after a later one")
    prev = key
    members = [d for s in l["sources"] for d in s["documents"]]
    dated = {e["at"]["id"] for e in l["evidence"]}
    votes = Counter(ev for d in members if d in dated for ev in truth[d]["events"])
    if not votes:
        votes = Counter(ev for d in members for ev in truth[d]["events"])
    true_event = max(sorted(votes), key=lambda e: votes[e])
    true_day = event_date[true_event]
    if l["earliest"] and l["earliest"] <= true_day <= l["latest"]:
        inside += 1
    else:
        print(f"note: {l['id']}: true date {true_day} ({true_event}) outside {l['earliest']} .. {l['latest']}")
    exact += l["date"] == true_day
    if l["summary"] is not None:
        at = l["summary_at"]
        if at["id"] not in members:
            problems.append(f"{l['id']}: summary from {at['id']}, not a member")
        elif texts[at["id"]][at["start"]:at["end"]].decode() != l["summary"]:
            problems.append(f"{l['id']}: summary is not the bytes at its offsets")
    else:
        problems.append(f"{l['id']}: no summary")
print(f"timeline: {n_events} events; true date inside the interval: {inside}; reported day exact: {exact}")
if inside < n_events - 1:
    problems.append(f"only {inside} of {n_events} intervals hold the true date")
if exact * 2 < n_events:
    problems.append(f"only {exact} of {n_events} days are exact")

# compare: a speaker quoted by one outlet only, in the truth, means compare
# must list something only one outlet has.
outlet_of = lambda doc_id: truth[doc_id].get("source") or doc_id.split("/")[0]
story_docs = {}
for doc_id, st in db.execute("SELECT d.id, s.id FROM documents d JOIN stories s ON s.story = d.story"):
    story_docs.setdefault(st, []).append(doc_id)
adds_by_story = {}
for l in cmp_lines:
    if l["type"] == "outlet":
        adds_by_story.setdefault(l["of"], []).extend(
            a for a in l["adds"] if a["kind"] in ("quote", "speaker", "entity"))
for st, docs in sorted(story_docs.items()):
    speakers = {}
    for d in docs:
        for q in truth[d]["quotes"]:
            speakers.setdefault(q["speaker"], set()).add(outlet_of(d).lower().replace(" ", "-"))
    unique = sorted(s for s, o in speakers.items() if len(o) == 1)
    if unique and not adds_by_story.get(st):
        problems.append(f"compare {st}: truth has speakers quoted by one outlet ({unique[:3]}), compare lists nothing")
    for a in adds_by_story.get(st, []):
        t = texts[a["at"]["id"]][a["at"]["start"]:a["at"]["end"]].decode()
        if t != a["text"]:
            problems.append(f"compare {st}: item text is not the bytes at its offsets")
            break
print(f"compare: {sum(len(v) for v in adds_by_story.values())} quotes, speakers and entities unique to one outlet over {len(story_docs)} stories")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY

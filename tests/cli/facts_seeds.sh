#!/usr/bin/env bash
# Facts of the seed articles (../shared/seeds): a quote attributed to Dmitry
# Peskov in 000, "Vladimir Putin" a person everywhere he is named in full,
# the short "Putin" mapped to him, and time expressions found.  Skips (77)
# when ../shared is absent.  Usage: facts_seeds.sh path/to/storyline
set -eu
bin=${1:?usage: facts_seeds.sh path/to/storyline}
seeds=${SL_SHARED_DIR:-../shared}/seeds
if [ ! -d "$seeds" ]; then
    echo "skip: $seeds not found"
    exit 77
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" facts "$seeds" > "$out"
python3 - "$out" <<'PY'
import json, sys
docs = {d["id"]: d for d in map(json.loads, open(sys.argv[1], encoding="utf-8"))}
ok = True
def check(cond, what):
    global ok
    print(("ok   " if cond else "FAIL ") + what)
    ok = ok and cond
d0 = next(d for i, d in docs.items() if i.startswith("000"))
check(any(q["speaker"] == "Dmitry Peskov" for q in d0["quotes"]), "000: a quote by Dmitry Peskov")
for d in docs.values():
    text = d["text"].encode("utf-8")
    for e in d["entities"]:
        if text[e["start"]:e["end"]] != e["text"].encode("utf-8"):
            check(False, f"{d['id']}: entity offsets match its text")
ents = [e for d in docs.values() for e in d["entities"]]
full = [e for e in ents if e["text"] == "Vladimir Putin"]
check(full and all(e["type"] == "PER" and e["canonical"] == "Vladimir Putin" for e in full),
      "\"Vladimir Putin\" is a person, canonical \"Vladimir Putin\"")
check(any(e["text"] == "Putin" and e["canonical"] == "Vladimir Putin" for e in ents),
      "\"Putin\" alone maps to \"Vladimir Putin\"")
check(any(e["canonical"] == "Xi Jinping" and e["text"] != "Xi Jinping" for e in ents),
      "a short mention maps to \"Xi Jinping\"")
check(sum(len(d["timex"]) for d in docs.values()) >= 5, "time expressions found")
check(all("published" in d for d in docs.values()), "every document has \"published\"")
sys.exit(0 if ok else 1)
PY

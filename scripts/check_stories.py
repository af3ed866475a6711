#!/usr/bin/env python3
"""Check `storyline stories` output against expected events and stories.

  check_stories.py sample OUT.jsonl [MIN_EVENT_F1]
      the sample corpus: stories must match data/sample/truth.jsonl exactly
      (B-cubed F1 1.0); events must reach MIN_EVENT_F1 B-cubed F1 (default 0.8)
  check_stories.py seeds OUT.jsonl
      the seed articles: one story; 000 and 001 in one event

Prints the scores, one line per problem, and exits 1 if there is any.
"""
import json
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def bcubed(gold, pred):
    """B-cubed precision, recall and F1 of pred against gold (dicts id -> cluster)."""
    ids = list(gold)
    def members(assign):
        groups = {}
        for i in ids:
            groups.setdefault(assign[i], set()).add(i)
        return {i: groups[assign[i]] for i in ids}
    g, p = members(gold), members(pred)
    prec = sum(len(g[i] & p[i]) / len(p[i]) for i in ids) / len(ids)
    rec = sum(len(g[i] & p[i]) / len(g[i]) for i in ids) / len(ids)
    return prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def check_sample(out, min_event_f1):
    truth = {t.get("reader_id", t["id"]): t for t in load("data/sample/truth.jsonl")}
    problems = []
    missing = [d["id"] for d in out if d["id"] not in truth]
    if missing or len(out) != len(truth):
        problems.append(f"documents: {len(out)} written, {len(truth)} expected; unknown {missing[:5]}")
        return problems
    gold_event = {d["id"]: (truth[d["id"]]["events"] or ["alone:" + d["id"]])[0] for d in out}
    gold_story = {d["id"]: truth[d["id"]]["story"] for d in out}
    event = {d["id"]: d["story"]["event"] for d in out}
    story = {d["id"]: d["story"]["story"] for d in out}
    ep, er, ef = bcubed(gold_event, event)
    sp, sr, sf = bcubed(gold_story, story)
    print(f"events: B-cubed P {ep:.4f} R {er:.4f} F1 {ef:.4f}")
    print(f"stories: B-cubed P {sp:.4f} R {sr:.4f} F1 {sf:.4f}")
    if sf < 1.0:
        problems.append(f"stories: B-cubed F1 {sf:.4f}, expected 1.0")
    if ef < min_event_f1:
        problems.append(f"events: B-cubed F1 {ef:.4f}, expected at least {min_event_f1}")
    return problems


def check_seeds(out):
    by = {d["id"][:3]: d["story"] for d in out}
    problems = []
    if sorted(by) != ["000", "001", "002", "003", "004"]:
        return [f"expected the five seeds, got {sorted(by)}"]
    if len({s["story"] for s in by.values()}) != 1:
        problems.append("seeds: expected one story, got " + str({k: v["story"] for k, v in by.items()}))
    if by["000"]["event"] != by["001"]["event"]:
        problems.append("seeds: 000 and 001 should be one event")
    return problems


def main(argv):
    if len(argv) < 3 or argv[1] not in ("sample", "seeds"):
        print(__doc__, file=sys.stderr)
        return 2
    out = load(argv[2])
    problems = (check_sample(out, float(argv[3]) if len(argv) > 3 else 0.8)
                if argv[1] == "sample" else check_seeds(out))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

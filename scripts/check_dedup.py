#!/usr/bin/env python3
"""Check `storyline dedup` output against expected relations.

  check_dedup.py sample OUT.jsonl    every document of the sample corpus has
                                     the relation and "of" of data/sample/truth.jsonl
  check_dedup.py seeds OUT.jsonl     the seed articles: 001 is a revision of 000
                                     (one cluster), 002, 003 and 004 are unique

Prints one line per document that disagrees and exits 1 if any does.
"""
import json
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def expected_sample(root):
    truth = {}
    for t in load(root + "/truth.jsonl"):
        dup = t.get("dup") or {}
        truth[t.get("reader_id", t["id"])] = (dup.get("relation") or "unique", dup.get("of"))
    return truth


def expected_seeds(out):
    ids = sorted(d["id"] for d in out)
    if len(ids) != 5:
        sys.exit("expected the 5 seed articles, got %d documents" % len(ids))
    want = {i: ("unique", None) for i in ids}
    want[ids[1]] = ("revision", ids[0])
    return want


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("sample", "seeds"):
        sys.exit(__doc__)
    out = load(sys.argv[2])
    want = expected_sample("data/sample") if sys.argv[1] == "sample" else expected_seeds(out)
    bad = 0
    clusters = {}
    for d in out:
        got = (d["dup"]["relation"], d["dup"]["of"])
        clusters.setdefault(d["dup"]["cluster"], []).append(d["id"])
        exp = want.get(d["id"])
        if exp is None:
            print("unexpected document", d["id"])
            bad += 1
        elif got != exp:
            print("%s: expected %s of %s, got %s of %s" % (d["id"], exp[0], exp[1], got[0], got[1]))
            bad += 1
    # every related document shares its target's cluster
    cluster_of = {d["id"]: d["dup"]["cluster"] for d in out}
    for d in out:
        of = d["dup"]["of"]
        if of is not None and cluster_of.get(of) != cluster_of[d["id"]]:
            print("%s and %s are related but in different clusters" % (d["id"], of))
            bad += 1
    print("%d documents, %d clusters, %d disagreements" % (len(out), len(clusters), bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()

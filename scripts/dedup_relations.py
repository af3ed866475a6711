#!/usr/bin/env python3
"""Per-relation agreement of `storyline dedup --pairs` with a gold pairs file.

  dedup_relations.py GOLD_PAIRS.jsonl PRED_PAIRS.jsonl

GOLD_PAIRS lines are {"a", "b", "relation"} (relation "distinct" means a
pair that must not be reported); PRED_PAIRS is the --pairs output.  Prints a
confusion table gold relation x predicted relation ("-" = not reported) and
the pairs that disagree.
"""
import collections
import json
import sys


def pairs(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                p = json.loads(line)
                out[frozenset((p["a"], p["b"]))] = p["relation"]
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    gold, pred = pairs(sys.argv[1]), pairs(sys.argv[2])
    table = collections.Counter()
    for k in set(gold) | set(pred):
        table[(gold.get(k, "-"), pred.get(k, "-"))] += 1
    for (g, p), n in sorted(table.items()):
        print("gold %-10s predicted %-10s %5d" % (g, p, n))
    for k in sorted(set(gold) | set(pred), key=sorted):
        g, p = gold.get(k, "-"), pred.get(k, "-")
        if g != p and not (g in ("distinct", "-") and p == "-"):
            print("differs:", " ".join(sorted(k)), "gold", g, "predicted", p)


if __name__ == "__main__":
    main()

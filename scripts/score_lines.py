#!/usr/bin/env python3
"""Score `storyline clean` line classification against the sample corpus truth.

usage: score_lines.py SAMPLE_DIR CLEAN_OUTPUT.jsonl [--check]

For every non-blank line of every raw article, the truth (truth.jsonl,
field "lines") says what it is: body, title, byline, caption or
boilerplate:<reason>.  The cleaner's output says which raw byte ranges it
removed and why.  Prints how each kind of line was treated and the headline
figures; with --check, exits 1 unless no body line was removed and at least 90% of
boilerplate was.
"""
import json
import os
import sys
from collections import Counter, defaultdict


def raw_texts(sample):
    """id used by the reader -> raw text bytes, as the cleaner saw them."""
    texts = {}
    with open(os.path.join(sample, "feed.jsonl"), encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            texts[rec["id"]] = rec["text"].encode("utf-8")
    txt_root = os.path.join(sample, "txt")
    for root, _, files in os.walk(txt_root):
        for name in files:
            if name.endswith(".txt"):
                path = os.path.join(root, name)
                rid = os.path.relpath(path, txt_root)[: -len(".txt")]
                with open(path, "rb") as f:
                    texts[rid] = f.read()
    return texts


def line_spans(raw):
    spans, start = [], 0
    while start <= len(raw):
        end = raw.find(b"\n", start)
        if end < 0:
            end = len(raw)
        spans.append((start, end))
        start = end + 1
    if spans and spans[-1][0] == len(raw) and raw.endswith(b"\n"):
        spans.pop()
    return spans


def treatment(doc, start, end):
    """What the cleaner did with raw bytes [start, end): its removal reason
    (title, caption, navigation, ...) or "kept"."""
    for r in doc.get("removed", []):
        if r["start"] < end and start < r["end"]:
            return r["reason"]
    for c in doc.get("captions", []):
        if c["start"] < end and start < c["end"]:
            return "caption"
    return "kept"


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sample, output = sys.argv[1], sys.argv[2]
    check = "--check" in sys.argv[3:]
    texts = raw_texts(sample)
    out = {}
    with open(output, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            out[doc["id"]] = doc

    table = defaultdict(Counter)
    missing = 0
    for line in open(os.path.join(sample, "truth.jsonl"), encoding="utf-8"):
        truth = json.loads(line)
        rid = truth.get("reader_id") or truth["id"]
        if rid not in out or rid not in texts:
            missing += 1
            continue
        spans = line_spans(texts[rid])
        if len(spans) != len(truth["lines"]):
            print(f"{rid}: {len(spans)} raw lines but {len(truth['lines'])} labels", file=sys.stderr)
            missing += 1
            continue
        for (start, end), label in zip(spans, truth["lines"]):
            if label != "blank":
                table[label][treatment(out[rid], start, end)] += 1

    print(f"{'truth':<28} {'lines':>5}  treated as")
    for label in sorted(table):
        counts = table[label]
        detail = ", ".join(f"{k} {v}" for k, v in counts.most_common())
        print(f"{label:<28} {sum(counts.values()):>5}  {detail}")

    body = table["body"]
    body_removed = sum(v for k, v in body.items() if k != "kept")
    boiler = Counter()
    for label, counts in table.items():
        if label.startswith("boilerplate:"):
            boiler.update(counts)
    boiler_total = sum(boiler.values())
    boiler_removed = boiler_total - boiler["kept"]
    title = table["title"]
    recall = boiler_removed / boiler_total if boiler_total else 1.0
    print(f"lines.body_removed {body_removed} of {sum(body.values())}")
    print(f"lines.boilerplate_removed {recall:.3f} ({boiler_removed} of {boiler_total})")
    print(f"lines.titles_found {title['title']} of {sum(title.values())}")
    print(f"lines.captions_found {table['caption']['caption']} of {sum(table['caption'].values())}")
    if missing:
        print(f"{missing} articles missing from the output", file=sys.stderr)
    if check and (body_removed or missing or recall < 0.9):
        sys.exit(1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Print every row of every table of a storyline store, in a fixed order,
so that two stores can be compared with cmp.  What a run records about
itself (when it started and finished, the names of its inputs) differs
between layouts by nature and is left out: the runs table's times and
inputs, and nothing else."""
import sqlite3
import sys

SKIP_COLUMNS = {"runs": {"started", "finished", "inputs"}}


def dump(path, out):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    for t in tables:
        cols = [r[1] for r in db.execute("PRAGMA table_info(%s)" % t)]
        keep = [c for c in cols if c not in SKIP_COLUMNS.get(t, set())]
        if not keep:
            continue
        out.write("== %s (%s)\n" % (t, ", ".join(keep)))
        q = "SELECT %s FROM %s ORDER BY %s" % (
            ", ".join('"%s"' % c for c in keep), t, ", ".join('"%s"' % c for c in keep))
        for row in db.execute(q):
            out.write(repr(row) + "\n")
    db.close()


if __name__ == "__main__":
    dump(sys.argv[1], sys.stdout)

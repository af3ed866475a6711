#!/usr/bin/env python3
"""Build the sample corpus in data/sample/ from the hand-written articles in
data/sample/src/*.md.

Everything in the corpus is invented and was written for this project.  The
source files hold clean articles; this script lays them out the way each
invented outlet would publish them (navigation, bylines, captions, share and
newsletter prompts, copyright lines), derives the copies (exact, near,
contained, mojibake) listed in DERIVED below, and writes:

  feed.jsonl               most articles, one JSON object a line
  txt/<outlet>/<id>.txt    articles as plain text files (one in cp1252 bytes,
                           one with CRLF line ends)
  truth.jsonl              what every stage should find, one line per article
  events.jsonl             the stories and their dated events

Output is deterministic: running the script twice gives identical bytes.

Usage: python3 scripts/make_sample.py [--check]
  --check  rebuild in memory and exit 1 if the committed files differ.
"""
import json
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "sample")
ROOT = os.path.normpath(ROOT)
SRC = os.path.join(ROOT, "src")

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]

# Private-use markers put around quote contents while rendering, so the
# quotes can be found again after typography has changed the quote marks.
Q_OPEN, Q_CLOSE = "\ue000", "\ue001"

# ---------------------------------------------------------------------------
# Outlets.  Boilerplate lines carry a kind "boilerplate:<reason>" in the truth;
# reasons follow src/clean/lines.h where one fits.

OUTLETS = {
    "harbor-wire": dict(
        name="Harbor Wire", domain="harborwire.example", typo=False,
        title_in_text=False, blank_between=True, tz="Z"),
    "harbor-ledger": dict(
        name="Harbor Ledger", domain="harborledger.example", typo=True,
        title_in_text=True, blank_between=True, tz="+01:00"),
    "northgate-times": dict(
        name="Northgate Times", domain="northgatetimes.example", typo=True,
        title_in_text=True, blank_between=False, tz="-05:00"),
    "valley-courier": dict(
        name="Valley Courier", domain="valleycourier.example", typo=False,
        title_in_text=True, blank_between=True, tz="-04:00"),
    "meridian-business-daily": dict(
        name="Meridian Business Daily", domain="meridianbiz.example", typo=True,
        title_in_text=True, blank_between=True, tz=None),
    "pitchside-report": dict(
        name="Pitchside Report", domain="pitchside.example", typo=True,
        title_in_text=True, blank_between=True, tz="Z"),
    "estmark-observer": dict(
        name="Estmark Observer", domain="estmarkobserver.example", typo=True,
        title_in_text=True, blank_between=True, tz="+02:00"),
    "coastline-post": dict(
        name="Coastline Post", domain="coastlinepost.example", typo=False,
        title_in_text=False, blank_between=True, tz=""),
    "daily-feed-digest": dict(
        name="Daily Feed Digest", domain="dailyfeeddigest.example", typo=False,
        title_in_text=False, blank_between=True, tz="Z"),
    "newsmirror-hub": dict(
        name="NewsMirror Hub", domain="newsmirror-hub.example", typo=False,
        title_in_text=True, blank_between=True, tz="Z"),
}

# Outlets whose feed records carry the headline as a "title" field too.
# Coastline Post reposts wire copy with no headline at all.
TITLE_FIELD_OUTLETS = ("harbor-wire", "daily-feed-digest",
                       "meridian-business-daily", "estmark-observer")

SPAM_TITLES = [
    "10 Secrets Harbour Towns Don't Want You To Know",
    "You Won't Believe What This Footballer Eats For Breakfast",
    "Best Cheap Flights Deals This Week (Updated Daily)",
]

COMMENT_FORM = [
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Comment *",
    "Name *",
    "Email *",
    "Website",
    "Save my name, email, and website in this browser for the next time I comment.",
    "Post Comment",
]

# ---------------------------------------------------------------------------
# Derived articles: copies of the hand-written ones.
#   exact      the same body; with no outlet of its own (raw copy) the same text
#   near       re-posted by another outlet with small edits
#   contained  a short item made of a passage (paragraphs a..b) of a longer one
# `mojibake` garbles the final text: cp1252 (UTF-8 read as cp1252), cp874,
# cp1252x2 (done twice), cp1252-partial (only the listed lines, 1-based).

DERIVED = [
    dict(id="cp-port-walkout", kind="exact", of="hw-port-walkout",
         outlet="coastline-post", date="2025-01-20 16:20", raw=True),
    dict(id="vc-port-walkout", kind="near", of="hw-port-walkout",
         outlet="valley-courier", date="2025-01-20 18:05", lang="en",
         title="Dockworkers walk out, Portvale port grinds to a halt",
         section="Business", byline=None,
         edits=[("About 2,300 dockworkers walked off", "Some 2,300 dockworkers walked off"),
                ("according to the Portvale Port Authority", "the Portvale Port Authority said")],
         drop=[9]),
    dict(id="nm-port-ships", kind="exact", of="ng-port-ships",
         outlet="newsmirror-hub", date="2025-01-29 03:12", category="Business",
         mojibake="cp1252", lang="en"),
    dict(id="port-deal-brief", kind="contained", of="hw-port-deal-v2",
         outlet="valley-courier", date="2025-03-05 06:30", paras=(1, 4),
         title="IN BRIEF: Deal could end Portvale port strike", section="Business",
         byline="Valley Courier staff and wire reports", where="txt"),
    dict(id="cp-flood-evac", kind="exact", of="hw-flood-evac",
         outlet="coastline-post", date="2025-04-03 15:40", raw=True),
    dict(id="dd-flood-evac", kind="exact", of="hw-flood-evac",
         outlet="daily-feed-digest", date="2025-04-03 17:02", raw=True,
         mojibake="cp874", published=False),
    dict(id="in-brief-flood-inquiry", kind="contained", of="vc-flood-inquiry",
         outlet="northgate-times", date="2025-04-23 06:00", paras=(1, 3),
         title="In brief: Minister orders Ashby flood inquiry", section="Region",
         byline=None, where="txt"),
    dict(id="ng-merger-announce", kind="near", of="hw-merger-announce",
         outlet="northgate-times", date="2025-02-10 17:30", section="Business",
         title="Northgate's Corvant to buy Lumera Labs for $4.2 billion", byline=None,
         edits=[("Cloud software company Corvant Systems",
                 "Northgate-based cloud software company Corvant Systems"),
                ("in early afternoon trading in Northgate", "in early afternoon trading")],
         drop=[7]),
    dict(id="dd-merger-approve", kind="exact", of="mb-merger-approve",
         outlet="daily-feed-digest", date="2025-05-07 02:15", raw=True,
         mojibake="cp1252x2"),
    dict(id="dd-elec-round1", kind="exact", of="eo-elec-round1",
         outlet="daily-feed-digest", date="2025-04-07 23:50", raw=True,
         mojibake="cp1252-partial", mojibake_lines=(11, 19)),
    dict(id="cp-elec-runoff", kind="exact", of="hw-elec-runoff",
         outlet="coastline-post", date="2025-04-21 11:00", raw=True, lang="en"),
    dict(id="ng-elec-runoff", kind="near", of="hw-elec-runoff",
         outlet="northgate-times", date="2025-04-21 09:15", section="World",
         title="Varga elected president of Estmark in run-off", byline=None,
         edits=[("won Estmark's presidential run-off", "has won Estmark's presidential run-off"),
                ("52.8% of the vote", "52.8 percent of the vote"),
                ("47.2% for", "47.2 percent for"),
                ("Turnout was 71%.", "Turnout was 71 percent.")],
         drop=[8]),
    dict(id="cp-recall-announce", kind="exact", of="hw-recall-announce",
         outlet="coastline-post", date="2025-03-11 14:45", raw=True),
    dict(id="vc-recall-brief", kind="contained", of="hw-recall-announce",
         outlet="valley-courier", date="2025-03-12 07:00", paras=(1, 4),
         title="Blood pressure drug recalled", section="Health", byline=None),
    dict(id="nm-fb-deal", kind="near", of="hw-fb-deal",
         outlet="newsmirror-hub", date="2025-02-01 04:40", category="Sport",
         title="DEADLINE DAY: Westhaven Sign Marchetti!!",
         edits=[("Westhaven Athletic signed striker", "Westhaven Athletic have signed striker"),
                ("the clubs said, completing", "the clubs confirmed, completing")],
         drop=[7]),
]

# ---------------------------------------------------------------------------
# Reading the source files.


def parse_src(path):
    """Return (story, articles) from one src/*.md file."""
    story = dict(events=[], entities=[])
    articles = []
    cur = None
    in_body = False
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for raw in lines:
        line = raw.rstrip()
        if line.startswith("=== "):
            cur = dict(id=line[4:].strip(), body=[], story=story.get("id"))
            articles.append(cur)
            in_body = False
            continue
        if cur is None:
            if line.startswith("@story "):
                sid, title = [x.strip() for x in line[7:].split("|", 1)]
                story["id"], story["title"] = sid, title
            elif line.startswith("@event "):
                eid, date, summary = [x.strip() for x in line[7:].split("|", 2)]
                story["events"].append(dict(event=eid, date=date, summary=summary))
            elif line.startswith("@entity "):
                parts = [x.strip() for x in line[8:].split("|")]
                story["entities"].append(dict(type=parts[0], canonical=parts[1],
                                              aliases=[parts[1]] + parts[2:]))
            continue
        if not in_body:
            if line == "---":
                in_body = True
            elif line:
                key, val = line.split(":", 1)
                cur[key.strip()] = val.strip()
            continue
        if line:
            cur["body"].append(line)
    return story, articles


def load_sources():
    stories, articles = [], {}
    for name in sorted(os.listdir(SRC)):
        if not name.endswith(".md"):
            continue
        story, arts = parse_src(os.path.join(SRC, name))
        stories.append(story)
        for a in arts:
            assert a["id"] not in articles, a["id"]
            articles[a["id"]] = a
    return stories, articles


def body_items(art, articles):
    """The article's body as [("p"|"caption", text)], with @include expanded."""
    items = []
    for line in art["body"]:
        if line.startswith("@caption "):
            items.append(("caption", line[9:]))
        elif line.startswith("@include "):
            _, base, rng = line.split()
            a, _, b = rng.partition("-")
            paras = [t for k, t in body_items(articles[base], articles) if k == "p"]
            items.extend(("p", t) for t in paras[int(a) - 1:int(b or a)])
        else:
            items.append(("p", line))
    return items

# ---------------------------------------------------------------------------
# Text helpers.


QUOTE_MARK = re.compile(r'"([^"{}]+)"\{([^}]+)\}')


def mark_quotes(text):
    """Turn '"words,"{Speaker}' into '"<open>words,<close>"' and list speakers."""
    speakers = []

    def repl(m):
        speakers.append(m.group(2))
        return '"' + Q_OPEN + m.group(1) + Q_CLOSE + '"'
    return QUOTE_MARK.sub(repl, text), speakers


def typography(text, typo):
    """Curly quotes and em dashes for outlets that use them; en dashes else."""
    if not typo:
        return text.replace(" -- ", " \u2013 ")
    text = text.replace(" -- ", " \u2014 ")
    out = []
    for i, c in enumerate(text):
        prev = text[i - 1] if i else " "
        opening = prev.isspace() or prev in "([\u2014\u2013"
        if c == '"':
            out.append("\u201c" if opening else "\u201d")
        elif c == "'":
            out.append("\u2018" if opening else "\u2019")
        else:
            out.append(c)
    return "".join(out)


def take_quotes(text, speakers):
    """Remove the quote markers; return (text, [{"content", "speaker"}])."""
    quotes = []
    for sp in speakers:
        a = text.index(Q_OPEN)
        b = text.index(Q_CLOSE)
        quotes.append(dict(content=text[a + 1:b], speaker=sp))
        text = text[:a] + text[a + 1:b] + text[b + 1:]
    assert Q_OPEN not in text and Q_CLOSE not in text
    return text, quotes


def long_date(d):
    y, m, dd = d.split("-")
    return "%s %d, %s" % (MONTHS[int(m) - 1], int(dd), y)


def clock(t):
    h, m = [int(x) for x in t.split(":")]
    return "%d:%02d %s" % ((h - 1) % 12 + 1, m, "a.m." if h < 12 else "p.m.")


def sloppy_decode(data, codec):
    """Decode single-byte text, C1 controls for undefined 0x80-0x9F bytes."""
    out = []
    for b in data:
        try:
            out.append(bytes([b]).decode(codec))
        except UnicodeDecodeError:
            assert 0x80 <= b <= 0x9F, (codec, hex(b))
            out.append(chr(b))
    return "".join(out)


def garble(text, kind):
    if kind == "cp1252":
        return sloppy_decode(text.encode("utf-8"), "cp1252")
    if kind == "cp874":
        return sloppy_decode(text.encode("utf-8"), "cp874")
    if kind == "cp1252x2":
        return garble(garble(text, "cp1252"), "cp1252")
    raise ValueError(kind)

# ---------------------------------------------------------------------------
# Layout: an article becomes [(line, kind)].


def paragraph_lines(items, typo, blank_between, dateline, advert_after=None):
    """Body lines plus the clean paragraphs, captions and quotes."""
    lines, paras, captions, quotes = [], [], [], []
    n_p = 0
    for kind, text in items:
        if kind == "p" and n_p == 0 and dateline:
            text = dateline + text
        marked, speakers = mark_quotes(text)
        text, qs = take_quotes(typography(marked, typo), speakers)
        if lines and blank_between:
            lines.append(("", "blank"))
        if kind == "caption":
            lines.append((text, "caption"))
            captions.append(text)
        else:
            n_p += 1
            lines.append((text, "body"))
            paras.append(text)
            quotes.extend(qs)
            if advert_after == n_p:
                lines.append(("", "blank") if blank_between else None)
                lines.append(("Advertisement", "boilerplate:advert"))
    return [x for x in lines if x], paras, captions, quotes


def layout(doc):
    """Lay out one article for its outlet.  `doc` has outlet, title, byline,
    dateline, credit, items, typo, date, time, section, stamp, orig_outlet."""
    o = OUTLETS[doc["outlet"]]
    oid = doc["outlet"]
    typo = doc["typo"]
    blank = o["blank_between"]
    sec = (doc.get("section") or "News").split("/")
    title = typography(doc["title"], typo) if doc.get("title") else None
    byline = None
    head, tail = [], []
    if oid == "harbor-ledger":
        head.append(("Home > %s" % " > ".join(sec), "boilerplate:navigation"))
        head += [(title, "title"), ("", "blank")]
        if doc.get("byline"):
            byline = "By %s, Harbor Ledger" % doc["byline"]
            head.append((byline, "byline"))
        if doc.get("stamp") == "yes":
            head.append(("Published %s, %s" % (long_date(doc["date"]), clock(doc["time"])),
                         "boilerplate:timestamp"))
        head.append(("", "blank"))
        tail = [("", "blank"),
                ("Share this article: Facebook | X | Email | Print", "boilerplate:share"),
                ("Sign up for The Morning Ledger, our free newsletter of Portvale news, "
                 "delivered every weekday.", "boilerplate:subscribe"),
                ("\u00a9 2025 Harbor Ledger Media Group. All rights reserved.",
                 "boilerplate:signature")]
    elif oid == "northgate-times":
        head.append(("Sections: News | %s | Opinion | Sport | Obituaries" % sec[0],
                     "boilerplate:navigation"))
        head.append((title, "title"))
        if doc.get("byline"):
            byline = "By %s | Northgate Times" % doc["byline"]
            head.append((byline, "byline"))
        tail = [("Subscribe today: unlimited digital access to the Northgate Times for $1 a week.",
                 "boilerplate:subscribe"),
                ("Copyright \u00a9 2025 The Northgate Times Company. All rights reserved.",
                 "boilerplate:signature")]
    elif oid == "valley-courier":
        head.append(("News / Local / %s" % sec[0], "boilerplate:navigation"))
        head += [("", "blank"), (title, "title")]
        if doc.get("byline"):
            byline = doc["byline"] if " staff" in doc["byline"] else "By %s, Valley Courier" % doc["byline"]
            head.append((byline, "byline"))
        head.append(("", "blank"))
        tail = [("", "blank"),
                ("Get the Courier's morning headlines in your inbox. Sign up here.",
                 "boilerplate:subscribe"),
                ("Comments are closed.", "boilerplate:comment-form")]
    elif oid == "meridian-business-daily":
        head += [(title, "title"), ("", "blank")]
        if doc.get("byline"):
            byline = "%s \u00b7 Meridian Business Daily" % doc["byline"]
            head.append((byline, "byline"))
        words = sum(len(t.split()) for k, t in doc["items"] if k == "p")
        head += [("Listen to this article \u00b7 %d min" % max(1, round(words / 150)),
                  "boilerplate:widget"), ("", "blank")]
        tail = [("", "blank"),
                ("Share: LinkedIn \u00b7 X \u00b7 Email \u00b7 Copy link", "boilerplate:share"),
                ("\u00a9 Meridian Business Daily 2025. Not for redistribution.",
                 "boilerplate:signature")]
    elif oid == "pitchside-report":
        head.append(("Home \u00bb Football \u00bb %s" % sec[0], "boilerplate:navigation"))
        head += [("", "blank"), (title, "title")]
        if doc.get("byline"):
            byline = "By %s" % doc["byline"]
            head.append((byline, "byline"))
        head.append(("", "blank"))
        tail = [("", "blank"),
                ("Follow Pitchside Report on X and Instagram for every transfer update.",
                 "boilerplate:share"),
                ("Pitchside Report \u00a9 2025 | Terms | Privacy", "boilerplate:signature")]
    elif oid == "estmark-observer":
        head.append(("Estmark Observer / Politics / Election 2025", "boilerplate:navigation"))
        head += [("", "blank"), (title, "title")]
        if doc.get("byline"):
            byline = "%s, Lindmoor" % doc["byline"]
            head.append((byline, "byline"))
        head.append(("", "blank"))
        tail = [("", "blank"),
                ("The Estmark Observer has been published in Lindmoor since 1921. "
                 "Support independent journalism: become a member today.", "boilerplate:subscribe"),
                ("\u00a9 2025 Estmark Observer", "boilerplate:signature")]
    elif oid == "harbor-wire":
        if doc.get("credit"):
            tail = [("", "blank"), ("(%s)" % doc["credit"], "boilerplate:signature")]
    elif oid == "newsmirror-hub":
        head.append(("Posted by admin | %s | Category: %s" % (long_date(doc["date"]),
                                                          doc.get("category", "News")),
                     "boilerplate:navigation"))
        head += [("", "blank"), (title, "title"), ("", "blank")]
        head += [("This article first appeared on %s and is mirrored here for our readers."
                  % OUTLETS[doc["orig_outlet"]]["name"], "boilerplate:mirror"), ("", "blank")]
        tail = [("", "blank"), ("Related Posts:", "boilerplate:spam-tail")]
        tail += [("\u00bb " + t, "boilerplate:spam-tail") for t in SPAM_TITLES]
        tail.append(("", "blank"))
        tail += [(t, "boilerplate:comment-form") for t in COMMENT_FORM]
    else:
        raise ValueError(oid)
    advert = 3 if oid == "meridian-business-daily" else None
    body, paras, captions, quotes = paragraph_lines(doc["items"], typo, blank,
                                                    doc.get("dateline"), advert)
    lines = head + body + tail
    title_in_text = any(k == "title" for _, k in lines)
    return dict(lines=lines, paras=paras, captions=captions, quotes=quotes,
                title=title, title_in_text=title_in_text, byline=byline)

# ---------------------------------------------------------------------------
# Building the documents.


def doc_from_source(a, articles):
    outlet = a["outlet"]
    date, _, time = a["date"].partition(" ")
    typo = OUTLETS[outlet]["typo"] if "typo" not in a else a["typo"] == "yes"
    dateline = a.get("dateline")
    if dateline:
        dateline += " - " if not dateline.endswith(" ") else ""
    doc = dict(id=a["id"], outlet=outlet, story=a["story"], date=date, time=time or "08:00",
               title=a.get("title"), byline=a.get("byline"), dateline=dateline,
               credit=a.get("credit"), section=a.get("section"), stamp=a.get("stamp"),
               typo=typo, items=body_items(a, articles),
               events=a.get("events", "").split(), mentions=a.get("mentions", "").split(),
               published=a.get("published", "yes") == "yes", where=a.get("where", "feed"),
               lang=a.get("lang"), relation=None, of=None, raw_identical=False,
               mojibake=a.get("mojibake"), mojibake_lines=None,
               file_encoding=a.get("encoding", "utf-8"), newline=a.get("newline", "lf"))
    if a.get("revision_of"):
        doc["relation"], doc["of"] = "revision", a["revision_of"]
    doc["layout"] = layout(doc)
    return doc


def doc_from_spec(spec, docs):
    base = docs[spec["of"]]
    date, _, time = spec["date"].partition(" ")
    doc = dict(base)
    doc.update(id=spec["id"], outlet=spec["outlet"], date=date, time=time,
               published=spec.get("published", True), where=spec.get("where", "feed"),
               lang=spec.get("lang"), relation=spec["kind"], of=spec["of"],
               raw_identical=bool(spec.get("raw")), mojibake=spec.get("mojibake"),
               mojibake_lines=spec.get("mojibake_lines"),
               file_encoding="utf-8", newline="lf", orig_outlet=base["outlet"],
               category=spec.get("category"))
    if spec.get("raw"):
        doc["layout"] = base["layout"]
        return doc
    items = list(base["items"])
    if spec["kind"] == "contained":
        a, b = spec["paras"]
        paras = [t for k, t in items if k == "p"]
        items = [("p", t) for t in paras[a - 1:b]]
        if a > 1:
            doc["dateline"] = None
    if spec["kind"] == "near":
        n, kept = 0, []
        for k, t in items:
            if k == "p":
                n += 1
                if n in spec.get("drop", []):
                    continue
                for old, new in spec.get("edits", []):
                    if old in t:
                        t = t.replace(old, new)
            kept.append((k, t))
        for old, _ in spec.get("edits", []):
            assert any(old in t for _, t in items), (spec["id"], old)
        items = kept
    doc["items"] = items
    for key in ("title", "section", "byline"):
        if key in spec:
            doc[key] = spec[key]
    doc["layout"] = layout(doc)
    return doc


def entity_mentions(text, entities):
    """[{canonical, type, mentions}] for the story's entities found in text."""
    found = []
    taken = [False] * len(text)
    aliases = sorted(((al, e) for e in entities for al in e["aliases"]),
                     key=lambda x: (-len(x[0]), x[0]))
    counts = {}
    for al, e in aliases:
        for m in re.finditer(r"(?<![\w])%s(?![\w])" % re.escape(al), text):
            if any(taken[m.start():m.end()]):
                continue
            for i in range(m.start(), m.end()):
                taken[i] = True
            counts[e["canonical"]] = counts.get(e["canonical"], 0) + 1
    for e in entities:
        if e["canonical"] in counts:
            found.append(dict(canonical=e["canonical"], type=e["type"],
                              mentions=counts[e["canonical"]]))
    return found


def final_text(doc):
    """The text as published (before file encoding), and the clean version."""
    lines = [t for t, _ in doc["layout"]["lines"]]
    clean = "\n".join(lines)
    if doc["mojibake"] == "cp1252-partial":
        a, b = doc["mojibake_lines"]
        lines = [garble(t, "cp1252") if a <= i + 1 <= b else t for i, t in enumerate(lines)]
        text = "\n".join(lines)
    elif doc["mojibake"]:
        text = garble(clean, doc["mojibake"])
    else:
        text = clean
    assert text.count("\n") == clean.count("\n")
    return text, clean


def url_for(doc):
    o = OUTLETS[doc["outlet"]]
    y, m, d = doc["date"].split("-")
    slug = doc["id"].split("-", 1)[1] if doc["where"] == "feed" else doc["id"]
    sec = (doc.get("section") or "news").split("/")[0].lower()
    return "https://www.%s/%s/%s/%s/%s/%s" % (o["domain"], sec, y, m, d, slug)


def published_value(doc):
    tz = OUTLETS[doc["outlet"]]["tz"]
    if tz is None:
        return doc["date"]
    return "%sT%s:00%s" % (doc["date"], doc["time"], tz)


def build():
    stories, articles = load_sources()
    docs = {}
    for aid, a in articles.items():
        docs[aid] = doc_from_source(a, articles)
    for spec in DERIVED:
        assert spec["id"] not in docs, spec["id"]
        docs[spec["id"]] = doc_from_spec(spec, docs)
    story_of = {s["id"]: s for s in stories}
    order = sorted(docs.values(), key=lambda d: (d["date"], d["time"], d["id"]))

    files = {}
    feed, truth = [], []
    for doc in order:
        text, clean = final_text(doc)
        lay = doc["layout"]
        rec = dict(id=doc["id"], source=OUTLETS[doc["outlet"]]["name"], url=url_for(doc))
        # Wire copies and reposts carry the headline only as metadata.
        if lay["title"] and doc["outlet"] in TITLE_FIELD_OUTLETS:
            rec["title"] = lay["title"]
        if doc["published"]:
            rec["published"] = published_value(doc)
        if doc["lang"]:
            rec["lang"] = doc["lang"]
        rec["text"] = text
        if doc["where"] == "feed":
            feed.append(json.dumps(rec, ensure_ascii=False))
            where = "feed.jsonl"
        else:
            where = "txt/%s/%s.txt" % (doc["outlet"], doc["id"])
            body = text + "\n"
            if doc["newline"] == "crlf":
                body = body.replace("\n", "\r\n")
            files[where] = body.encode(doc["file_encoding"])
        story = story_of[doc["story"]]
        body_text = "\n".join([lay["title"] or ""] + lay["paras"])
        truth.append(dict(
            id=doc["id"], file=where,
            reader_id=("%s/%s" % (doc["outlet"], doc["id"]) if where != "feed.jsonl" else doc["id"]),
            source=OUTLETS[doc["outlet"]]["name"],
            story=doc["story"], events=doc["events"], mentions=doc["mentions"],
            date=doc["date"], published_given=rec.get("published"),
            dup=dict(relation=doc["relation"], of=doc["of"], raw_identical=doc["raw_identical"]),
            encoding=dict(mojibake=doc["mojibake"], mojibake_lines=doc["mojibake_lines"],
                          bytes=doc["file_encoding"] if where != "feed.jsonl" else "utf-8",
                          newline=doc["newline"]),
            title=(lay["title"] if lay["title_in_text"] or "title" in rec else None),
            title_in_text=lay["title_in_text"], byline=lay["byline"],
            dateline=(typography(doc["dateline"], doc["typo"]) if doc["dateline"] else None),
            lines=[k for _, k in lay["lines"]],
            captions=lay["captions"], quotes=lay["quotes"],
            entities=entity_mentions(body_text, story["entities"]),
            body=lay["paras"]))
    events = []
    for s in stories:
        for e in s["events"]:
            events.append(json.dumps(dict(story=s["id"], story_title=s["title"], **e),
                                     ensure_ascii=False))
    files["feed.jsonl"] = ("\n".join(feed) + "\n").encode("utf-8")
    files["truth.jsonl"] = ("\n".join(json.dumps(t, ensure_ascii=False) for t in truth)
                            + "\n").encode("utf-8")
    files["events.jsonl"] = ("\n".join(events) + "\n").encode("utf-8")
    check_invariants(stories, docs, order)
    return files


def check_invariants(stories, docs, order):
    """Cheap sanity checks on the corpus design."""
    for d in order:
        words = sum(len(p.split()) for p in d["layout"]["paras"])
        if d["relation"] != "contained":
            assert 150 <= words <= 600, (d["id"], words)
        if d["relation"] == "contained":
            base = docs[d["of"]]
            assert "\n".join(d["layout"]["paras"]) in "\n".join(base["layout"]["paras"]), d["id"]
        assert d["events"], d["id"]
        known = {e["event"] for s in stories for e in s["events"]}
        assert set(d["events"] + d["mentions"]) <= known, d["id"]

# ---------------------------------------------------------------------------


def main():
    check = "--check" in sys.argv[1:]
    files = build()
    differ = []
    for rel in sorted(files):
        path = os.path.join(ROOT, rel)
        old = open(path, "rb").read() if os.path.exists(path) else None
        if old == files[rel]:
            continue
        differ.append(rel)
        if not check:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(files[rel])
    if check:
        for rel in differ:
            print("differs: %s" % rel, file=sys.stderr)
        return 1 if differ else 0
    print("%d files, %d rewritten" % (len(files), len(differ)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

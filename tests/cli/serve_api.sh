#!/usr/bin/env bash
# storyline serve over the sample corpus, on loopback, port 0: every
# endpoint's shape and values (timeline and compare equal to the commands'
# output, events in date order, each story's first and last day the
# timeline's, documents read from a folder per outlet carrying the
# timeline's outlet as their source (and found by it), search finds a
# word of the corpus, document
# offsets slice to the quoted and summarised text), every error status
# with its message, path traversal, oversize requests, the rate limit, an
# article holding <script> coming back as escaped JSON data, exit codes
# (missing store, port in use), SQL in parameters staying data, idle
# connections closed after --timeout, and SIGTERM stopping it with exit 0.
# A bind to 0.0.0.0 is tried only with SL_TEST_NONLOOPBACK=1.
# Usage: serve_api.sh path/to/storyline
set -eu
bin=${1:?usage: serve_api.sh path/to/storyline}
command -v python3 >/dev/null || { echo "python3 not found: skipped"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" run -q --db "$dir/s.db" data/sample/feed.jsonl data/sample/txt
# An article that tries to be markup, added to the store by a second run.
cat > "$dir/evil.jsonl" <<'EOF'
{"id": "evil-markup", "source": "Evil Post", "url": "https://evil.example/a", "published": "2025-02-02", "title": "Quarvelle <script>alert(1)</script> report", "text": "Quarvelle council met on Monday. <script>alert('x')</script> The mayor said <img src=x onerror=alert(1)> nothing & everything.\n\nThe meeting ended late."}
EOF
"$bin" run -q --db "$dir/s.db" "$dir/evil.jsonl"
mkdir -p "$dir/web/sub"
printf '<!doctype html><title>serve test</title>\n' > "$dir/web/index.html"
printf 'body { color: black }\n' > "$dir/web/style.css"
printf 'secret\n' > "$dir/secret.txt"
ln -s ../secret.txt "$dir/web/leak.txt"
ln -s ../index.html "$dir/web/sub/inside.html"
python3 - "$bin" "$dir" <<'PY'
import http.client, json, os, signal, socket, subprocess, sys, time

BIN, DIR = sys.argv[1], sys.argv[2]
DB = os.path.join(DIR, "s.db")
failures = []

def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)

def start(*extra):
    p = subprocess.Popen([BIN, "serve", "--db", DB, "--port", "0", "--web", os.path.join(DIR, "web")]
                         + list(extra), stderr=subprocess.PIPE, text=True)
    line = p.stderr.readline()
    if "serving http://" not in line:
        p.kill()
        sys.exit("serve did not start: " + line + p.stderr.read())
    port = int(line.split("http://")[1].split("/")[0].rsplit(":", 1)[1])
    check(line.strip() == "storyline: serving http://127.0.0.1:%d/ (db %s)" % (port, DB)
          or "0.0.0.0" in line, "ready line: " + line)
    return p, port

def stop(p):
    p.send_signal(signal.SIGTERM)
    rc = p.wait(timeout=10)
    check(rc == 0, "SIGTERM: exit %d" % rc)

def request(port, path, method="GET", headers=None, body=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.putrequest(method, path, skip_host=False, skip_accept_encoding=True)
    for k, v in (headers or {}).items():
        c.putheader(k, v)
    c.endheaders(body.encode() if body else None)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data

def get(port, path, status=200):
    st, hdr, data = request(port, path)
    check(st == status, "%s: status %d, expected %d: %s" % (path, st, status, data[:200]))
    if path.startswith("/api/"):
        check(hdr.get("content-type") == "application/json; charset=utf-8", path + ": content type")
        check(b"<" not in data and b">" not in data, path + ": raw < or > in the JSON")
    return json.loads(data) if path.startswith("/api/") else data

def cli_json(*args):
    out = subprocess.run([BIN] + list(args) + ["--db", DB, "--format=jsonl"], capture_output=True,
                         text=True, check=True).stdout
    return [json.loads(l) for l in out.splitlines()]

proc, port = start("--rate", "100000", "--burst", "100000")
try:
    # stories: shape, paging, order
    s = get(port, "/api/stories")
    check(s["total"] == len(s["stories"]) >= 6 and s["limit"] == 50 and s["offset"] == 0, "stories total")
    for st in s["stories"]:
        check(set(st) == {"id", "label", "title", "events", "documents", "first", "last"}, "story keys")
    firsts = [(st["first"] is None, st["first"] or "", st["id"]) for st in s["stories"]]
    check(firsts == sorted(firsts), "stories order")
    paged = []
    for off in range(0, s["total"], 2):
        paged += get(port, "/api/stories?limit=2&offset=%d" % off)["stories"]
    check([x["id"] for x in paged] == [x["id"] for x in s["stories"]], "stories paging")
    port_story = next(x for x in s["stories"] if any("Portvale" in t for t in x["label"]))
    # one story and its events
    one = get(port, "/api/stories/" + port_story["id"])
    check(one["id"] == port_story["id"] and len(one["events"]) == port_story["events"], "story events")
    check(sum(e["documents"] for e in one["events"]) == port_story["documents"], "story documents")
    ev = get(port, "/api/events?story=" + port_story["id"])
    check(ev["total"] == len(one["events"]) and all(e["story"] == port_story["id"] for e in ev["events"]),
          "events of a story")
    allev = get(port, "/api/events?limit=500")
    check(allev["total"] == sum(x["events"] for x in s["stories"]), "events total")
    # timeline and compare: the commands' output, gathered
    tl = get(port, "/api/timeline/" + port_story["id"])
    lines = cli_json("timeline", port_story["id"])
    check(tl["story"] == lines[0] and tl["events"] == lines[1:], "timeline equals the command")
    dates = [e["date"] for e in tl["events"] if e["date"]]
    check(dates == sorted(dates) and len(dates) >= 3, "timeline in date order")
    cmp_ = get(port, "/api/compare/" + port_story["id"])
    lines = cli_json("compare", port_story["id"])
    check(cmp_["compare"] == lines[0] and cmp_["outlets"] == lines[1:], "compare equals the command")
    check(get(port, "/api/timeline/event:hw-port-walkout")["story"]["type"] == "event-timeline", "event timeline")
    # offsets of the timeline slice the documents' texts
    sliced = 0
    for e in tl["events"]:
        at = e["summary_at"]
        d = get(port, "/api/documents/" + at["id"])
        check(d["text"].encode()[at["start"]:at["end"]].decode() == e["summary"], "summary offsets")
        for q in e["quotes"]:
            dq = get(port, "/api/documents/" + q["at"]["id"])
            piece = dq["text"].encode()[q["at"]["start"]:q["at"]["end"]].decode()
            check(piece == q["text"], "quote offsets: %r vs %r" % (piece, q["text"]))
            check(any(x["content"] == [q["at"]["start"], q["at"]["end"]] for x in dq["quotes"]),
                  "timeline quote is a document quote")
            sliced += 1
    check(sliced > 0, "some quotes sliced")
    # a document: every part
    d = get(port, "/api/documents/hw-port-walkout")
    for k in ("id", "title", "source", "url", "published", "text", "raw", "removed", "repairs",
              "entities", "quotes", "dup", "event", "story"):
        check(k in d, "document key " + k)
    text = d["text"].encode()
    for en in d["entities"]:
        check(0 <= en["start"] < en["end"] <= len(text), "entity offsets")
    for q in d["quotes"]:
        s0, e0 = q["content"]
        check(0 <= s0 < e0 <= len(text), "quote content offsets")
        if q["speaker_at"] and q["speaker"]:
            check(text[q["speaker_at"][0]:q["speaker_at"][1]].decode() == q["speaker"]
                  or q["speaker"] in text.decode(), "speaker offsets")
    check(d["story"] == port_story["id"] and d["event"] == "hw-port-walkout", "document event/story")
    n = get(port, "/api/documents/%23" + str(d["doc"]))
    check(n["id"] == d["id"], "document by number")
    raw = d["raw"].encode()
    for rm in d["removed"]:
        check(0 <= rm["start"] <= rm["end"] <= len(raw) and rm["reason"], "removal offsets")
    # a document whose cleaning removed something
    anyrem = False
    for st in s["stories"]:
        for e in get(port, "/api/stories/" + st["id"])["events"]:
            dd = get(port, "/api/documents/" + e["id"])
            if dd["removed"] and dd["raw_utf8"]:
                r0 = dd["removed"][0]
                check(len(dd["raw"].encode()[r0["start"]:r0["end"]]) == r0["end"] - r0["start"],
                      "removed span inside raw")
                anyrem = True
    check(anyrem, "some document has removals")
    # search
    r = get(port, "/api/search?q=dockworkers&limit=5")
    check(len(r["results"]) == 5 and r["total"] is None, "search results")
    for h in r["results"]:
        check(set(h) == {"id", "title", "source", "published", "snippet", "score", "event", "story"},
              "search hit keys")
        check("\u0002" in h["snippet"] and "\u0003" in h["snippet"], "search marks")
        check("dockworkers" in get(port, "/api/documents/" + h["id"])["text"].lower()
              or "dockworkers" in (h["title"] or "").lower(), "hit holds the word")
    third = get(port, "/api/search?q=dockworkers&limit=1&offset=2")["results"][0]
    check(third["id"] == r["results"][2]["id"], "search offset")
    src = r["results"][0]["source"]
    if src:
        filt = get(port, "/api/search?q=dockworkers&source=" + src.replace(" ", "%20"))
        check(filt["results"] and all(h["source"] == src for h in filt["results"]), "search source filter")
    # documents read from a folder per outlet (txt/<outlet>/...): one outlet
    # everywhere, the timeline's, and the search filter finds them by it
    tl_source = {}
    for st in s["stories"]:
        for l in cli_json("timeline", st["id"])[1:]:
            for so in l["sources"]:
                for doc_id in so["documents"]:
                    tl_source[doc_id] = so["source"]
    folder_docs = sorted(i for i in tl_source if "/" in i)
    check(len(folder_docs) >= 5, "documents read from folders: %d" % len(folder_docs))
    for doc_id in folder_docs:
        fd = get(port, "/api/documents/" + doc_id)
        check(fd["source"] is not None and fd["source"] == tl_source[doc_id],
              "%s: source %r, timeline %r" % (doc_id, fd["source"], tl_source[doc_id]))
        word = next(w for w in (fd["title"] or "").split() if len(w) >= 4 and w.isalpha())
        hits = get(port, "/api/search?limit=100&q=%s&source=%s" % (word, fd["source"].replace(" ", "%20")))
        check(doc_id in [h["id"] for h in hits["results"]], "%s: search by its source" % doc_id)
        check(all(h["source"] == fd["source"] for h in hits["results"]), "source filter of " + doc_id)
    # a story's first and last day: the API's are the timeline's, for every story
    for st in s["stories"]:
        one_st = get(port, "/api/stories/" + st["id"])
        head = cli_json("timeline", st["id"])[0]
        check((one_st["first"], one_st["last"]) == (head["first"], head["last"]) == (st["first"], st["last"]),
              "%s: api %s..%s, timeline %s..%s" % (st["id"], one_st["first"], one_st["last"],
                                                   head["first"], head["last"]))
    dated = get(port, "/api/search?q=dockworkers&from=2025-02-01&to=2025-12-31")
    check(all(h["published"] is None or h["published"] >= "2025-02-01" for h in dated["results"]),
          "search date filter")
    # entities
    en = get(port, "/api/entities?limit=10")
    check(en["total"] >= len(en["entities"]) > 0, "entities")
    counts = [x["documents"] for x in en["entities"]]
    check(counts == sorted(counts, reverse=True), "entities order")
    ef = get(port, "/api/entities?q=portvale")
    check(ef["entities"] and all("portvale" in x["canonical"].lower() for x in ef["entities"]), "entities q")
    # the markup article: data, never markup
    st, hdr, body = request(port, "/api/documents/evil-markup")
    check(st == 200 and b"<script" not in body and b"<img" not in body, "markup escaped in the body")
    ev = json.loads(body)
    check("<script>alert('x')</script>" in ev["text"] and "<img src=x onerror=alert(1)>" in ev["text"],
          "markup kept as data")
    hit = get(port, "/api/search?q=quarvelle")["results"]
    check(hit and hit[0]["id"] == "evil-markup" and "<script>" in hit[0]["title"], "markup searchable")
    # errors, each with its message
    for path, status, message in [
        ("/api/stories?limit=0", 400, "limit must be an integer 1..500"),
        ("/api/stories?limit=501", 400, "limit must be an integer 1..500"),
        ("/api/stories?limit=x", 400, "limit must be an integer 1..500"),
        ("/api/events?offset=-1", 400, "offset must be an integer 0..1000000"),
        ("/api/search", 400, "q is required"),
        ("/api/search?q=a&from=2025-1-1", 400, "from must be a date YYYY-MM-DD"),
        ("/api/search?q=a&to=x", 400, "to must be a date YYYY-MM-DD"),
        ("/api/search?q=a&offset=9999&limit=500", 400, "offset + limit must be at most 10000"),
        ("/api/stories/no-such", 404, "no story 'no-such'"),
        ("/api/events?story=no-such", 404, "no story 'no-such'"),
        ("/api/timeline/no-such", 404, "no story or event 'no-such'"),
        ("/api/compare/no-such", 404, "no story or event 'no-such'"),
        ("/api/documents/no-such", 404, "no document 'no-such'"),
        ("/api/nothing", 404, "no API path '/api/nothing'"),
        ("/api/a%00b", 400, "the URI holds a NUL byte"),
    ]:
        e = get(port, path, status)
        check(e == {"error": {"status": status, "message": message}}, "%s: %r" % (path, e))
    st, hdr, body = request(port, "/api/stories", method="POST", body="x=1",
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(st == 405 and hdr.get("allow") == "GET, HEAD" and json.loads(body)["error"]["status"] == 405, "405")
    st, hdr, body = request(port, "/api/stories", method="DELETE")
    check(st == 405, "405 DELETE")
    st, hdr, body = request(port, "/api/stories", method="HEAD")
    check(st == 200 and body == b"" and hdr["content-type"].startswith("application/json"), "HEAD")
    st, hdr, body = request(port, "/api/stories", headers={"Content-Length": "5"}, body="hello")
    check(st == 413 and b"a request body is not accepted" in body, "413 body: %d" % st)
    st, hdr, body = request(port, "/api/stories", headers={"X-Big": "a" * 17000})
    check(st == 413 and b"the request headers are too large" in body, "413 headers: %d" % st)
    st, hdr, body = request(port, "/api/stories?x=" + "a" * 9000)
    check(st == 414 and b"the URI is too long" in body, "414: %d" % st)
    st, hdr, body = request(port, "/api/search?q=" + "a" * 5000)
    check(st == 414 and b"the query string is too long" in body, "414 query: %d" % st)
    # static files
    st, hdr, body = request(port, "/")
    check(st == 200 and body.startswith(b"<!doctype html><title>serve test"), "index")
    check(hdr.get("content-type") == "text/html; charset=utf-8", "html type")
    check(hdr.get("x-content-type-options") == "nosniff", "nosniff")
    check("default-src 'self'" in hdr.get("content-security-policy", ""), "CSP")
    check(hdr.get("cache-control") == "no-cache", "cache control")
    st, hdr, body = request(port, "/style.css")
    check(st == 200 and hdr.get("content-type") == "text/css; charset=utf-8", "css")
    st, hdr, body = request(port, "/sub/inside.html")
    check(st == 200, "a symlink inside the root")
    for path in ["/../CMakeLists.txt", "/%2e%2e/CMakeLists.txt", "/..%2fCMakeLists.txt",
                 "/%2e%2e%2fsecret.txt", "/sub/../../secret.txt", "/leak.txt", "/..\\secret.txt",
                 "/.%2e/secret.txt", "//etc/passwd", "/%00index.html", "/sub", "/missing.js",
                 "/" + "../" * 10 + "etc/passwd"]:
        st, hdr, body = request(port, path)
        check(st in (400, 404) and b"secret" not in body and b"cmake_minimum" not in body
              and b"root:" not in body, "traversal %s: %d" % (path, st))
        check(json.loads(body)["error"]["status"] == st, "traversal answer is JSON: " + path)
    # keep-alive: several requests on one connection
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for _ in range(3):
        c.request("GET", "/api/stories?limit=1")
        check(c.getresponse().read().startswith(b'{"stories"'), "keep-alive")
    c.close()
finally:
    stop(proc)

# rate limit: 3 at once, then 1 a second
proc, port = start("--rate", "1", "--burst", "3")
try:
    got = [request(port, "/api/stories?limit=1") for _ in range(8)]
    ok = [g for g in got if g[0] == 200]
    limited = [g for g in got if g[0] == 429]
    check(len(ok) >= 3 and len(ok) <= 4 and len(limited) >= 4, "rate: %s" % [g[0] for g in got])
    if limited:
        check(limited[0][1].get("retry-after") == "1", "Retry-After")
        check(json.loads(limited[0][2]) == {"error": {"status": 429, "message": "too many requests"}},
              "429 body")
    time.sleep(1.2)
    check(request(port, "/api/stories?limit=1")[0] == 200, "rate refills")
    # the same port again: in use, exit 3
    r = subprocess.run([BIN, "serve", "--db", DB, "--port", str(port)], capture_output=True, text=True,
                       timeout=20)
    check(r.returncode == 3 and "cannot listen on 127.0.0.1:%d" % port in r.stderr, "port in use: %r" % r.stderr)
finally:
    stop(proc)

# SQL in parameters is data (every query binds its values): quotes and
# comments find nothing and change nothing; an idle connection is closed
# after --timeout seconds.
proc, port = start("--timeout", "1")
try:
    before = get(port, "/api/stories?limit=500")
    for path in ["/api/stories/x'%20OR%20'1'='1", "/api/documents/x'%20OR%201=1%20--",
                 "/api/timeline/1%3BDROP%20TABLE%20documents"]:
        st, hdr, body = request(port, path)
        check(st == 404, "injection %s: %d" % (path, st))
    for q in ["q=%27%20OR%201%3D1%20--", "q=dockworkers&source=x%27%20OR%20%271%27%3D%271",
              "q=dockworkers&entity=%27%29%20OR%201%3D1%20--"]:
        r = get(port, "/api/search?" + q)
        check(r["results"] == [], "injection in search %s: %d results" % (q, len(r["results"])))
    check(get(port, "/api/stories?limit=500") == before, "stories unchanged after injection attempts")
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(b"GET /api/stories HTTP/1.1\r\nHost: x\r\n")  # never finished
    t0 = time.time()
    data = s.recv(4096)
    check(data == b"" and time.time() - t0 < 8, "idle connection closed after the timeout: %r" % data[:80])
    s.close()
finally:
    stop(proc)

# bad starts
for args, code, msg in [
    ([], 2, "--db=FILE is required"),
    (["--db", os.path.join(DIR, "missing.db")], 3, "missing.db"),
    (["--db", os.path.join(DIR, "evil.jsonl")], 3, "not a storyline store"),
    (["--db", DB, "--port", "70000"], 2, "--port must be a number from 0 to 65535"),
    (["--db", DB, "--listen", "nowhere"], 2, "--listen must be an IPv4 address"),
    (["--db", DB, "--bogus"], 2, "unknown option '--bogus'"),
]:
    r = subprocess.run([BIN, "serve"] + args, capture_output=True, text=True, timeout=20)
    check(r.returncode == code and msg in r.stderr, "serve %s: exit %d %r" % (args, r.returncode, r.stderr))
r = subprocess.run([BIN, "serve", "--help"], capture_output=True, text=True)
check(r.returncode == 0 and "usage: storyline serve" in r.stdout, "--help")

if os.environ.get("SL_TEST_NONLOOPBACK") == "1":
    proc, port = start("--listen", "0.0.0.0")
    try:
        check(get(port, "/api/stories")["total"] >= 6, "0.0.0.0 bind")
    finally:
        stop(proc)

if failures:
    sys.exit("%d failures" % len(failures))
print("serve_api: all checks passed")
PY

#!/usr/bin/env bash
# WARC archives as input to every command: response records with HTML
# pages become documents (other records are skipped), plain, gzip per
# record and whole-file gzip alike; a damaged record between two good ones
# is reported with its byte offset and both good ones are still written; a
# truncated gzip member or .warc.gz is reported and reading goes on.  The
# archives are written here, byte by byte.  Usage: warc_input.sh storyline
set -u
export LC_ALL=C
bin=${1:?usage: warc_input.sh path/to/storyline}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
failures=0
fail() { echo "FAIL: $case: $*"; failures=$((failures + 1)); }

page() { # page TITLE SENTENCE
    printf '<html><head><title>%s</title></head><body><nav><a href="/">Home</a> <a href="/w">World</a></nav><article><h1>%s</h1><p>%s</p><p>A second paragraph follows, so that the article is long enough to be chosen.</p></article></body></html>' "$1" "$1" "$2"
}
http() { # http STATUS CONTENT-TYPE EXTRA-HEADERS < body  -> an HTTP response
    local body
    body=$(cat; echo x)
    body=${body%x}
    printf 'HTTP/1.1 %s\r\nContent-Type: %s\r\nDate: Tue, 05 Mar 2024 10:00:00 GMT\r\n%sContent-Length: %d\r\n\r\n%s' \
        "$1" "$2" "$3" "${#body}" "$body"
}
record() { # record TYPE URI FILE [LENGTH]: a WARC record holding FILE
    local size
    size=$(wc -c <"$3")
    printf 'WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Date: 2024-03-06T11:00:00Z\r\nWARC-Target-URI: %s\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %s\r\n\r\n' \
        "$1" "$RANDOM" "$2" "${4:-$size}"
    cat "$3"
    printf '\r\n\r\n'
}

# The pieces: two pages, an image, a page in gzip with chunked transfer,
# a 404 page, a request.
page "Harbour plan approved" "The council approved the harbour plan on Monday, after a debate of six hours." |
    http "200 OK" "text/html; charset=utf-8" "" >a.http
page "Bridge reopens" "The old bridge reopened to traffic on Friday, two years after the flood closed it." |
    http "200 OK" "text/html" "" >b.http
head -c 3000 /dev/urandom | tr -d "\\0" | http "200 OK" "image/jpeg" "" >img.http
{ page "Ferry timetable changes" "The ferry will leave every forty minutes from April, the operator said on Tuesday." |
    gzip -c >gz.body
  size=$(wc -c <gz.body)
  printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n'
  printf '%x\r\n' 100; head -c 100 gz.body; printf '\r\n'
  printf '%x\r\n' $((size - 100)); tail -c +101 gz.body; printf '\r\n0\r\n\r\n'
} >c.http
page "Not found" "This page does not exist, and nothing else is here to read for anyone." |
    http "404 Not Found" "text/html" "" >nf.http
printf 'GET / HTTP/1.1\r\nHost: example.org\r\n\r\n' >req.http

record response "http://www.harbour.example/news/plan" a.http >r1
record request "http://www.harbour.example/" req.http >r2
record response "http://img.example/x.jpg" img.http >r3
record response "https://bridge.example/2024/02/28/bridge-reopens" b.http >r4
record response "http://ferry.example/times" c.http >r5
record response "http://harbour.example/missing" nf.http >r6
cat r1 r2 r3 r4 r5 r6 >plain.warc
for f in r1 r2 r3 r4 r5 r6; do gzip -c $f; done >member.warc.gz
gzip -c plain.warc >whole.warc.gz

ids() { grep -o '"id": "[^"]*"' "$1" | tr '\n' ' '; }

case="plain warc"
"$bin" clean plain.warc >out.jsonl 2>err.txt || fail "exit $?: $(cat err.txt)"
o4=$(cat r1 r2 r3 | wc -c)
o5=$(cat r1 r2 r3 r4 | wc -c)
[ "$(ids out.jsonl)" = "\"id\": \"plain:0\" \"id\": \"plain:$o4\" \"id\": \"plain:$o5\" " ] ||
    fail "ids: $(ids out.jsonl)"
grep -q '"url": "http://www.harbour.example/news/plan"' out.jsonl || fail "no url"
grep -q '"source": "harbour.example"' out.jsonl || fail "no source from the host"
grep -q 'approved the harbour plan on Monday' out.jsonl || fail "page a text"
grep -q 'forty minutes from April' out.jsonl || fail "chunked gzip page not decoded"
grep -q '"published": "2024-02-28"' out.jsonl || fail "date from the URL"
grep -q '"published": {"value": null, "earliest": null, "latest": "2024-03-05", "from": "http-date"}' out.jsonl ||
    fail "no HTTP date hint"
grep -q 'Home' out.jsonl && fail "navigation leaked"
grep -q 'does not exist' out.jsonl && fail "a 404 page was read"
grep -q '"warc": {"offset": 0, "record": 1, "record_id": "<urn:uuid:' out.jsonl || fail "no warc provenance"

case="gzip per record"
"$bin" clean member.warc.gz >out.jsonl 2>err.txt || fail "exit $?: $(cat err.txt)"
g4=$(for f in r1 r2 r3; do gzip -c $f; done | wc -c)
g5=$(for f in r1 r2 r3 r4; do gzip -c $f; done | wc -c)
[ "$(ids out.jsonl)" = "\"id\": \"member:0\" \"id\": \"member:$g4\" \"id\": \"member:$g5\" " ] ||
    fail "ids are not member offsets: $(ids out.jsonl)"

case="whole-file gzip"
"$bin" dedup whole.warc.gz >out.jsonl 2>err.txt || fail "exit $?: $(cat err.txt)"
[ "$(grep -c '"dup": ' out.jsonl)" -eq 3 ] || fail "dedup did not see three pages"
grep -q '"offset_of": "uncompressed"' out.jsonl || fail "offsets not marked uncompressed"

case="damaged record between good ones"
{ cat r1; record response "http://bad.example/" b.http 99999; cat r4; } >damaged.warc
"$bin" clean damaged.warc >out.jsonl 2>err.txt
status=$?
[ "$status" -eq 1 ] || fail "exit $status, expected 1"
bad=$(wc -c <r1)
grep -q "damaged.warc: WARC record at byte $bad: damaged record" err.txt ||
    fail "offset not named: $(cat err.txt)"
[ "$(grep -c '"id": ' out.jsonl)" -eq 2 ] || fail "good records lost: $(ids out.jsonl)"
grep -q 'old bridge reopened' out.jsonl || fail "the record after the damage is lost"

case="record without Content-Length"
{ cat r1; printf 'WARC/1.0\r\nWARC-Type: response\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x</p>\r\n\r\n'; cat r4; } >nolen.warc
"$bin" clean nolen.warc >out.jsonl 2>err.txt
[ $? -eq 1 ] || fail "exit code"
grep -q "WARC record at byte $bad: damaged record (no valid Content-Length)" err.txt || fail "$(cat err.txt)"
[ "$(grep -c '"id": ' out.jsonl)" -eq 2 ] || fail "good records lost"

case="truncated gzip member between good ones"
gzip -c r4 >m4.gz
{ gzip -c r1; gzip -c r4 | head -c 200; cat m4.gz; } >cut.warc.gz
"$bin" clean cut.warc.gz >out.jsonl 2>err.txt
status=$?
[ "$status" -eq 3 ] || fail "exit $status, expected 3"
m=$(gzip -c r1 | wc -c)
grep -q "cut.warc.gz: WARC record at byte $m: " err.txt || fail "member offset not named: $(cat err.txt)"
[ "$(grep -c '"id": ' out.jsonl)" -eq 2 ] || fail "good records lost: $(ids out.jsonl)"

case="truncated .warc.gz"
size=$(wc -c <whole.warc.gz)
head -c $((size - 300)) whole.warc.gz >short.warc.gz
"$bin" clean short.warc.gz >out.jsonl 2>err.txt
[ $? -eq 3 ] || fail "exit code"
grep -q "short.warc.gz: WARC record at uncompressed byte" err.txt || fail "$(cat err.txt)"
grep -q 'harbour plan' out.jsonl || fail "records before the cut lost"

case="directory of pages and archives"
mkdir -p site
cp plain.warc site/x.warc
page "Loose page" "A page saved on its own, next to an archive, with a few words in it." >site/y.html
"$bin" stories site >out.jsonl 2>err.txt || fail "exit $?: $(cat err.txt)"
[ "$(grep -c '"story": ' out.jsonl)" -eq 4 ] || fail "stories did not get four pages"

case="binary payload, wrong and absent charsets, a 50 MB page"
head -c 20000 /dev/urandom | tr -d '\0' | http "200 OK" "text/html" "" >bin.http
printf '<html><body><p>Caf\xe9 au lait, cr\xe8me br\xfbl\xe9e and other desserts were served at the caf\xe9 all day.</p></body></html>' |
    http "200 OK" "text/html; charset=utf-8" "" >wrong.http
printf '<html><body><p>Caf\xe9 au lait, cr\xe8me br\xfbl\xe9e and other desserts were served at the caf\xe9 all day long.</p></body></html>' |
    http "200 OK" "text/html" "" >absent.http
{ printf '<html><head><title>Long</title></head><body><article>'
  yes '<p>Some words of a very long page, repeated many times over, with commas.</p>' | head -c 50000000
  printf '</article></body></html>'; } >big.body
{ printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n'; cat big.body; } >big.http
{ record response "http://junk.example/" bin.http; record response "http://cafe.example/a" wrong.http
  record response "http://cafe.example/b" absent.http; record response "http://big.example/" big.http
  cat r4; } >odd.warc
"$bin" clean odd.warc >out.jsonl 2>err.txt || fail "exit $?: $(cat err.txt)"
[ "$(grep -c '"id": ' out.jsonl)" -eq 5 ] || fail "not five pages: $(ids out.jsonl)"
[ "$(grep -c 'Café au lait, crème brûlée' out.jsonl)" -eq 2 ] || fail "charset not repaired"
"$bin" clean --max-doc=10M odd.warc >out.jsonl 2>err.txt
[ $? -eq 1 ] || fail "exit code over --max-doc"
grep -q "odd.warc: WARC record at byte [0-9]*: page larger than 10485760 bytes (max_doc)" err.txt ||
    fail "no limit message: $(cat err.txt)"
grep -q 'old bridge reopened' out.jsonl || fail "the record after the big one is lost"

[ "$failures" -eq 0 ] && echo "warc_input: all cases passed"
exit $((failures > 0))

#!/usr/bin/env bash
# Web pages as input to every command: .html, .htm and .html.gz files (also
# inside directories) and JSONL records with "html" instead of "text".
# Bad pages give documents, not crashes: truncated HTML, a page without a
# body, binary bytes labelled HTML, wrong or absent charsets, a 50 MB page;
# a page over --max-doc is rejected by name and the others are still read.
# Usage: html_input.sh path/to/storyline
set -u
export LC_ALL=C
bin=${1:?usage: html_input.sh path/to/storyline}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
failures=0
fail() { echo "FAIL: $case: $*"; failures=$((failures + 1)); }

page() { # page TITLE SENTENCE
    printf '<html><head><title>%s</title></head><body><nav><a href="/">Home</a></nav><article><h1>%s</h1><p>%s</p></article></body></html>' "$1" "$1" "$2"
}
ids() { grep -o '"id": "[^"]*"' "$1" | tr '\n' ' '; }

mkdir -p site/sub
page "Alpha" "The alpha report was published on Tuesday, with figures for every district." >site/a.html
page "Beta" "The beta survey covers three thousand households, and it was run twice." | gzip >site/sub/b.html.gz
page "Gamma" "Gamma rays were measured at the observatory, on two nights in a row." >site/c.htm
echo "a note" >site/notes.md

case="directory of pages"
"$bin" clean --map site >out.jsonl 2>err.txt || fail "exit $?: $(cat err.txt)"
[ "$(ids out.jsonl)" = '"id": "a" "id": "c" "id": "sub/b" ' ] || fail "ids: $(ids out.jsonl)"
grep -q 'beta survey covers' out.jsonl || fail "gzip page not read"
grep -q '"page": {"charset": {"name": "utf-8", "from": "detected"}' out.jsonl || fail "no page provenance"
grep -q '"map": \[\[0, ' out.jsonl || fail "no page map"
grep -q 'Home' out.jsonl && fail "navigation leaked"

case="page map points into the page"
"$bin" dedup site/a.html >out.jsonl 2>err.txt || fail "exit $?"
# "The alpha report" starts the paragraph; its map segment gives its byte offset in the page.
start=$(grep -o '"map": \[.*' out.jsonl | grep -o '\[[0-9]*, [0-9]*, [0-9]*, [0-9]*\]' | sed -n 3p | cut -d, -f3 | tr -d ' ')
[ "$(tail -c +$((start + 1)) site/a.html | head -c 16)" = "The alpha report" ] ||
    fail "map segment 3 does not point at the paragraph: $start"

case="truncated html"
page "Cut" "This page was cut off in the middle of a sentence, and the rest of it is" | head -c 150 >cut.html
"$bin" clean cut.html >out.jsonl 2>err.txt || fail "exit $?"
grep -q '"id": "cut"' out.jsonl || fail "no document"

case="page without a body"
printf '<html><head><title>Only a head</title></head></html>' >nobody.html
: >empty.html
"$bin" clean nobody.html empty.html >out.jsonl 2>err.txt || fail "exit $?"
[ "$(ids out.jsonl)" = '"id": "nobody" "id": "empty" ' ] || fail "ids: $(ids out.jsonl)"

case="binary bytes labelled html"
head -c 30000 /dev/urandom >junk.html
"$bin" clean junk.html >out.jsonl 2>err.txt || fail "exit $?"
grep -q '"id": "junk"' out.jsonl || fail "no document"

case="absent and wrong charsets"
printf '<html><body><p>Caf\xe9 au lait, cr\xe8me br\xfbl\xe9e and other desserts were served at the caf\xe9 all day.</p></body></html>' >latin.html
printf '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xc3\xa9 au lait, cr\xc3\xa8me br\xc3\xbbl\xc3\xa9e and more desserts were served at the caf\xc3\xa9 all day.</p></body></html>' >liar.html
"$bin" clean latin.html liar.html >out.jsonl 2>err.txt || fail "exit $?"
[ "$(grep -c 'Café au lait, crème brûlée' out.jsonl)" -eq 2 ] || fail "charset not repaired: $(cat out.jsonl)"

case="jsonl records with html"
printf '%s\n' '{"id": "j1", "url": "https://news.example/2024/01/09/story", "html": "<html><body><article><p>The mayor opened the new library on Saturday, and hundreds came to see it.</p></article></body></html>", "lang": "en"}' \
    '{"id": "j2", "html": 42}' \
    '{"id": "j3", "text": "Plain text wins over html.", "html": "<p>ignored</p>"}' >recs.jsonl
"$bin" clean recs.jsonl >out.jsonl 2>err.txt
[ $? -eq 1 ] || fail "exit code"
grep -q 'recs.jsonl:2:.*"html" must be a string' err.txt || fail "bad html not reported: $(cat err.txt)"
grep -q '"lang": "en"' out.jsonl || fail "fields not passed through"
grep -q 'mayor opened the new library' out.jsonl || fail "html not extracted"
grep -q '"published": "2024-01-09"' out.jsonl || fail "no date from the URL"
grep -q 'Plain text wins over html.' out.jsonl || fail "text did not win"

case="50 MB page"
{ printf '<html><head><title>Long</title></head><body><article>'
  yes '<p>Some words of a very long page, repeated many times over, with commas.</p>' | head -c 50000000
  printf '</article></body></html>'; } >big.html
"$bin" clean --summary big.html site/a.html >out.txt 2>err.txt || fail "exit $?: $(cat err.txt)"
grep -q 'documents: *2 cleaned' out.txt || fail "$(cat out.txt)"
"$bin" clean --max-doc=10M big.html site/a.html >out.jsonl 2>err.txt
[ $? -eq 1 ] || fail "exit code over --max-doc"
grep -q 'big.html: document larger than' err.txt || fail "no limit message: $(cat err.txt)"
grep -q '"id": "a"' out.jsonl || fail "the page after the big one is lost"

[ "$failures" -eq 0 ] && echo "html_input: all cases passed"
exit $((failures > 0))

#!/usr/bin/env bash
# storyline extract on files: directories are walked in name order, .html.gz
# is read, a damaged gzip is reported by name (exit 1) while the other pages
# are still written, a missing file is an I/O error (exit 3), and the page's
# charset is honoured.  Usage: extract_files.sh path/to/storyline
set -u
bin=${1:?usage: extract_files.sh path/to/storyline}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
failures=0
fail() { echo "FAIL: $case: $*"; failures=$((failures + 1)); }

page() { # page TITLE SENTENCE
    printf '<html><head><title>%s</title></head><body><nav><a href="/">Home</a></nav><article><p>%s</p></article></body></html>\n' "$1" "$2"
}
mkdir -p site/b
page "Alpha" "The alpha report was published on Tuesday, with figures for every district." >site/a.html
page "Beta" "The beta survey covers three thousand households, and it was run twice." | gzip >site/b/b.html.gz
page "Gamma" "Gamma rays were measured at the observatory, on two nights in a row." >site/c.htm
echo "not a page" >site/notes.txt
printf '\x1f\x8b\x08\x00garbage' >site/broken.html.gz

case="directory"
"$bin" extract site >out.jsonl 2>err.txt
status=$?
[ "$status" -eq 1 ] || fail "exit $status, expected 1"
grep -q "site/broken.html.gz" err.txt || fail "the damaged file is not named: $(cat err.txt)"
ids=$(grep -o '"id": "[^"]*"' out.jsonl | tr '\n' ' ')
[ "$ids" = '"id": "a" "id": "b" "id": "c" ' ] || fail "ids: $ids"
grep -q "beta survey covers" out.jsonl || fail "gzip page not read"
grep -q "Home" out.jsonl && fail "navigation leaked"

case="missing file"
"$bin" extract site/a.html nosuch.html >out.jsonl 2>err.txt
status=$?
[ "$status" -eq 3 ] || [ "$status" -eq 1 ] || fail "exit $status, expected 1 or 3"
grep -q "nosuch.html" err.txt || fail "missing file not named"
grep -q '"id": "a"' out.jsonl || fail "good page lost"

case="charset"
printf '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 au lait, cr\xe8me br\xfbl\xe9e and other desserts were served at the caf\xe9.</p></body></html>' >latin.html
"$bin" extract --format=text latin.html >out.txt 2>err.txt || fail "exit $?"
grep -q "Café au lait, crème brûlée" out.txt || fail "charset not applied: $(cat out.txt)"

case="binary"
head -c 20000 /dev/urandom >junk.html
"$bin" extract junk.html >out.jsonl 2>err.txt
status=$?
[ "$status" -eq 0 ] || fail "exit $status on binary input"
grep -q '"id": "junk"' out.jsonl || fail "no document for binary input"

case="max-page"
"$bin" extract --max-page=100 site/a.html >out.jsonl 2>err.txt
[ $? -eq 1 ] || fail "exit $?, expected 1"
grep -q "larger than --max-page" err.txt || fail "no limit message: $(cat err.txt)"

[ "$failures" -eq 0 ] && echo "extract_files: all cases passed"
exit $((failures > 0))

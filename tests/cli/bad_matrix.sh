#!/usr/bin/env bash
# The bad-input matrix: every kind of damaged input news scrapes bring,
# through every command that reads documents (clean, dedup, stories, facts
# and run --db).  Each case states the exit code (0 all read, 1 records
# rejected and the rest processed, 3 an input could not be read), the
# message (naming the file and the line, or the byte), and the documents
# that must still come out: the good records before and after the bad one.
# Usage: bad_matrix.sh path/to/storyline [COMMAND...]
set -u
bin=${1:?usage: bad_matrix.sh path/to/storyline [COMMAND...]}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
shift
commands=${*:-clean dedup stories facts run}
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp"; rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
cd "$tmp" || exit 1
mkdir -m 777 dbs
failures=0
cases=0

fail() { echo "FAIL: $case [$cmd]: $*"; failures=$((failures + 1)); }

# Every good record has its own text, so that `run --db` (which keeps one
# copy of a text) stores each of them.
good() {
    printf '{"id":"%s","text":"Dock workers in Rotterdam began a strike on Monday over pay, union %s said."}\n' "$1" "$1"
}

# run_cmd CMD ARGS...: one command over the inputs; out.ids gets the ids of
# the documents it wrote (for run: stored), one line each, in order.
run_cmd() {
    local c=$1
    shift
    local db="dbs/$cases-$c.db"
    rm -f "$db" "$db-wal" "$db-shm"
    if [ "$c" = run ]; then
        $as_user "$bin" run --threads=1 --db "$db" "$@" >out.txt 2>err.txt </dev/null
        status=$?
        if [ -f "$db" ]; then
            python3 - "$db" >out.ids <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
tables = {r[0] for r in db.execute("select name from sqlite_master where type = 'table'")}
if 'documents' in tables:
    for (i,) in db.execute('select id from documents order by doc'):
        print(i)
PY
        else
            : >out.ids
        fi
    else
        $as_user "$bin" "$c" "$@" >out.txt 2>err.txt </dev/null
        status=$?
        sed -n 's/^{"id": "\([^"]*\)".*/\1/p' out.txt >out.ids
    fi
}

# matrix "CASE" EXIT "MESSAGE|MESSAGE..." "ID ID..." ARGS...: runs the case
# through every command and checks the exit code, that each message is on
# standard error, and that exactly these documents came out, in order.
matrix() {
    case=$1
    local want_exit=$2 messages=$3 ids=$4 m got
    shift 4
    cases=$((cases + 1))
    for cmd in $commands; do
        run_cmd "$cmd" "$@"
        [ "$status" -eq "$want_exit" ] ||
            fail "exit $status, expected $want_exit (stderr: $(head -c 300 err.txt))"
        if [ -n "$messages" ]; then
            IFS='|' read -r -a list <<<"$messages"
            for m in "${list[@]}"; do
                grep -qF -- "$m" err.txt || fail "stderr lacks '$m' (stderr: $(head -c 300 err.txt))"
            done
        elif [ "$want_exit" -eq 0 ] && grep -q 'error' err.txt; then
            fail "unexpected error: $(head -c 300 err.txt)"
        fi
        got=$(tr '\n' ' ' <out.ids)
        [ "$got" = "$ids " ] || fail "documents out: '$got', expected '$ids '"
    done
}
as_user=

# --- encodings -----------------------------------------------------------

{ good a1; printf '{"id":"bad","text":"caf\xe9 cr\xe8me"}\n'; good a2; } >utf8.jsonl
matrix "invalid UTF-8" 1 "utf8.jsonl:2:24: invalid UTF-8 byte 0xE9" "a1 a2" utf8.jsonl

# "/" as two bytes (C0 AF) and as three (E0 80 AF): never decoded.
{ good b1; printf '{"id":"o2","text":"a\xc0\xafb"}\n'; printf '{"id":"o3","text":"a\xe0\x80\xafb"}\n'; good b2; } >overlong.jsonl
matrix "overlong encodings" 1 "overlong.jsonl:2:21: invalid UTF-8 byte 0xC0|overlong.jsonl:3:21: invalid UTF-8 byte 0xE0" \
    "b1 b2" overlong.jsonl

# An escaped surrogate without its partner (alone, or a reversed pair) is
# valid JSON grammar but no character: it becomes U+FFFD and the record is
# kept (docs/formats.md).
{
    good c1
    echo '{"id":"hi","text":"Dock workers \ud800 struck in Rotterdam on Monday over pay."}'
    echo '{"id":"lo","text":"Port staff \udc00 walked out in Antwerp on Tuesday over hours."}'
    echo '{"id":"rev","text":"Crane drivers \udc00\ud800 stopped in Hamburg on Friday over rules."}'
    echo '{"id":"pair","text":"Pilots \ud83d\ude00 joined in Bremen on Sunday over pensions."}'
    good c2
} >surrogates.jsonl
matrix "lone surrogates in JSON escapes" 0 "" "c1 hi lo rev pair c2" surrogates.jsonl
"$bin" clean surrogates.jsonl >out.txt 2>/dev/null
cmd=clean
grep -qF $'"id": "hi", "text": "Dock workers \xef\xbf\xbd struck' out.txt || fail "\\ud800 alone is not U+FFFD"
grep -qF $'"id": "lo", "text": "Port staff \xef\xbf\xbd walked' out.txt || fail "\\udc00 alone is not U+FFFD"
grep -qF $'"id": "rev", "text": "Crane drivers \xef\xbf\xbd\xef\xbf\xbd stopped' out.txt ||
    fail "a reversed pair is not two U+FFFD"
grep -qF $'"id": "pair", "text": "Pilots \xf0\x9f\x98\x80 joined' out.txt || fail "a real pair is not decoded"

# A raw NUL is a control character, which JSON forbids in a string; an
# escaped one is valid JSON and the cleaner drops it.
{ good d1; printf '{"id":"raw","text":"a\0b"}\n'; echo '{"id":"esc","text":"Tug crews in Rotterdam \u0000 joined the strike on Monday."}'; good d2; } >nul.jsonl
matrix "NUL bytes, raw and escaped" 1 "nul.jsonl:2:22: raw control character 0x00 in string" "d1 esc d2" nul.jsonl

# A UTF-8 byte order mark at the start of the file, and mid-file (where
# `cat` of two such files puts one): ignored.  Inside a text: kept for the
# cleaner.
{ printf '\xef\xbb\xbf'; good e1; printf '\xef\xbb\xbf'; good e2; good e3; } >bom.jsonl
matrix "UTF-8 byte order marks" 0 "" "e1 e2 e3" bom.jsonl

# A UTF-16 file (what Windows calls "Unicode"): JSON Lines in UTF-16 are
# refused once for the whole file; a UTF-16 .txt is converted.
good f1 >f1.jsonl
good f3 >f3.jsonl
{ printf '\xff\xfe'; good x1 | iconv -f UTF-8 -t UTF-16LE; good x2 | iconv -f UTF-8 -t UTF-16LE; } >utf16.jsonl
matrix "UTF-16 JSON Lines" 1 "utf16.jsonl:1:1: UTF-16 text (byte order mark FF FE)" "f1 f3" f1.jsonl utf16.jsonl f3.jsonl
[ "$(grep -c utf16.jsonl err.txt)" -eq 1 ] || fail "one error for the UTF-16 file, not one per line"
{ printf '\xfe\xff'; echo 'Pilots in Bremen stopped work on Sunday, their union said.' | iconv -f UTF-8 -t UTF-16BE; } >f2.txt
matrix "UTF-16 text file" 0 "" "f1 f2 f3" f1.jsonl f2.txt f3.jsonl
"$bin" clean f2.txt >out.txt 2>/dev/null
grep -q '"text": "Pilots in Bremen stopped work on Sunday, their union said."' out.txt ||
    fail "UTF-16 text not converted: $(head -c 200 out.txt)"

# --- line ends and sizes ---------------------------------------------------

# Old Mac files: every line ends with a lone CR.
{ good g1; good g2; good g3; } | tr '\n' '\r' >cr.jsonl
matrix "CR-only line endings" 0 "" "g1 g2 g3" cr.jsonl
printf '{"id":"crlf","text":"Harbour pilots in Rotterdam joined on Monday.\\nMore."}\r\n' >crlf.jsonl
matrix "CRLF line endings" 0 "" "crlf" crlf.jsonl

# A 100 MB line: generated here, never stored.  Over --max-line it is
# rejected (naming the line and the limit) and reading goes on after it.
{
    good h1
    printf '{"id":"big","text":"'
    head -c $((100 * 1024 * 1024)) /dev/zero | tr '\0' 'x'
    printf '"}\n'
    good h2
} >big.jsonl
matrix "100 MB line over --max-line" 1 "big.jsonl:2:67108865: line longer than 67108864 bytes (max_line)" \
    "h1 h2" --max-line=64M big.jsonl
case="100 MB line under the default limit"
cmd=clean
run_cmd clean --only=normalize big.jsonl
[ "$status" -eq 0 ] || fail "exit $status: $(head -c 300 err.txt)"
[ "$(tr '\n' ' ' <out.ids)" = "h1 big h2 " ] || fail "documents out: $(tr '\n' ' ' <out.ids)"
rm -f big.jsonl out.txt

# A .txt document, and the text of a record, over --max-doc.
head -c $((2 * 1024 * 1024)) /dev/zero | tr '\0' 'y' >huge.txt
{ good r1; printf '{"id":"huge","text":"'; cat huge.txt; printf '"}\n'; good r2; } >huge.jsonl
matrix "document over --max-doc" 1 "huge.txt: document larger than 1048576 bytes (max_doc)|huge.jsonl:2:21: text larger than 1048576 bytes (max_doc)" \
    "f1 r1 r2 f3" --max-doc=1M f1.jsonl huge.txt huge.jsonl f3.jsonl

# 100 000 '[': refused at the depth limit without recursion; deep but
# allowed nesting is read.
{
    good i1
    printf '{"id":"deep","text":"x","n":'
    head -c 100000 /dev/zero | tr '\0' '['
    echo
    good i2
} >deep.jsonl
matrix "deeply nested JSON" 1 "deep.jsonl:2:92: nesting deeper than 64 levels" "i1 i2" deep.jsonl
matrix "deeply nested JSON, --max-depth=10000" 1 "deep.jsonl:2:10028: nesting deeper than 10000 levels" \
    "i1 i2" --max-depth=10000 deep.jsonl
{
    good j1
    printf '{"id":"nest","text":"Crews in Rotterdam struck on Monday.","n":'
    head -c 5000 /dev/zero | tr '\0' '['
    head -c 5000 /dev/zero | tr '\0' ']'
    echo '}'
    good j2
} >nest.jsonl
matrix "nesting within --max-depth" 0 "" "j1 nest j2" --max-depth=6000 nest.jsonl

# --- compressed inputs -----------------------------------------------------

good k1 >k1.jsonl
good k4 >k4.jsonl
{ good k2; for i in $(seq 1 3000); do good "pad$i"; done; good k3; } >many.jsonl
gzip -c many.jsonl >many.jsonl.gz
head -c $(($(stat -c %s many.jsonl.gz) / 2)) many.jsonl.gz >cut.jsonl.gz
case="truncated gzip"
for cmd in $commands; do
    run_cmd "$cmd" k1.jsonl cut.jsonl.gz k4.jsonl
    [ "$status" -eq 3 ] || fail "exit $status, expected 3"
    grep -qF "cut.jsonl.gz: truncated gzip stream" err.txt || fail "stderr: $(head -c 300 err.txt)"
    [ "$(head -n 2 out.ids | tr '\n' ' ')" = "k1 k2 " ] || fail "records before the cut are lost"
    [ "$(tail -n 1 out.ids)" = k4 ] || fail "the file after the cut one is lost"
    grep -q '^k3$' out.ids && fail "a record after the cut came out"
done

{ good k2; good k3; } | gzip -c >two.jsonl.gz
cp two.jsonl.gz junk.jsonl.gz
head -c 3000 /dev/urandom >>junk.jsonl.gz
matrix "a good gzip member followed by junk" 3 "junk.jsonl.gz: corrupt gzip data after" \
    "k1 k2 k3 k4" k1.jsonl junk.jsonl.gz k4.jsonl
# the byte named is where the junk starts (give or take the header bytes
# the decoder looked at), not the end of what was read
at=$(sed -n 's/.*junk.jsonl.gz: corrupt gzip data after \([0-9]*\) bytes.*/\1/p' err.txt)
size=$(stat -c %s two.jsonl.gz)
[ -n "$at" ] && [ "$at" -ge "$size" ] && [ "$at" -le $((size + 16)) ] || fail "damage at byte '$at', the junk starts at $size"

cp two.jsonl.gz bad.jsonl.gz
printf 'XXXXXXXX' | dd of=bad.jsonl.gz bs=1 seek=20 conv=notrunc 2>/dev/null
matrix "corrupt gzip" 3 "bad.jsonl.gz: corrupt gzip data" "k1 k4" k1.jsonl bad.jsonl.gz k4.jsonl
printf 'this is not gzip' >fake.jsonl.gz
matrix "not gzip at all" 3 "fake.jsonl.gz: corrupt gzip data after 2 bytes: incorrect header check" \
    "k1 k4" k1.jsonl fake.jsonl.gz k4.jsonl

# zstd decodes whole blocks of up to 128 KiB: several, so that some come
# before the cut.
{ good k2; for i in $(seq 1 20000); do good "pad$i"; done; } | zstd -q -c >many.jsonl.zst
head -c $(($(stat -c %s many.jsonl.zst) / 2)) many.jsonl.zst >cut.jsonl.zst
case="truncated zstd"
for cmd in $commands; do
    run_cmd "$cmd" k1.jsonl cut.jsonl.zst k4.jsonl
    [ "$status" -eq 3 ] || fail "exit $status, expected 3"
    grep -qF "cut.jsonl.zst: truncated zstd stream" err.txt || fail "stderr: $(head -c 300 err.txt)"
    [ "$(head -n 2 out.ids | tr '\n' ' ')" = "k1 k2 " ] || fail "records before the cut are lost"
    [ "$(tail -n 1 out.ids)" = k4 ] || fail "the file after the cut one is lost"
done

{ good k2; good k3; } | zstd -q -c >two.jsonl.zst
cp two.jsonl.zst junk.jsonl.zst
head -c 3000 /dev/urandom >>junk.jsonl.zst
size=$(stat -c %s two.jsonl.zst)
matrix "a good zstd frame followed by junk" 3 "junk.jsonl.zst: corrupt zstd data after $size bytes" \
    "k1 k2 k3 k4" k1.jsonl junk.jsonl.zst k4.jsonl
cp two.jsonl.zst bad.jsonl.zst
printf 'XXXXXXXX' | dd of=bad.jsonl.zst bs=1 seek=14 conv=notrunc 2>/dev/null
matrix "corrupt zstd" 3 "bad.jsonl.zst: corrupt zstd data" "k1 k4" k1.jsonl bad.jsonl.zst k4.jsonl

# --- empty and binary files --------------------------------------------------

: >zero.jsonl
: >zero.txt
: >zero.jsonl.gz
: >zero.jsonl.zst
: | gzip -c >empty.jsonl.gz
: | zstd -q -c >empty.jsonl.zst
printf '\n\n   \n\r\n' >blank.jsonl
matrix "empty and zero-length files" 0 "" "k1 k4" \
    k1.jsonl zero.jsonl zero.txt zero.jsonl.gz zero.jsonl.zst empty.jsonl.gz empty.jsonl.zst blank.jsonl k4.jsonl
case="empty standard input"
for cmd in $commands; do
    run_cmd "$cmd"
    [ "$status" -eq 0 ] || fail "exit $status: $(head -c 300 err.txt)"
    [ ! -s out.ids ] || fail "documents from nothing"
done

# An executable and random bytes, named as a sniffed input, as .txt and
# as .jsonl: one error each, no page of garbage.
cp /bin/ls program
head -c 20000 /dev/urandom >random.txt
cp random.txt random.jsonl
matrix "binary files" 1 "program: binary data, not text (control byte at byte|random.txt: binary data, not text|random.jsonl:1:1: binary data, not JSON Lines" \
    "k1 k4" k1.jsonl program random.txt random.jsonl k4.jsonl
[ "$(grep -c random.jsonl err.txt)" -eq 1 ] || fail "one error for the binary .jsonl, not one per line"

# --- directories -------------------------------------------------------------

mkdir -p tree/locked tree/open
good l1 >tree/open/l1.jsonl
good l2 >tree/locked/l2.jsonl
good l3 >tree/secret.jsonl
case="directories with unreadable entries"
cmd=
if [ "$(id -u)" -eq 0 ] && ! command -v setpriv >/dev/null; then
    echo "skip: $case (root reads everything and setpriv is missing)"
else
    chmod 000 tree/locked tree/secret.jsonl
    # Root ignores permissions: run as nobody instead.
    [ "$(id -u)" -eq 0 ] && as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
    matrix "$case" 3 "tree/locked: cannot read directory: Permission denied|tree/secret.jsonl: cannot open: Permission denied" \
        "k1 l1 k4" k1.jsonl tree k4.jsonl
    as_user=
    chmod 755 tree/locked
    chmod 644 tree/secret.jsonl
fi

# Symbolic links that loop: named on the command line, an error; inside a
# tree, a link to a directory is never followed (so a loop through one
# ends at once) and a file link that loops is an error.
ln -s loop-b loop-a
ln -s loop-a loop-b
matrix "a symlink loop named as input" 3 "loop-a: cannot open: Too many levels of symbolic links" \
    "k1 k4" k1.jsonl loop-a k4.jsonl
mkdir -p ring/sub
good m1 >ring/sub/m1.jsonl
ln -s .. ring/sub/up
ln -s ../ring ring/sub/again
matrix "a directory symlink loop in a tree" 0 "" "k1 m1 k4" k1.jsonl ring k4.jsonl
ln -s self.jsonl ring/self.jsonl
matrix "a file symlink loop in a tree" 3 "ring/self.jsonl: cannot open: Too many levels of symbolic links" \
    "k1 m1 k4" k1.jsonl ring k4.jsonl

# --- records -----------------------------------------------------------------

# Duplicate ids: records are never merged or dropped by id.  Every command
# keeps both; run --db stores by text, so a second record with the same id
# and a different text is stored, one with the same text is skipped as
# already stored.
{
    good n1
    echo '{"id":"same","text":"Dock workers in Rotterdam began a strike on Monday over pay."}'
    echo '{"id":"same","text":"Flood waters rose in Valencia on Tuesday after heavy rain."}'
    good n2
} >dupid.jsonl
matrix "duplicate ids" 0 "" "n1 same same n2" dupid.jsonl
{ good n1; good n1; good n2; } >duptext.jsonl
commands_saved=$commands
commands="clean dedup stories facts"
matrix "duplicate ids and texts" 0 "" "n1 n1 n2" duptext.jsonl
commands=run
matrix "duplicate ids and texts, stored once" 0 "" "n1 n2" duptext.jsonl
grep -qF "1 skipped (already stored)" err.txt out.txt ||
    "$bin" run --db dbs/dup.db duptext.jsonl 2>&1 | grep -qF "1 skipped (already stored)" ||
    fail "the second copy is not reported as skipped"
commands=$commands_saved

{
    good p1
    echo '{"id":"none","title":"no body"}'
    echo '{"id":"num","text":42}'
    echo '{"id":"obj","text":{"body":"x"}}'
    echo '{"id":"arr","text":["x"]}'
    echo '{"id":"nul","text":null}'
    echo '{"id":"bool","text":true}'
    good p2
} >text.jsonl
matrix "missing and non-string text" 1 "text.jsonl:2:1: missing \"text\" field|text.jsonl:3:20: \"text\" must be a string, not a number|text.jsonl:4:20: \"text\" must be a string, not an object|text.jsonl:5:20: \"text\" must be a string, not an array|text.jsonl:6:20: \"text\" must be a string, not a null|text.jsonl:7:21: \"text\" must be a string, not a boolean" \
    "p1 p2" text.jsonl

{ good q1; echo '{"id":"bad","text":"unterminated}'; echo '[1,2]'; echo '{"id": 1e999999999, "text": "x"'; good q2; } >json.jsonl
matrix "malformed JSON lines" 1 "json.jsonl:2:|json.jsonl:3:1:|json.jsonl:4:" "q1 q2" json.jsonl

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s) in $cases cases"
    exit 1
fi
echo "all $cases bad-input cases passed through: $commands"

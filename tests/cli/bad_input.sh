#!/usr/bin/env bash
# Bad input gets a clear error naming the file and line (or byte), the right
# exit code, and loses nothing: every good record before and after it is
# still written.  Usage: bad_input.sh path/to/storyline
set -u
bin=${1:?usage: bad_input.sh path/to/storyline}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp"; rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
cd "$tmp"
failures=0

fail() { echo "FAIL: $case: $*"; failures=$((failures + 1)); }

# run ARGS...: runs storyline clean, keeping stdout, stderr and the status.
run() {
    "$bin" clean "$@" >out.jsonl 2>err.txt
    status=$?
}

expect_exit() { [ "$status" -eq "$1" ] || fail "exit $status, expected $1 (stderr: $(head -c 300 err.txt))"; }
expect_err() { grep -qF -- "$1" err.txt || fail "stderr lacks '$1' (stderr: $(head -c 300 err.txt))"; }
# expect_ids ID...: the output holds exactly these documents, in this order.
expect_ids() {
    local got want
    got=$(grep -o '"id": *"[^"]*"' out.jsonl | sed 's/.*"\([^"]*\)"$/\1/' | tr '\n' ' ')
    want="$* "
    [ "$got" = "$want" ] || fail "documents out: '$got', expected '$want'"
}

good() { printf '{"id":"%s","text":"A short article about the harbour strike."}\n' "$1"; }
good g1 >a.jsonl
good g2 >b.jsonl

case="missing file"
run a.jsonl nosuch.jsonl b.jsonl
expect_exit 3
expect_err "nosuch.jsonl"
expect_ids g1 g2

case="unreadable directory"
if [ "$(id -u)" -eq 0 ] && ! command -v setpriv >/dev/null; then
    echo "skip: $case (root can read anything and setpriv is missing)"
else
    mkdir -p locked/inner && good g9 >locked/inner/c.jsonl && chmod 000 locked
    if [ "$(id -u)" -eq 0 ]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups "$bin" clean a.jsonl locked b.jsonl >out.jsonl 2>err.txt </dev/null
        status=$?
    else
        run a.jsonl locked b.jsonl
    fi
    # As nobody, a.jsonl and b.jsonl must be readable too.
    expect_exit 3
    expect_err "locked"
    expect_ids g1 g2
    chmod 755 locked
fi

case="truncated gzip"
{ good z1; good z2; for i in $(seq 1 2000); do good "pad$i"; done; } | gzip -c >t.jsonl.gz
head -c $(($(stat -c %s t.jsonl.gz) / 2)) t.jsonl.gz >cut.jsonl.gz
run a.jsonl cut.jsonl.gz b.jsonl
expect_exit 3
expect_err "cut.jsonl.gz"
expect_err "truncated"
grep -q '"id": "z1"' out.jsonl || fail "records before the cut are lost"
grep -q '"id": "g2"' out.jsonl || fail "the file after the truncated one is lost"

case="truncated zstd"
# zstd decodes whole blocks of up to 128 KiB: make several so that some
# come before the cut.
if command -v zstd >/dev/null; then
    { good s1; for i in $(seq 1 20000); do good "pad$i"; done; } | zstd -q -c >t.jsonl.zst
    head -c $(($(stat -c %s t.jsonl.zst) / 2)) t.jsonl.zst >cut.jsonl.zst
    run a.jsonl cut.jsonl.zst b.jsonl
    expect_exit 3
    expect_err "cut.jsonl.zst"
    expect_err "truncated"
    grep -q '"id": "s1"' out.jsonl || fail "records before the cut are lost"
    grep -q '"id": "g2"' out.jsonl || fail "the file after the truncated one is lost"
else
    echo "skip: $case (no zstd program)"
fi

case="invalid JSON line between good lines"
{ good j1; echo '{"id":"bad","text":"unterminated}'; good j2; } >mixed.jsonl
run mixed.jsonl
expect_exit 1
expect_err "mixed.jsonl:2:"
expect_ids j1 j2

case="invalid UTF-8 in a JSON line"
{ good u1; printf '{"id":"bad","text":"caf\xe9 cr\xe8me"}\n'; good u2; } >utf8.jsonl
run utf8.jsonl
expect_exit 1
expect_err "utf8.jsonl:2:"
expect_err "UTF-8"
expect_ids u1 u2

case="NUL byte in a JSON line"
{ good n1; printf '{"id":"bad","text":"a\0b"}\n'; good n2; } >nul.jsonl
run nul.jsonl
expect_exit 1
expect_err "nul.jsonl:2:"
expect_ids n1 n2

case="record without text"
{ good t1; echo '{"id":"bad","title":"no body"}'; echo '[1,2]'; good t2; } >notext.jsonl
run notext.jsonl
expect_exit 1
expect_err "notext.jsonl:2:"
expect_err "notext.jsonl:3:"
expect_ids t1 t2

case="a JSON array or pretty-printed JSON instead of JSON Lines"
printf '[\n  {"id": "x1", "text": "one"},\n  {"id": "x2", "text": "two"}\n]\n' >array.json
printf '{\n  "id": "x3",\n  "text": "three"\n}\n' >pretty.json
run a.jsonl array.json pretty.json b.jsonl
expect_exit 1
expect_err "array.json:1:1: not JSON Lines"
expect_err "pretty.json:1:1: not JSON Lines"
expect_ids g1 g2
[ "$(grep -c 'array.json' err.txt)" -eq 1 ] || fail "one error per file, not one per line"

case="empty file"
: >empty.jsonl
run a.jsonl empty.jsonl b.jsonl
expect_exit 0
expect_ids g1 g2

case="50 MB single line"
{
    good big0
    printf '{"id":"big","text":"'
    head -c $((50 * 1024 * 1024)) /dev/zero | tr '\0' 'x'
    printf '"}\n'
    good big2
} >big.jsonl
run --only=normalize big.jsonl
expect_exit 0
expect_ids big0 big big2
run --max-line=10M big.jsonl
expect_exit 1
expect_err "big.jsonl:2"
expect_err "10485760"
expect_ids big0 big2

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "all bad-input cases passed"

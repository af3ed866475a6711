#!/usr/bin/env bash
# storyline merge refuses intermediates it cannot trust, and --shard takes
# only i/N with i < N: a truncated or damaged file, a missing or repeated
# shard, another stage's file, other options, not an intermediate at all.
# usage: bad_parts.sh path/to/storyline
set -u
bin=${1:?usage: bad_parts.sh path/to/storyline}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
input=$(pwd)/data/sample/feed.jsonl
[ -f "$input" ] || { echo "run from the repository"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
failures=0
fail() { echo "FAIL: $case: $*"; failures=$((failures + 1)); }

# expect STATUS PATTERN CMD...: CMD exits with STATUS and says PATTERN
expect() {
    local want=$1 pattern=$2
    shift 2
    "$@" >out 2>err
    local got=$?
    [ "$got" -eq "$want" ] || fail "exit $got, expected $want ($(head -2 err))"
    grep -q -- "$pattern" err || fail "no '$pattern' in: $(head -2 err)"
}

for i in 0 1 2; do
    "$bin" dedup --shard "$i/3" -o "part$i" "$input" || { echo "map step failed"; exit 1; }
done
"$bin" stories --shard 0/3 -o story0 "$input"
"$bin" dedup "$input" >ref

case="good"
"$bin" merge --stage dedup part0 part1 part2 >merged || fail "exit $?"
cmp -s ref merged || fail "differs"

case="missing shard"
expect 2 "3 files were given\|shard of 3" "$bin" merge --stage dedup part0 part1
case="shard twice"
expect 2 "given twice" "$bin" merge --stage dedup part0 part1 part1
case="other stage"
expect 2 "holds stories results" "$bin" merge --stage dedup story0 part1 part2
case="other options"
expect 2 "other options" "$bin" merge --stage dedup --near 0.9 part0 part1 part2
case="truncated"
head -c 5000 part1 >cut1
expect 3 "truncated" "$bin" merge --stage dedup part0 cut1 part2
case="no trailer"
size=$(wc -c <part1)
head -c $((size - 52)) part1 >notrailer
expect 3 "truncated" "$bin" merge --stage dedup part0 notrailer part2
case="damaged byte"
cp part1 bad1
printf 'X' | dd of=bad1 bs=1 seek=3000 conv=notrunc 2>/dev/null
expect 3 "checksum\|damaged" "$bin" merge --stage dedup part0 bad1 part2
case="not an intermediate"
expect 3 "not a storyline intermediate" "$bin" merge --stage dedup part0 "$input" part2
case="missing file"
expect 3 "cannot open" "$bin" merge --stage dedup part0 nosuch part2
case="no stage"
expect 2 "needs --stage" "$bin" merge part0 part1 part2
case="unknown stage"
expect 2 "takes dedup" "$bin" merge --stage passages part0
case="shard out of range"
expect 2 "0 <= i < N" "$bin" dedup --shard 3/3 "$input"
case="shard not a fraction"
expect 2 "takes i/N" "$bin" dedup --shard two "$input"
case="command without shards"
expect 2 "does not take --shard" "$bin" search --shard 0/2 --db x.db foo
case="pairs sharded"
expect 2 "pairs" "$bin" dedup --pairs --shard 0/2 -o p "$input"
case="run shard with a store"
expect 2 "not a store" "$bin" run --shard 0/2 --db x.db "$input"
case="run merge into a full store"
"$bin" run -q --db full.db "$input"
for i in 0 1; do "$bin" run --shard "$i/2" -o "run$i" "$input"; done
expect 2 "starts a new" "$bin" merge --stage run --db full.db run0 run1
case="shard 0/1 is the whole"
"$bin" dedup --shard 0/1 "$input" >one || fail "exit $?"
cmp -s ref one || fail "--shard 0/1 differs from no shard"

[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "all cases passed"

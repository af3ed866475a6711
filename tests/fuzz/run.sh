#!/usr/bin/env bash
# Run the libFuzzer targets of a build made with -DSL_FUZZ=ON (`make fuzz`).
#   tests/fuzz/run.sh BUILD_DIR SECONDS [NAME...]
# Each target runs for SECONDS, one at a time, on BUILD_DIR/corpus/NAME: a
# working copy of tests/fuzz/corpus/NAME (new seeds are merged in on every
# run; the repository's corpus is never written).  Crash, leak and timeout
# inputs land in BUILD_DIR/crashes/NAME/, logs in BUILD_DIR/logs/NAME.log.
# Exits 1 when any target found something.
set -u
build=${1:?usage: run.sh BUILD_DIR SECONDS [NAME...]}
seconds=${2:?usage: run.sh BUILD_DIR SECONDS [NAME...]}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
    for f in "$here"/fuzz_*.c; do
        n=$(basename "$f" .c)
        names+=("${n#fuzz_}")
    done
fi
mkdir -p "$build/logs"
found=0
printf '%-10s %8s %10s %6s %6s  %s\n' target seconds execs cov corpus result
for name in "${names[@]}"; do
    bin="$build/fuzz_$name"
    if [ ! -x "$bin" ]; then
        echo "run.sh: $bin is missing (configure with -DSL_FUZZ=ON and build fuzz_all)" >&2
        exit 2
    fi
    work="$build/corpus/$name" crashes="$build/crashes/$name" log="$build/logs/$name.log"
    mkdir -p "$work" "$crashes"
    cp -n "$here/corpus/$name"/* "$work"/ 2>/dev/null
    before=$(ls "$crashes" | wc -l)
    "$bin" "$work" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$crashes/" >"$log" 2>&1
    rc=$?
    after=$(ls "$crashes" | wc -l)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    result=ok
    if [ "$rc" -ne 0 ] || [ "$after" -gt "$before" ]; then
        result="FOUND (exit $rc): see $log and $crashes/"
        found=1
    fi
    printf '%-10s %8s %10s %6s %6s  %s\n' "$name" "$seconds" "${execs:-?}" "${cov:-?}" \
        "$(ls "$work" | wc -l)" "$result"
done
exit $found

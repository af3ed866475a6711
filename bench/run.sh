#!/usr/bin/env bash
# shellcheck disable=SC2317  # the stage functions are called by name
# storyline benchmarks: speed, memory and quality figures, one per line as
#   name value unit
# on standard output; progress and diagnostics go to standard error.
#
# usage: bench/run.sh [--build=DIR] [--no-build] [BUILD_DIR] [STAGE...]
#   BUILD_DIR    an existing CMake build directory (default: build; `make
#                bench` passes it); --build=DIR may name a new one.  Relative
#                paths are taken from the repository's top directory.
#   STAGE        run only these stages (default: all): datagen clean mojibake
#                dedup stories facts extract serve scale
#   --no-build   use the binaries in the build directory as they are,
#                instead of running `make` first
#
# environment:
#   BENCH_SIZE=100M   size of the generated corpus
#   BENCH_SEED=1      its seed
#   BENCH_RUNS=3      timed runs per figure; the best is reported
#   SL_SHARED_DIR     the shared data (default: the repository's sibling ../shared)
#   SL_BENCH_BIG=1    dedup: also run on 200k documents (about 540 MB, a few
#                     minutes), which gives the scaling figure
#   TMPDIR            where the dedup stage writes its corpora (default /tmp);
#                     they are deleted when the script ends
#
# The corpus is cached in BUILD_DIR/bench/ and made again only when the
# parameters change or sl-datagen is newer than it.  Exit status: 0 when
# every stage that ran produced its figures, 1 otherwise, 2 on a usage error.
set -euo pipefail

STAGES=(datagen clean mojibake dedup stories facts extract serve scale)

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

BENCH_SIZE=${BENCH_SIZE:-100M}
BENCH_SEED=${BENCH_SEED:-1}
BENCH_RUNS=${BENCH_RUNS:-3}
shared=${SL_SHARED_DIR:-$repo/../shared}
build=build
no_build=0
failed=0
temp_dir=''

remove_temp() { [ -z "$temp_dir" ] || rm -rf "$temp_dir"; }
trap remove_temp EXIT
trap 'exit 130' INT   # so that the EXIT trap runs on ^C and kill too
trap 'exit 143' TERM

say() { echo "bench: $*" >&2; }
figure() { printf '%s %s %s\n' "$1" "$2" "$3"; }
fail() { say "$*"; failed=1; }

usage() {
    sed -n '3,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
}

is_stage() {
    local s
    for s in "${STAGES[@]}"; do [ "$s" = "$1" ] && return 0; done
    return 1
}

# ---------------------------------------------------------------- helpers

now_ns() { date +%s%N; }

# Peak memory of a command.  GNU time when installed (Debian package
# `time`); otherwise a Python wrapper that waits for the child with wait4()
# and reads its ru_maxrss, which is the kernel's VmHWM at exit.
have_gnu_time() { [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; }

# run_measured RSS_FILE CMD...: run CMD, write its peak RSS in KB to
# RSS_FILE, return its exit status.
run_measured() {
    local rss_file=$1
    shift
    if have_gnu_time; then
        /usr/bin/time -f %M -o "$rss_file" "$@"
    else
        python3 - "$rss_file" "$@" <<'PY'
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
open(sys.argv[1], "w").write(f"{usage.ru_maxrss}\n")
sys.exit(os.waitstatus_to_exitcode(status) & 0xFF)
PY
    fi
}

# best_of N OUT_PREFIX CMD...: run CMD N times (its output to OUT_PREFIX.out,
# or to $BEST_OUTPUT when set, e.g. /dev/null; errors to OUT_PREFIX.err); set
# BEST_SECONDS, BEST_RSS_KB (of the fastest run) and LAST_STATUS.
best_of() {
    local n=$1 prefix=$2 output=${BEST_OUTPUT:-$2.out}
    shift 2
    BEST_SECONDS='' BEST_RSS_KB='' LAST_STATUS=0
    local i start end secs
    for ((i = 1; i <= n; i++)); do
        start=$(now_ns)
        run_measured "$prefix.rss" "$@" >"$output" 2>"$prefix.err" || LAST_STATUS=$?
        end=$(now_ns)
        secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", (b - a) / 1e9 }')
        say "  run $i: ${secs}s"
        if [ -z "$BEST_SECONDS" ] || awk -v a="$secs" -v b="$BEST_SECONDS" 'BEGIN { exit !(a < b) }'; then
            BEST_SECONDS=$secs
            BEST_RSS_KB=$(tail -n 1 "$prefix.rss")
        fi
        [ "$LAST_STATUS" -ge 2 ] && return 0   # a hard failure: no point repeating it
    done
    return 0
}

rate() { awk -v x="$1" -v s="$2" -v d="${3:-1}" 'BEGIN { printf "%.1f", x / d / s }'; }
mb_of_kb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# --------------------------------------------------------------- building

build_if_needed() {
    if [ "$no_build" = 1 ]; then
        say "not building; using the binaries in $build"
    elif ! make -s BUILD="$build" all >&2; then
        say "build failed"
        exit 1
    fi
    storyline=$build/storyline
    datagen=$build/sl-datagen
    for b in "$storyline" "$datagen"; do
        [ -x "$b" ] || { say "missing $b after the build"; exit 1; }
    done
}

# The cached corpus for the current parameters; made when missing or older
# than the generator.
corpus_path() {
    echo "$build/bench/corpus-$BENCH_SIZE-seed$BENCH_SEED.jsonl"
}

ensure_corpus() {
    corpus=$(corpus_path)
    truth=${corpus%.jsonl}.truth.jsonl
    if [ -s "$corpus" ] && [ -s "$truth" ] && [ "$corpus" -nt "$datagen" ]; then
        return 0
    fi
    mkdir -p "$build/bench"
    say "generating a $BENCH_SIZE corpus (seed $BENCH_SEED) into $corpus"
    "$datagen" --size="$BENCH_SIZE" --seed="$BENCH_SEED" --truth="$truth.tmp" -o "$corpus.tmp"
    mv "$truth.tmp" "$truth"
    mv "$corpus.tmp" "$corpus"
}

# ----------------------------------------------------------------- stages
# One function per stage, stage_<name>; each prints its figures.  Add a
# stage by writing its function and listing it in STAGES.

# How fast the corpus generator is (writing to /dev/null).
stage_datagen() {
    local dir=$build/bench/datagen bytes
    mkdir -p "$dir"
    say "datagen: $BENCH_RUNS runs of sl-datagen --size=$BENCH_SIZE"
    best_of "$BENCH_RUNS" "$dir/run" "$datagen" --size="$BENCH_SIZE" --seed="$BENCH_SEED"
    if [ "$LAST_STATUS" -ne 0 ]; then
        fail "datagen: sl-datagen failed (exit $LAST_STATUS): $(head -c 500 "$dir/run.err")"
        return
    fi
    bytes=$(stat -c %s "$dir/run.out")
    rm -f "$dir/run.out"
    figure datagen.throughput_mb_s "$(rate "$bytes" "$BEST_SECONDS" 1e6)" MB/s
}

# `storyline clean` on the corpus: throughput, documents per second, peak memory.
stage_clean() {
    ensure_corpus
    local dir=$build/bench/clean bytes docs out_docs
    mkdir -p "$dir"
    bytes=$(stat -c %s "$corpus")
    docs=$(wc -l <"$corpus")
    say "clean: $BENCH_RUNS runs of storyline clean on $((bytes / 1000000)) MB, $docs documents"
    best_of "$BENCH_RUNS" "$dir/run" "$storyline" clean -q "$corpus"
    if [ "$LAST_STATUS" -ge 2 ]; then
        fail "clean: storyline clean failed (exit $LAST_STATUS): $(head -c 500 "$dir/run.err")"
        return
    fi
    out_docs=$(wc -l <"$dir/run.out")
    if [ "$out_docs" -ne "$docs" ]; then
        say "clean: warning: $out_docs documents out of $docs (exit $LAST_STATUS)"
    fi
    figure clean.throughput_mb_s "$(rate "$bytes" "$BEST_SECONDS" 1e6)" MB/s
    figure clean.docs_per_s "$(rate "$out_docs" "$BEST_SECONDS")" docs/s
    figure clean.peak_rss_mb "$(awk -v k="$BEST_RSS_KB" 'BEGIN { printf "%.1f", k / 1024 }')" MB
    clean_synthetic_scores "$truth" "$dir/run.out"
}

# Encoding repair on the generated corpus, from its ground truth: the share
# of damaged documents left with no trace of the damage, and the share of
# undamaged ones that got an encoding repair anyway.  The generator's own text never
# contains the traces looked for (Ã, Â, â€, &name; or &#N;).
clean_synthetic_scores() {
    python3 - "$1" "$2" <<'PY'
import json, re, sys
mojibake_trace = re.compile("Ã|Â|â€")
entity_trace = re.compile("&(#[0-9]+|[a-z]+);")
encoding_kinds = ("mojibake", "entity", "decode", "invalid-utf8")
n = {"mojibake": [0, 0], "entities": [0, 0], "none": [0, 0]}
with open(sys.argv[1], encoding="utf-8") as f:
    damage_of = {t["id"]: t["damage"] for t in map(json.loads, f)}
with open(sys.argv[2], encoding="utf-8") as out:
    for line in out:
        d = json.loads(line)
        damage = damage_of.get(d.get("id"))
        if damage is None:
            continue
        if damage == "none":
            n["none"][0] += 1
            n["none"][1] += any(r.get("kind", "").startswith(encoding_kinds) for r in d.get("repairs", []))
        if "mojibake" in damage:
            n["mojibake"][0] += 1
            n["mojibake"][1] += not mojibake_trace.search(d["text"])
        if "entities" in damage:
            n["entities"][0] += 1
            n["entities"][1] += not entity_trace.search(d["text"])
def ratio(k):
    return "%.4f" % (n[k][1] / n[k][0]) if n[k][0] else "n/a"
print("clean.synth_mojibake_fixed", ratio("mojibake"), "ratio")
print("clean.synth_entities_fixed", ratio("entities"), "ratio")
print("clean.synth_false_repair_rate", ratio("none"), "ratio")
PY
}

# Encoding repair against the labelled mojibake cases in the shared data.
stage_mojibake() {
    local data=$shared/data/mojibake score=$shared/tools/mojibake_score.py
    if [ ! -d "$data" ] || [ ! -f "$score" ]; then
        say "mojibake: skipped, no shared data at $shared (set SL_SHARED_DIR)"
        return
    fi
    local dir=$build/bench/mojibake cases name result rc
    mkdir -p "$dir"
    for cases in "$data"/*.jsonl; do
        name=$(basename "$cases" .jsonl)
        say "mojibake: $name"
        python3 "$score" --input "$cases" >"$dir/$name.in.jsonl"
        rc=0
        "$storyline" clean --only=encoding "$dir/$name.in.jsonl" >"$dir/$name.out.jsonl" 2>"$dir/$name.err" || rc=$?
        if [ "$rc" -ge 2 ]; then
            fail "mojibake: storyline clean failed on $name (exit $rc): $(head -c 500 "$dir/$name.err")"
            continue
        fi
        python3 "$score" "$cases" "$dir/$name.out.jsonl" >"$dir/$name.score"
        # The cases it missed, by label: the commonest here, all in the file.
        awk 'NR <= 5 && !/^[{]/' "$dir/$name.score" >&2
        say "  (every missed case: $dir/$name.score)"
        result=$(tail -n 1 "$dir/$name.score")
        python3 -c '
import json, sys
r, name = json.loads(sys.argv[1]), sys.argv[2]
for key in ("fix_accuracy", "false_change_rate"):
    print("mojibake.%s.%s %s ratio" % (name, key, r[key]))' "$result" "$name"
    done
}

# `storyline dedup` on corpora of a given number of documents with known
# duplicates, next to the floor: sl-floor reads the same file with the same
# reader and hashes every word 5-gram of every text, nothing else, so
# dedup/floor is the share of the best speed this design can reach.
# Figures per size (20k, and 200k with SL_BENCH_BIG=1): dedup.<n>.*; at 20k
# also dedup with cleaning and the clusters scored against the truth; with
# both sizes, the time ratio 200k/20k (10 when linear).
DEDUP_DUP_RATE=0.2
DEDUP_PARAGRAPHS=9-25      # about 600 words a document, as issue 4 asks
DEDUP_BYTES_PER_DOC=4600   # a little over sl-datagen's mean at that length

stage_dedup() {
    local floor=$build/sl-floor
    if [ ! -x "$floor" ]; then
        fail "dedup: missing $floor (the sl-floor target of CMakeLists.txt)"
        return
    fi
    temp_dir=$(mktemp -d "${TMPDIR:-/tmp}/sl-bench-dedup.XXXXXX")
    local sizes=(20000) n small_secs=''
    [ "${SL_BENCH_BIG:-0}" = 1 ] && sizes+=(200000)
    for n in "${sizes[@]}"; do
        make_dedup_corpus "$n" || return 0
        dedup_figures "$n" || return 0
        if [ "$n" = 20000 ]; then
            small_secs=$DEDUP_SECONDS
            dedup_with_clean_figures "$n"
            dedup_scores "$n"
        elif [ "$n" = 200000 ] && [ -n "$small_secs" ]; then
            figure dedup.time_200k_over_20k \
                "$(awk -v a="$DEDUP_SECONDS" -v b="$small_secs" 'BEGIN { printf "%.2f", a / b }')" ratio
        fi
        rm -f "$dedup_input" "$dedup_truth"
    done
    remove_temp
    temp_dir=''
}

docs_label() { echo "$(($1 / 1000))k"; }

# Keep the first N lines of FILE, in place.
keep_lines() {
    local bytes
    bytes=$(head -n "$1" "$2" | wc -c)
    truncate -s "$bytes" "$2"
}

# make_dedup_corpus N: a corpus of exactly N documents and its truth, in the
# temporary directory; sets dedup_input and dedup_truth.  sl-datagen stops
# at a size, and a smaller size gives a prefix of a larger one, so the
# corpus is made a little too big and cut after N lines.
make_dedup_corpus() {
    local n=$1 label have size
    label=$(docs_label "$n")
    dedup_input=$temp_dir/corpus-$label.jsonl
    dedup_truth=$temp_dir/corpus-$label.truth.jsonl
    size=$((n * DEDUP_BYTES_PER_DOC))
    while :; do
        say "dedup: generating $n documents (--size=$size --dup-rate=$DEDUP_DUP_RATE" \
            "--paragraphs=$DEDUP_PARAGRAPHS --seed=$BENCH_SEED)"
        if ! "$datagen" --size="$size" --seed="$BENCH_SEED" --dup-rate="$DEDUP_DUP_RATE" \
            --paragraphs="$DEDUP_PARAGRAPHS" \
            --truth="$dedup_truth" -o "$dedup_input"; then
            fail "dedup: sl-datagen failed"
            return 1
        fi
        have=$(wc -l <"$dedup_input")
        [ "$have" -ge "$n" ] && break
        size=$((size * 2))
    done
    keep_lines "$n" "$dedup_input"
    keep_lines "$n" "$dedup_truth"
    # Write the new files out now: otherwise the kernel does it during the
    # first timed runs and slows them down (by half, at 200k).
    sync "$dedup_input" "$dedup_truth"
    say "dedup: $(docs_label "$n") corpus: $(($(stat -c %s "$dedup_input") / 1000000)) MB" \
        "$(dedup_words_per_doc "$dedup_input") words per document"
}

# Mean words per document (whitespace-separated), from the first 20000.
dedup_words_per_doc() {
    head -n 20000 "$1" | python3 -c '
import json, sys
words = [len(json.loads(line)["text"].split()) for line in sys.stdin]
print(round(sum(words) / len(words)) if words else 0)'
}

# dedup_figures N: the floor, then `storyline dedup --no-clean` to
# /dev/null, then one --summary run for the index size; sets DEDUP_SECONDS.
dedup_figures() {
    local n=$1 label bytes floor_secs memory
    label=$(docs_label "$n")
    local dir=$temp_dir/$label
    mkdir -p "$dir"
    bytes=$(stat -c %s "$dedup_input")

    say "dedup: $BENCH_RUNS runs of sl-floor on $label"
    best_of "$BENCH_RUNS" "$dir/floor" "$build/sl-floor" "$dedup_input"
    if [ "$LAST_STATUS" -ne 0 ]; then
        fail "dedup: sl-floor failed (exit $LAST_STATUS): $(head -c 500 "$dir/floor.err")"
        return 1
    fi
    floor_secs=$BEST_SECONDS

    say "dedup: $BENCH_RUNS runs of storyline dedup --no-clean on $label"
    BEST_OUTPUT=/dev/null best_of "$BENCH_RUNS" "$dir/dedup" \
        "$storyline" dedup --no-clean -q "$dedup_input"
    if [ "$LAST_STATUS" -ne 0 ]; then
        fail "dedup: storyline dedup failed (exit $LAST_STATUS): $(head -c 500 "$dir/dedup.err")"
        return 1
    fi
    DEDUP_SECONDS=$BEST_SECONDS
    figure "dedup.$label.docs_per_s" "$(rate "$n" "$BEST_SECONDS")" docs/s
    figure "dedup.$label.throughput_mb_s" "$(rate "$bytes" "$BEST_SECONDS" 1e6)" MB/s
    figure "dedup.$label.peak_rss_mb" "$(mb_of_kb "$BEST_RSS_KB")" MB

    say "dedup: storyline dedup --no-clean --summary on $label"
    # "memory: T bytes per document: index I, records R, ids D, pairs P; ..."
    memory=$("$storyline" dedup --no-clean --summary -q "$dedup_input" 2>"$dir/summary.err" |
        awk '$1 == "memory:" { gsub(",", ""); print $2, $7, $9 }') || true
    if [ -n "$memory" ]; then
        read -r total index records <<<"$memory"
        figure "dedup.$label.index_bytes_per_doc" "$index" bytes
        figure "dedup.$label.record_bytes_per_doc" "$records" bytes
        figure "dedup.$label.memory_bytes_per_doc" "$total" bytes
    else
        fail "dedup: no memory line from --summary: $(head -c 500 "$dir/summary.err")"
    fi

    figure "dedup.$label.floor_mb_s" "$(rate "$bytes" "$floor_secs" 1e6)" MB/s
    figure "dedup.$label.speed_vs_floor" \
        "$(awk -v f="$floor_secs" -v d="$DEDUP_SECONDS" 'BEGIN { printf "%.3f", f / d }')" ratio
}

# The same corpus with cleaning (the default of `storyline dedup`).
dedup_with_clean_figures() {
    local n=$1 label bytes
    label=$(docs_label "$n")
    local dir=$temp_dir/$label
    bytes=$(stat -c %s "$dedup_input")
    say "dedup: $BENCH_RUNS runs of storyline dedup (with cleaning) on $label"
    BEST_OUTPUT=/dev/null best_of "$BENCH_RUNS" "$dir/dedup-clean" \
        "$storyline" dedup -q "$dedup_input"
    if [ "$LAST_STATUS" -ne 0 ]; then
        fail "dedup: storyline dedup failed (exit $LAST_STATUS): $(head -c 500 "$dir/dedup-clean.err")"
        return
    fi
    figure "dedup.$label.with_clean.docs_per_s" "$(rate "$n" "$BEST_SECONDS")" docs/s
    figure "dedup.$label.with_clean.throughput_mb_s" "$(rate "$bytes" "$BEST_SECONDS" 1e6)" MB/s
    figure "dedup.$label.with_clean.peak_rss_mb" "$(mb_of_kb "$BEST_RSS_KB")" MB
}

# Clusters against the generator's truth, pairwise (every pair of documents
# put together), by ../shared/tools/dedup_score.py.  In the truth a
# contained text is a cluster of its own, as in storyline's output.
dedup_scores() {
    local n=$1 label score=$shared/tools/dedup_score.py
    label=$(docs_label "$n")
    local dir=$temp_dir/$label
    if [ ! -f "$score" ]; then
        say "dedup: cluster scores skipped, no $score (set SL_SHARED_DIR)"
        return
    fi
    if ! head -n 1 "$dedup_truth" | grep -q '"cluster":'; then
        say "dedup: cluster scores skipped, the truth file has no cluster field"
        return
    fi
    say "dedup: scoring the $label clusters against the truth"
    if ! "$storyline" dedup --no-clean -q -o "$dir/out.jsonl" "$dedup_input" 2>"$dir/out.err"; then
        fail "dedup: storyline dedup failed: $(head -c 500 "$dir/out.err")"
        return
    fi
    python3 "$score" "$dedup_truth" "$dir/out.jsonl" --pred-key dup.cluster --gold-key cluster \
        >"$dir/score.json"
    python3 -c '
import json, sys
r, label = json.load(open(sys.argv[1])), sys.argv[2]
for key in ("pairwise_p", "pairwise_r", "pairwise_f1"):
    print("dedup.%s.%s %s ratio" % (label, key, r[key]))' "$dir/score.json" "$label"
}

# ------------------------------------------------------------------- main

# ----------------------------------------------------------------- stories
# `storyline stories --no-clean` on the same generated corpora as dedup
# (600 words a document): docs/s with all cores and with one, peak RSS,
# the 200k/20k time ratio (SL_BENCH_BIG=1), the story-level B-cubed F1
# against the generator's truth, and with ../shared the ECB+ event-level
# scores and how much the clustering changes when the input is shuffled.
stage_stories() {
    temp_dir=$(mktemp -d "${TMPDIR:-/tmp}/sl-bench-stories.XXXXXX")
    local sizes=(20000) n small_secs='' label dir
    [ "${SL_BENCH_BIG:-0}" = 1 ] && sizes+=(200000)
    for n in "${sizes[@]}"; do
        make_dedup_corpus "$n" || return 0
        label=$(docs_label "$n")
        dir=$temp_dir/$label
        mkdir -p "$dir"
        say "stories: $BENCH_RUNS runs of storyline stories --no-clean on $label"
        BEST_OUTPUT=/dev/null best_of "$BENCH_RUNS" "$dir/stories" \
            "$storyline" stories --no-clean -q "$dedup_input"
        if [ "$LAST_STATUS" -ne 0 ]; then
            fail "stories: storyline stories failed (exit $LAST_STATUS): $(head -c 500 "$dir/stories.err")"
            return
        fi
        figure "stories.$label.docs_per_s" "$(rate "$n" "$BEST_SECONDS")" docs/s
        figure "stories.$label.peak_rss_mb" "$(mb_of_kb "$BEST_RSS_KB")" MB
        if [ "$n" = 20000 ]; then
            small_secs=$BEST_SECONDS
            BEST_OUTPUT=/dev/null best_of "$BENCH_RUNS" "$dir/one" \
                "$storyline" stories --no-clean -q --threads=1 "$dedup_input"
            figure "stories.$label.docs_per_s_one_thread" "$(rate "$n" "$BEST_SECONDS")" docs/s
            stories_generated_score "$dir"
        elif [ -n "$small_secs" ]; then
            figure stories.time_200k_over_20k \
                "$(awk -v a="$BEST_SECONDS" -v b="$small_secs" 'BEGIN { printf "%.2f", a / b }')" ratio
        fi
        rm -f "$dedup_input" "$dedup_truth"
    done
    stories_ecbplus
    remove_temp
    temp_dir=''
}

# Story level against sl-datagen's truth ("story" per document).
stories_generated_score() {
    local dir=$1
    "$storyline" stories --no-clean -q -o "$dir/out.jsonl" "$dedup_input" 2>/dev/null || return 0
    python3 - "$dedup_truth" "$dir/out.jsonl" <<'PY'
import json, sys
sys.path.insert(0, "scripts")
from check_stories import bcubed
gold = {json.loads(l)["id"]: json.loads(l)["story"] for l in open(sys.argv[1])}
pred = {}
for l in open(sys.argv[2]):
    d = json.loads(l)
    pred[d["id"]] = d["story"]["story"]
p, r, f = bcubed({i: gold[i] for i in pred}, pred)
print("stories.20k.story_bcubed_p %.4f ratio\nstories.20k.story_bcubed_r %.4f ratio\n"
      "stories.20k.story_bcubed_f1 %.4f ratio" % (p, r, f))
PY
}

# ECB+ (odd topics): event-level B-cubed and pairwise F1 with opaque ids in
# a fixed shuffled order, and the B-cubed F1 between the clusterings of two
# other orders (1.0: the order does not matter).
stories_ecbplus() {
    local docs=$shared/data/stories/ecbplus_dev/docs.jsonl score=$shared/tools/dedup_score.py
    if [ ! -f "$docs" ] || [ ! -f "$score" ]; then
        say "stories: ECB+ scores skipped, no $docs (set SL_SHARED_DIR)"
        return
    fi
    local dir=$temp_dir/ecb
    mkdir -p "$dir"
    python3 - "$docs" "$dir" <<'PY'
import json, random, sys
docs = [json.loads(l) for l in open(sys.argv[1])]
for seed in (1, 2, 3):
    order = list(range(len(docs)))
    random.Random(seed).shuffle(order)
    with open("%s/in%d.jsonl" % (sys.argv[2], seed), "w") as f:
        for i in order:
            d = docs[i]
            rec = {"id": "doc%03d" % i, "text": d["text"]}
            if d.get("date"):
                rec["published"] = d["date"]
            f.write(json.dumps(rec) + "\n")
with open(sys.argv[2] + "/gold.jsonl", "w") as f:
    for i, d in enumerate(docs):
        f.write(json.dumps({"id": "doc%03d" % i, "cluster": d["story"]}) + "\n")
PY
    local s
    for s in 1 2 3; do
        "$storyline" stories --no-clean -q -o "$dir/out$s.jsonl" "$dir/in$s.jsonl" || return 0
    done
    python3 "$score" "$dir/gold.jsonl" "$dir/out1.jsonl" --pred-key story.event | python3 -c '
import json, sys
r = json.loads(sys.stdin.read().splitlines()[-1])
for k in ("bcubed_p", "bcubed_r", "bcubed_f1", "pairwise_f1"):
    print("stories.ecbplus.event_%s %s ratio" % (k, r[k]))'
    python3 - "$dir" <<'PY'
import json, sys
sys.path.insert(0, "scripts")
from check_stories import bcubed
def load(n):
    return {json.loads(l)["id"]: json.loads(l)["story"]["event"] for l in open("%s/out%d.jsonl" % (sys.argv[1], n))}
a, b = load(2), load(3)
print("stories.ecbplus.shuffle_agreement_bcubed_f1 %.4f ratio" % bcubed(a, b)[2])
PY
}

# ------------------------------------------------------------------- facts
# `storyline facts` (entities, quotes, time expressions, publication date)
# and `storyline dates` (time only) on the 20k generated corpus, one thread
# (the per-core figure) and all; with ../shared, the quality scores of the
# shared scorers: NER on CoNLL dev, quotes on PolNeAR dev, TIMEX3 values on
# TempEval-3 TBAQ.
stage_facts() {
    temp_dir=$(mktemp -d "${TMPDIR:-/tmp}/sl-bench-facts.XXXXXX")
    make_dedup_corpus 20000 || return 0
    local dir=$temp_dir/facts
    mkdir -p "$dir"
    say "facts: $BENCH_RUNS runs of storyline facts --no-clean --threads=1 on 20k"
    BEST_OUTPUT=/dev/null best_of "$BENCH_RUNS" "$dir/one" \
        "$storyline" facts --no-clean -q --threads=1 "$dedup_input"
    if [ "$LAST_STATUS" -ne 0 ]; then
        fail "facts: storyline facts failed (exit $LAST_STATUS): $(head -c 500 "$dir/one.err")"
        return
    fi
    figure facts.20k.docs_per_s_one_thread "$(rate 20000 "$BEST_SECONDS")" docs/s
    BEST_OUTPUT=/dev/null best_of "$BENCH_RUNS" "$dir/all" \
        "$storyline" facts --no-clean -q "$dedup_input"
    figure facts.20k.docs_per_s "$(rate 20000 "$BEST_SECONDS")" docs/s
    figure facts.20k.peak_rss_mb "$(mb_of_kb "$BEST_RSS_KB")" MB
    BEST_OUTPUT=/dev/null best_of "$BENCH_RUNS" "$dir/dates" \
        "$storyline" dates --no-clean -q --threads=1 "$dedup_input"
    figure facts.20k.dates_docs_per_s_one_thread "$(rate 20000 "$BEST_SECONDS")" docs/s
    rm -f "$dedup_input" "$dedup_truth"
    facts_scores "$dir"
    remove_temp
    temp_dir=''
}

facts_scores() {
    local dir=$1 tools=$shared/tools data=$shared/data
    if [ ! -d "$tools" ] || [ ! -d "$data" ]; then
        say "facts: quality scores skipped, no $shared (set SL_SHARED_DIR)"
        return
    fi
    python3 -c '
import json, sys
for l in open(sys.argv[1]):
    d = json.loads(l)
    print(json.dumps({"id": d["id"], "text": d["text"]}))' "$data/ner/conll_dev.jsonl" >"$dir/ner.in"
    "$storyline" facts --no-clean -q -o "$dir/ner.out" "$dir/ner.in" &&
        python3 "$tools/ner_score.py" "$data/ner/conll_dev.jsonl" "$dir/ner.out" | tail -n 1 |
        python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
m = r.get("micro", r)
for k in ("p", "r", "f1"):
    if k in m:
        print("facts.ner_conll_dev.%s %s ratio" % (k, m[k]))'
    python3 -c '
import json, sys
for l in open(sys.argv[1]):
    d = json.loads(l)
    print(json.dumps({"id": d["id"], "text": d["text"]}))' "$data/quotes/polnear_dev.jsonl" >"$dir/q.in"
    "$storyline" quotes --no-clean -q -o "$dir/q.out" "$dir/q.in" &&
        python3 "$tools/quote_score.py" "$data/quotes/polnear_dev.jsonl" "$dir/q.out" | tail -n 1 |
        python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
for k in ("exact_f1", "overlap_f1", "overlap_p", "overlap_r", "source_acc"):
    print("facts.quotes_polnear_dev.%s %s ratio" % (k, r[k]))'
    python3 -c '
import json, sys
for l in open(sys.argv[1]):
    d = json.loads(l)
    print(json.dumps({"id": d["id"], "text": d["text"], "published": d["dct"]}))' \
        "$data/dates/tbaq/docs.jsonl" >"$dir/t.in"
    "$storyline" dates --no-clean -q -o "$dir/t.out" "$dir/t.in" &&
        python3 "$tools/timex_score.py" "$data/dates/tbaq/docs.jsonl" "$dir/t.out" | tail -n 1 |
        python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
for k, v in sorted(r.items()):
    if isinstance(v, (int, float)) and ("f1" in k or "acc" in k):
        print("facts.timex_tbaq.%s %s ratio" % (k, v))'
}

# ----------------------------------------------------------------- extract
# `storyline extract` on the trafilatura evaluation pages of ../shared,
# unpacked first (the speed of the extractor, not of gunzip), one core:
# pages/s, MB/s of HTML, peak RSS; then precision, recall and F1 of the
# extracted text from ../shared/tools/html_score.py.
stage_extract() {
    local data=$shared/data/html/trafilatura_eval score=$shared/tools/html_score.py
    if [ ! -d "$data/pages" ] || [ ! -f "$score" ]; then
        say "extract: skipped, no $data (set SL_SHARED_DIR)"
        return
    fi
    temp_dir=$(mktemp -d "${TMPDIR:-/tmp}/sl-bench-extract.XXXXXX")
    local dir=$temp_dir pages=$temp_dir/pages f name n bytes
    mkdir -p "$pages"
    for f in "$data"/pages/*.html.gz; do
        name=$(basename "$f" .gz)
        gzip -dc "$f" >"$pages/$name"
    done
    n=$(find "$pages" -type f | wc -l)
    bytes=$(du -sb "$pages" | cut -f1)
    local pin=()
    command -v taskset >/dev/null && pin=(taskset -c 0)
    say "extract: $BENCH_RUNS runs of storyline extract on $n pages ($((bytes / 1000000)) MB)"
    best_of "$BENCH_RUNS" "$dir/run" "${pin[@]}" "$storyline" extract "$pages"
    if [ "$LAST_STATUS" -ne 0 ]; then
        fail "extract: storyline extract failed (exit $LAST_STATUS): $(head -c 500 "$dir/run.err")"
        return
    fi
    figure extract.pages_per_s "$(rate "$n" "$BEST_SECONDS")" pages/s
    figure extract.throughput_mb_s "$(rate "$bytes" "$BEST_SECONDS" 1e6)" MB/s
    figure extract.peak_rss_mb "$(mb_of_kb "$BEST_RSS_KB")" MB
    python3 "$score" "$data/cases.jsonl" "$dir/run.out" | tail -n 1 | python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
for k in ("precision", "recall", "f1"):
    print("extract.trafilatura_eval.%s %s ratio" % (k, r[k]))'
    remove_temp
    temp_dir=''
}

# serve: `storyline run` into a store from a generated corpus of about 20k
# documents (sl-datagen --size=80M --paragraphs=9-25: 20,727), its speed and
# store size; then `storyline serve` on it: search latency through the API
# (bench/serve_latency.py: 1,000 one-word queries, median and p99) and
# requests/s with wrk (-t2 -c16 -d10s) on /api/stories and /api/search.
SERVE_WRK_QUERY=${SERVE_WRK_QUERY:-council}
stage_serve() {
    temp_dir=$(mktemp -d "${TMPDIR:-/tmp}/sl-bench-serve.XXXXXX")
    local dir=$temp_dir corpus_file=$temp_dir/corpus.jsonl n port pid line
    say "serve: generating the corpus (sl-datagen --size=80M --paragraphs=9-25)"
    if ! "$datagen" --size=80M --paragraphs=9-25 --seed="$BENCH_SEED" -o "$corpus_file"; then
        fail "serve: sl-datagen failed"
        return 0
    fi
    n=$(wc -l < "$corpus_file")
    say "serve: storyline run --db on $n documents (one run)"
    BEST_OUTPUT=/dev/null best_of 1 "$dir/run" "$storyline" run -q --db "$dir/s.db" "$corpus_file"
    if [ "$LAST_STATUS" -ne 0 ]; then
        fail "serve: storyline run failed (exit $LAST_STATUS): $(head -c 500 "$dir/run.err")"
        return 0
    fi
    figure run.20k.docs_per_s "$(rate "$n" "$BEST_SECONDS")" docs/s
    figure run.20k.peak_rss_mb "$(mb_of_kb "$BEST_RSS_KB")" MB
    figure run.20k.store_bytes_per_doc "$(( $(stat -c %s "$dir/s.db") / n ))" bytes
    "$storyline" serve --db "$dir/s.db" --port 0 --rate 0 2> "$dir/serve.err" &
    pid=$!
    for _ in $(seq 50); do
        line=$(head -n 1 "$dir/serve.err")
        [ -n "$line" ] && break
        sleep 0.1
    done
    port=$(sed -n 's/.*serving http:\/\/[0-9.]*:\([0-9]*\)\/.*/\1/p' <<< "$line")
    if [ -z "$port" ]; then
        kill "$pid" 2>/dev/null
        fail "serve: the server did not start: $(head -c 500 "$dir/serve.err")"
        return 0
    fi
    local lat
    if lat=$(python3 bench/serve_latency.py "$port" "$dir/s.db" 1000); then
        figure serve.search_latency_median_ms "$(cut -d' ' -f1 <<< "$lat")" ms
        figure serve.search_latency_p99_ms "$(cut -d' ' -f2 <<< "$lat")" ms
    else
        fail "serve: the latency driver failed"
    fi
    if command -v wrk > /dev/null; then
        local path
        for path in /api/stories "/api/search?q=$SERVE_WRK_QUERY"; do
            local rps
            rps=$(wrk -t2 -c16 -d10s "http://127.0.0.1:$port$path" | sed -n 's/^Requests\/sec: *//p')
            figure "serve.wrk.$(sed 's/^\/api\///; s/?.*//' <<< "$path").requests_per_s" "${rps:-0}" req/s
        done
    else
        say "serve: wrk not installed: no requests/s figures"
    fi
    kill -TERM "$pid"
    wait "$pid" || fail "serve: storyline serve did not stop cleanly"
    remove_temp
    temp_dir=''
}

# ------------------------------------------------------------------- scale
# Scale-out (docs/scale.md) on the 20k generated corpus: for dedup, stories
# and run, documents per second with 1 and 2 threads and with 2 MPI ranks
# (mpiexec -n 2 ... --threads=1), measured side by side, the speed-ups, and
# the bytes gathered at rank 0 per document; then the per-document CPU
# costs the scaling model takes (one thread, one run each): reading and
# cleaning every record (a map step owning almost none: --shard 0/1000),
# preparing (two map steps --shard 0/2 and 1/2, less twice that), and the
# sequential resolution (merge of the two), with the intermediate bytes per
# document.
# scale_run CMD OUT_DB THREADS [LAUNCHER...]: one command; run gets a new store
scale_run() {
    local cmd=$1 db=$2 threads=$3
    shift 3
    if [ "$cmd" = run ]; then
        rm -f "$db" "$db-wal" "$db-shm"
        "$@" "$storyline" run -q --threads="$threads" --db "$db" "$dedup_input"
    else
        "$@" "$storyline" "$cmd" -q --threads="$threads" -o /dev/null "$dedup_input"
    fi
}

# scale_once CMD DIR LAYOUT: one timed run of a layout (t1, t2, m2); its
# time is kept in DIR/CMD.LAYOUT.best when it beats the one there
scale_once() {
    local cmd=$1 dir=$2 layout=$3 launcher=()
    local threads=${layout#t}
    if [ "$layout" = m2 ]; then
        threads=1
        launcher=(mpiexec -n 2)
    fi
    SL_DIST_STATS=1 BEST_OUTPUT=/dev/null best_of 1 "$dir/$cmd.$layout" \
        bash -c 'scale_run "$@"' _ "$cmd" "$dir/$layout.db" "$threads" "${launcher[@]}"
    [ "$LAST_STATUS" -eq 0 ] || return 1
    if [ ! -s "$dir/$cmd.$layout.best" ] ||
        awk -v a="$BEST_SECONDS" -v b="$(cat "$dir/$cmd.$layout.best")" 'BEGIN { exit !(a < b) }'; then
        echo "$BEST_SECONDS" >"$dir/$cmd.$layout.best"
    fi
}

# The layouts take turns (1 thread, 2 threads, 2 ranks; BENCH_RUNS rounds),
# so that a change in the machine's load falls on all of them alike.
scale_speedups() { # scale_speedups CMD DIR
    local cmd=$1 dir=$2 t1 t2 m2 n=20000 round layout layouts=(t1 t2)
    [ "$scale_mpi" = 1 ] && layouts+=(m2)
    export -f scale_run
    export dedup_input storyline
    rm -f "$dir/$cmd".*.best
    for ((round = 1; round <= BENCH_RUNS; round++)); do
        for layout in "${layouts[@]}"; do
            scale_once "$cmd" "$dir" "$layout" ||
                { fail "scale: $cmd $layout failed: $(head -c 300 "$dir/$cmd.$layout.err")"; return 1; }
        done
    done
    t1=$(cat "$dir/$cmd.t1.best") t2=$(cat "$dir/$cmd.t2.best")
    figure "scale.$cmd.docs_per_s_1_thread" "$(rate "$n" "$t1")" docs/s
    figure "scale.$cmd.docs_per_s_2_threads" "$(rate "$n" "$t2")" docs/s
    figure "scale.$cmd.speedup_2_threads" "$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.2f", a / b }')" x
    [ "$scale_mpi" = 1 ] || return 0
    m2=$(cat "$dir/$cmd.m2.best")
    figure "scale.$cmd.docs_per_s_2_ranks" "$(rate "$n" "$m2")" docs/s
    figure "scale.$cmd.speedup_2_ranks" "$(awk -v a="$t1" -v b="$m2" 'BEGIN { printf "%.2f", a / b }')" x
    local gathered
    gathered=$(sed -n 's/.*rank 0 of 2: \([0-9]*\) bytes gathered.*/\1/p' "$dir/$cmd.m2.err" | tail -n 1)
    # rank 1 prepares every other document: n / 2 of them came over
    figure "scale.$cmd.gathered_bytes_per_doc" "$(( ${gathered:-0} / (n / 2) ))" bytes
}

# cpu_seconds FILE CMD...: run CMD (output discarded), write its user + system
# CPU seconds to FILE (wall seconds without GNU time); CPU time, not wall,
# because a shared machine's load stretches the wall time of a run
cpu_seconds() {
    local file=$1 start end
    shift
    if have_gnu_time; then
        /usr/bin/time -f '%U %S' -o "$file.t" "$@" >/dev/null 2>"$file.err" || return 1
        awk '{ s = $1 + $2 } END { printf "%.3f\n", s }' "$file.t" >"$file"
    else
        start=$(now_ns)
        "$@" >/dev/null 2>"$file.err" || return 1
        end=$(now_ns)
        awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }' >"$file"
    fi
}

scale_costs() { # scale_costs CMD DIR
    local cmd=$1 dir=$2 n=20000 shard
    local tgt=$dir/$cmd.part
    for shard in 0/1000 0/2 1/2; do
        cpu_seconds "$dir/$cmd.${shard%/*}.${shard#*/}.cpu" "$storyline" "$cmd" --shard "$shard" \
            -q --threads=1 -o "$tgt.${shard%/*}.${shard#*/}" "$dedup_input" ||
            { fail "scale: $cmd --shard $shard failed"; return 1; }
    done
    rm -f "$dir/merged.db"
    if [ "$cmd" = run ]; then
        cpu_seconds "$dir/$cmd.merge.cpu" "$storyline" merge --stage run -q --db "$dir/merged.db" \
            "$tgt.0.2" "$tgt.1.2"
    else
        cpu_seconds "$dir/$cmd.merge.cpu" "$storyline" merge --stage "$cmd" -q -o /dev/null \
            "$tgt.0.2" "$tgt.1.2"
    fi || { fail "scale: merge --stage $cmd failed: $(head -c 300 "$dir/$cmd.merge.cpu.err")"; return 1; }
    local rc m0 m1 red
    rc=$(cat "$dir/$cmd.0.1000.cpu") m0=$(cat "$dir/$cmd.0.2.cpu") m1=$(cat "$dir/$cmd.1.2.cpu")
    red=$(cat "$dir/$cmd.merge.cpu")
    figure "scale.$cmd.cpu_read_clean_us_per_doc" "$(awk -v t="$rc" -v n="$n" 'BEGIN { printf "%.0f", t / n * 1e6 }')" us
    figure "scale.$cmd.cpu_prepare_us_per_doc" "$(awk -v a="$m0" -v b="$m1" -v t="$rc" -v n="$n" 'BEGIN { p = (a + b - 2 * t) / n * 1e6; printf "%.0f", p < 0 ? 0 : p }')" us
    figure "scale.$cmd.cpu_resolve_us_per_doc" "$(awk -v t="$red" -v n="$n" 'BEGIN { printf "%.0f", t / n * 1e6 }')" us
    figure "scale.$cmd.intermediate_bytes_per_doc" "$(( ($(stat -c %s "$tgt.0.2") + $(stat -c %s "$tgt.1.2")) / n ))" bytes
    rm -f "$tgt".* "$dir/merged.db"
}

stage_scale() {
    temp_dir=$(mktemp -d "${TMPDIR:-/tmp}/sl-bench-scale.XXXXXX")
    make_dedup_corpus 20000 || return 0
    local dir=$temp_dir/scale cmd
    mkdir -p "$dir"
    scale_mpi=0
    if command -v mpiexec >/dev/null && "$storyline" dedup --help >/dev/null &&
        OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 \
            mpiexec --oversubscribe -n 2 "$storyline" dedup -q -o /dev/null data/sample/feed.jsonl \
            2>"$dir/probe.err"; then
        scale_mpi=1
        export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
        export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_mpi_yield_when_idle=1
    else
        say "scale: no MPI ranks ($(head -c 200 "$dir/probe.err")): thread figures only"
    fi
    for cmd in dedup stories run; do
        say "scale: $cmd on 20k: 1 thread, 2 threads, 2 ranks ($BENCH_RUNS runs each)"
        scale_speedups "$cmd" "$dir" || continue
        say "scale: $cmd per-document CPU costs (map steps and merge, one run each)"
        scale_costs "$cmd" "$dir"
    done
    remove_temp
    temp_dir=''
}

main() {
    local want=()
    for arg in "$@"; do
        case $arg in
        -h | --help) usage 2>&1; exit 0 ;;
        --build=*) build=${arg#--build=} ;;
        --no-build) no_build=1 ;;
        *)
            # A stage name, or (first, and an existing directory) the build dir.
            if is_stage "$arg"; then
                want+=("$arg")
            elif [ ${#want[@]} -eq 0 ] && [ "$build" = build ] && [ -d "$arg" ]; then
                build=${arg%/}
            else
                say "unknown stage '$arg' (stages: ${STAGES[*]})"
                exit 2
            fi
            ;;
        esac
    done
    [ ${#want[@]} -gt 0 ] || want=("${STAGES[@]}")
    build_if_needed
    say "figures: name value unit (MB = 10^6 bytes; best of $BENCH_RUNS runs)"
    for stage in "${want[@]}"; do
        "stage_$stage"
    done
    exit "$failed"
}

main "$@"

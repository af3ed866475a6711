#!/usr/bin/env bash
# Byte-identical output whatever the layout: one thread, two threads, four
# shards put back together by `storyline merge`, and MPI ranks (mpiexec -n
# 1, 2, 4), for the given commands on one corpus.  A store (run) is
# compared through a dump of all its tables (dbdump.py).
#
# usage: determinism.sh BIN DATAGEN CORPUS MPI STAGE...
#   BIN      path/to/storyline
#   DATAGEN  path/to/sl-datagen (for generated corpora)
#   CORPUS   sample (data/sample/feed.jsonl), or a number of documents to
#            generate with sl-datagen (seed 1), e.g. 20000
#   MPI      1 when storyline was built with MPI (then mpiexec is used)
#   STAGE    dedup, stories, facts, run, clean or extract
# environment: DIST_LAYOUTS (default "t2 t4 shards mpi1 mpi2 mpi4") picks the
# layouts compared with the one-thread reference (t4, four threads, runs
# for clean only: the other stages' pools are covered by t2).
set -u
bin=${1:?usage: determinism.sh BIN DATAGEN CORPUS MPI STAGE...}
datagen=${2:?}
corpus=${3:?}
mpi=${4:?}
shift 4
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
datagen=$(cd "$(dirname "$datagen")" && pwd)/$(basename "$datagen")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
layouts=${DIST_LAYOUTS:-t2 t4 shards mpi1 mpi2 mpi4}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

command -v python3 >/dev/null || { echo "python3 is missing: skipped"; exit 77; }

# ------------------------------------------------------------ the corpus
if [ "$corpus" = sample ]; then
    input=$repo/data/sample/feed.jsonl
else
    input=$tmp/corpus.jsonl
    # about 2.7 KB a document: generate a little more, keep the first N
    "$datagen" --seed=1 --size=$(( corpus * 3 ))K -o "$tmp/all.jsonl" || { fail datagen; exit 1; }
    head -n "$corpus" "$tmp/all.jsonl" >"$input"
    rm -f "$tmp/all.jsonl"
    [ "$(wc -l <"$input")" -eq "$corpus" ] || { fail "datagen gave fewer than $corpus documents"; exit 1; }
fi

have_mpi=0
if [ "$mpi" = 1 ] && command -v mpiexec >/dev/null; then
    have_mpi=1
    export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
    export OMPI_MCA_rmaps_base_oversubscribe=1
    # one machine: no network interfaces to probe, and yield when idle
    export OMPI_MCA_btl=self,vader OMPI_MCA_mpi_yield_when_idle=1
fi

# --------------------------------------------------------- running one
# threads_of STAGE N: the --threads option where the stage has one
threads_of() {
    case $1 in extract) ;; *) echo "--threads=$2" ;; esac
}

src_of() {
    if [ "$1" = extract ]; then echo "$tmp/site"; else echo "$input"; fi
}

# run_stage STAGE OUT THREADS [LAUNCHER...]: the stage writing OUT (for
# run, a dump of the store)
run_stage() {
    local stage=$1 out=$2 threads
    threads=$(threads_of "$1" "$3")
    shift 3
    if [ "$stage" = run ]; then
        rm -f "$out.db" "$out.db-wal" "$out.db-shm"
        "$@" "$bin" run -q $threads --db "$out.db" "$input" || return 1
        python3 "$here/dbdump.py" "$out.db" >"$out"
    else
        "$@" "$bin" "$stage" $threads -o "$out" "$(src_of "$stage")"
    fi
}

# shards STAGE OUT: four map steps, two at a time, then merge
shards() {
    local stage=$1 out=$2 i pids=() parts=() threads status=0
    threads=$(threads_of "$stage" 1)
    for i in 0 1 2 3; do
        "$bin" "$stage" --shard "$i/4" $threads -o "$out.part$i" "$(src_of "$stage")" &
        pids+=($!)
        parts+=("$out.part$i")
        if [ $((i % 2)) -eq 1 ]; then
            for p in "${pids[@]}"; do wait "$p" || status=1; done
            pids=()
        fi
    done
    [ "$status" = 0 ] || return 1
    if [ "$stage" = run ]; then
        rm -f "$out.db"
        "$bin" merge --stage run -q --db "$out.db" "${parts[@]}" || return 1
        python3 "$here/dbdump.py" "$out.db" >"$out"
    else
        "$bin" merge --stage "$stage" -o "$out" "${parts[@]}"
    fi
}

make_site() {
    mkdir -p "$tmp/site/sub"
    local i
    for i in $(seq 1 23); do
        printf '<html><head><title>Report %s</title></head><body><nav><a href="/">Home</a></nav><article><p>Report number %s was filed on Tuesday by the district office, with figures for every ward and a note on the %s new schools.</p></article></body></html>\n' \
            "$i" "$i" "$i" >"$tmp/site/$(printf 'sub/p%02d' "$i").html"
    done
}

compare() { # compare STAGE LAYOUT REF OUT
    if [ ! -s "$4" ]; then
        fail "$1 $2: no output"
    elif ! cmp -s "$3" "$4"; then
        fail "$1 $2: differs from one thread ($(cmp "$3" "$4" 2>&1 | head -1))"
    else
        echo "ok: $1 $2 ($(wc -c <"$4") bytes)"
    fi
}

for stage in "$@"; do
    [ "$stage" = extract ] && make_site
    ref=$tmp/$stage.t1
    if ! run_stage "$stage" "$ref" 1 2>"$tmp/err"; then
        fail "$stage: one thread failed: $(head -3 "$tmp/err")"
        continue
    fi
    [ -s "$ref" ] || { fail "$stage: no output"; continue; }
    for layout in $layouts; do
        out=$tmp/$stage.$layout
        case $layout in
        t2)
            [ "$stage" = extract ] && continue # no threads there
            run_stage "$stage" "$out" 2 2>"$tmp/err" ;;
        t4)
            [ "$stage" = clean ] || continue
            run_stage "$stage" "$out" 4 2>"$tmp/err" ;;
        shards) shards "$stage" "$out" 2>"$tmp/err" ;;
        mpi*)
            [ "$have_mpi" = 1 ] || continue
            [ "$stage" = extract ] || [ "$stage" = clean ] && continue # read without the pool
            # OpenMPI's own allocations outlive MPI_Finalize: no leak report
            # under mpiexec (the shards layout checks this code for leaks)
            ASAN_OPTIONS=detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS} \
                run_stage "$stage" "$out" 1 mpiexec -x ASAN_OPTIONS -n "${layout#mpi}" 2>"$tmp/err" ;;
        esac
        compare "$stage" "$layout" "$ref" "$out" || true
        [ -s "$out" ] || head -5 "$tmp/err"
    done
done
[ "$have_mpi" = 1 ] || echo "note: MPI layouts not run (built without MPI or no mpiexec)"
[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "all layouts byte-identical"

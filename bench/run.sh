#!/usr/bin/env bash
# passage benchmark: passage vs Hugo vs the cmark-gfm floor on synthetic corpora of N documents.
#
#   bench/run.sh [--runs R] [--100k] [--seed S] [--sizes "N1 N2 ..."] [--real "N1 ..."] [--idle-wait SECONDS]
#                [--rev REV] [--sites DIR]
#
# Two corpora: the synthetic one of gen_corpus.py, for each N of --sizes (1000 and 10000; also
# 100000 with --100k), in bench/out/nN/; and the bundled reference's real texts copied to N
# documents by replicate_content.py, for each N of --real (2000; "" for none), in bench/out/rN/,
# which cites as densely as real texts do. Each is generated once (reused while the seed, N and
# the generator are unchanged). For each corpus it checks the passage
# corpus with `passage check --strict`, then measures, R times each and alternating the tools:
#   - a full build into an empty output folder: passage, Hugo, and cmark-gfm (the floor);
#   - a rebuild after one document changed (passage without and with --cache, Hugo), into the
#     previous output.
# It prints medians and the ratios passage/Hugo and passage/cmark-gfm from the same invocation,
# and passage's per-stage timings (--timings). Raw numbers: bench/out/results.tsv, stages.tsv.
#
# The machine may be shared: before each measurement the script waits (up to --idle-wait seconds,
# default 60, 0 to disable) for the other processes to use less than 10% of one CPU, and it records
# the CPU time other processes used during each measurement (column "other load" in the report).
#
# Which passage: by default the working tree, built (incrementally) in Release mode in build-bench/,
# with a copy of templates/ and assets/ taken at the start so that edits made meanwhile do not mix
# in. With --rev REV (e.g. HEAD), a committed revision exported with `git archive` and built in
# bench/out/rev-SHA/: binary, templates and assets all from that commit, whatever the tree holds.
# PASSAGE=/path/to/passage uses that binary with the tree's templates and assets.
#
# Where the outputs go: each tool's site (and passage's cache) goes to bench/out/nN/ beside the
# corpus, or with --sites DIR to DIR/nN/ (a tmpfs such as /dev/shm/passage-bench keeps the disk out
# of the figures: on some file systems, the files a round deletes slow down the next round's writes).
set -euo pipefail
export LC_ALL=C  # a decimal point in $EPOCHREALTIME and awk, whatever the user's locale

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
OUT=$HERE/out
RUNS=5
SEED=1
SIZES=(1000 10000)
REAL=(2000)
IDLE_WAIT=60
REV=
SITES=
BUILD_DIR=$ROOT/build-bench
PASSAGE_ENV=${PASSAGE:-}
PASSAGE=${PASSAGE:-$BUILD_DIR/passage}

die() { echo "run.sh: error: $*" >&2; exit 1; }
say() { echo "run.sh: $*" >&2; }

while (($#)); do
    case $1 in
        --runs) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || die "--runs needs a positive integer"; RUNS=$2; shift 2 ;;
        --seed) [[ ${2:-} =~ ^[0-9]+$ ]] || die "--seed needs a non-negative integer"; SEED=$2; shift 2 ;;
        --100k) SIZES+=(100000); shift ;;
        --idle-wait) [[ ${2:-} =~ ^[0-9]+$ ]] || die "--idle-wait needs a number of seconds"; IDLE_WAIT=$2; shift 2 ;;
        --rev) [[ -n ${2:-} ]] || die "--rev needs a revision"; REV=$2; shift 2 ;;
        --sites) [[ -n ${2:-} ]] || die "--sites needs a folder"; SITES=$2; shift 2 ;;
        --sizes) read -r -a SIZES <<<"${2:-}"; shift 2 ;;
        --real) read -r -a REAL <<<"${2:-}"; shift 2 ;;
        -h|--help) awk 'NR > 1 && !/^#/ {exit} NR > 1 {sub(/^# ?/, ""); print}' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) die "unknown argument '$1' (try --help)" ;;
    esac
done
for n in "${SIZES[@]}" "${REAL[@]}"; do [[ $n =~ ^[1-9][0-9]*$ ]] || die "bad size '$n'"; done
((${#SIZES[@]} + ${#REAL[@]})) || die "no corpus to measure: give --sizes or --real"
# The corpora, by name: nN synthetic, rN real.
CORPORA=()
for n in "${SIZES[@]}"; do CORPORA+=("n$n"); done
for n in "${REAL[@]}"; do CORPORA+=("r$n"); done

# --- tools ------------------------------------------------------------------------------------
apt_install() {  # apt_install PACKAGE: Debian packages, installed only when missing
    ((EUID == 0)) || die "$1 is missing: install it with 'apt-get install $1' (as root), or run this script as root"
    say "installing $1 with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$1" >/dev/null ||
        { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$1" >/dev/null; } ||
        die "apt-get could not install $1"
}
command -v python3 >/dev/null || die "python3 is needed for the corpus generator and the report"
[[ -x /usr/bin/time ]] || apt_install time
command -v cmark-gfm >/dev/null || apt_install cmark-gfm
command -v hugo >/dev/null || apt_install hugo

mkdir -p "$OUT"
if [[ -n $SITES ]]; then
    mkdir -p -- "$SITES" || die "cannot make the folder $SITES"
    SITES=$(CDPATH= cd -- "$SITES" && pwd)
    [[ $SITES != "$ROOT" && $SITES != / ]] || die "--sites must be a folder of its own"
fi
# sites_of CORPUS: the folder of the outputs for a corpus (nN or rN)
sites_of() { echo "${SITES:-$OUT}/$1"; }
source "$HERE/lib.sh"
select_passage
HUGO_VERSION=$(hugo version | awk '{print $2}')
CMARK_VERSION=$(cmark-gfm --version | head -1 | awk '{print $2}')
# The floor uses the same Markdown extensions as passage (src/markdown/tree.cpp).
CMARK_ARGS=(--validate-utf8 -e footnotes -e table -e strikethrough -e autolink -e tagfilter -e tasklist)

RESULTS=$OUT/results.tsv
STAGES=$OUT/stages.tsv
printf 'n\ttool\tphase\trun\twall_s\tuser_s\tsys_s\trss_kb\tout_bytes\tout_files\tother_load\tlargest_bytes\n' >"$RESULTS"
printf 'n\trun\tstage\tms\n' >"$STAGES"

# --- measuring --------------------------------------------------------------------------------
HZ=$(getconf CLK_TCK)
busy_jiffies() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat; }

# wait_idle: waits until the other processes use less than 10% of one CPU over one second.
wait_idle() {
    local waited=0 b0 b1
    ((IDLE_WAIT > 0)) || return 0
    while :; do
        b0=$(busy_jiffies)
        sleep 1
        b1=$(busy_jiffies)
        ((b1 - b0 < HZ / 10)) && return 0
        if ((waited >= IDLE_WAIT)); then
            say "warning: the machine is busy ($(((b1 - b0) * 100 / HZ))% of a CPU used by others); measuring anyway"
            return 0
        fi
        waited=$((waited + 2))
        sleep 1
    done
}

# timed STDOUT STDERR CMD...: runs CMD once; sets WALL (s, from the shell's clock, µs resolution),
# USER, SYS (s) and RSS (peak resident set, KB) from GNU time. A failure stops the benchmark.
timed() {
    local stdout=$1 stderr=$2 t0 t1 b0 b1 rc=0
    shift 2
    wait_idle
    b0=$(busy_jiffies)
    t0=$EPOCHREALTIME
    /usr/bin/time -f '%U %S %M' -o "$OUT/.time" "$@" >"$stdout" 2>"$stderr" || rc=$?
    t1=$EPOCHREALTIME
    b1=$(busy_jiffies)
    if ((rc != 0)); then
        echo "run.sh: error: exit status $rc from:" >&2
        printf '  %q' "$@" >&2
        echo >&2
        tail -n 30 "$stderr" >&2
        [[ $stdout == /dev/null || $stdout == *.html ]] || tail -n 10 "$stdout" >&2
        exit 1
    fi
    WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.4f", b - a}')
    read -r USER SYS RSS <"$OUT/.time"
    # CPUs' worth of work done by other processes meanwhile (machine busy time minus ours, / wall)
    OTHER=$(awk -v j=$((b1 - b0)) -v hz="$HZ" -v u="$USER" -v s="$SYS" -v w="$WALL" \
        'BEGIN{o = (j / hz - u - s) / w; if (o < 0) o = 0; printf "%.2f", o}')
}

output_size() {  # output_size DIR: sets BYTES, FILES and LARGEST (the largest HTML page, bytes)
    read -r BYTES FILES < <(find "$1" -type f -printf '%s\n' | awk '{s += $1; n++} END {print s + 0, n + 0}')
    LARGEST=$(find "$1" -type f -name '*.html' -printf '%s\n' | sort -n | tail -1)
    LARGEST=${LARGEST:-0}
}

record() {  # record N TOOL PHASE RUN [OUTDIR]
    BYTES=0 FILES=0 LARGEST=0
    if [[ -n ${5:-} ]]; then output_size "$5"; fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$WALL" "$USER" "$SYS" "$RSS" "$BYTES" "$FILES" "$OTHER" "$LARGEST" >>"$RESULTS"
}

run_passage() {  # run_passage N DIR RUN PHASE
    local log=$2/logs/passage-$4-$3
    timed "$log.out" "$log.err" "$PASSAGE" build --content "$2/content" --templates "$TEMPLATES" --assets "$ASSETS" \
        --out "$S/site-passage" --timings --quiet
    record "$1" passage "$4" "$3" "$S/site-passage"
    # "  stage   12.3 ms" lines; the "total" line is the sum of the stages
    awk -v n="$1" -v r="$3-$4" '$NF == "ms" && NF == 3 {print n "\t" r "\t" $1 "\t" $2}' "$log.out" >>"$STAGES"
}
run_passage_cached() {  # run_passage_cached N DIR RUN PHASE: passage with its incremental cache
    local log=$2/logs/passage-cache-$4-$3
    timed "$log.out" "$log.err" "$PASSAGE" build --content "$2/content" --templates "$TEMPLATES" --assets "$ASSETS" \
        --out "$S/site-passage-cache" --cache "$S/passage-cache" --timings --quiet
    record "$1" "passage --cache" "$4" "$3" "$S/site-passage-cache"
    awk -v n="$1" -v r="$3-$4-cache" '$NF == "ms" && NF == 3 {print n "\t" r "\t" $1 "\t" $2}' "$log.out" >>"$STAGES"
}
run_hugo() {  # run_hugo N DIR RUN PHASE
    local log=$2/logs/hugo-$4-$3
    timed "$log.out" "$log.err" hugo --source "$2/hugo" --destination "$S/site-hugo" --quiet
    record "$1" hugo "$4" "$3" "$S/site-hugo"
}
run_cmark() {  # run_cmark N DIR RUN PHASE
    # The floor: ONE cmark-gfm process over all bodies, concatenated beforehand (floor.md, written by
    # gen_corpus.py with footnote labels made unique per document). One process per file would
    # mostly measure process start-up (~1 ms x N); concatenating the files as they are would let
    # cmark-gfm drop every repeated footnote definition and render less than the others do. This
    # is the least work any tool must do to turn the same Markdown into HTML: parse and render it
    # once, single-threaded, with no templates, links, index or file per page.
    mkdir -p "$S/site-cmark"
    timed "$S/site-cmark/bodies.html" "$2/logs/cmark-$4-$3.err" cmark-gfm "${CMARK_ARGS[@]}" "$2/floor.md"
    record "$1" cmark-gfm "$4" "$3" "$S/site-cmark"
}

# --- corpora ----------------------------------------------------------------------------------
prepare() {  # prepare CORPUS: the corpus of bench/out/CORPUS (see lib.sh), and its output folders emptied
    local n=$1 dir=$OUT/$1 sites d
    sites=$(sites_of "$1")
    ensure_corpus "$dir" "${n:1}" "${n:0:1}"
    for d in "$dir" "$sites"; do
        rm -rf "$d/site-passage" "$d/site-hugo" "$d/site-cmark" "$d/site-passage.staging" \
            "$d/site-passage-cache" "$d/site-passage-cache.staging" "$d/passage-cache"
    done
    rm -rf "$dir/logs"
    mkdir -p "$dir/logs" "$sites"
    say "$n: passage check --strict"
    timed /dev/null "$dir/logs/check.err" "$PASSAGE" check --content "$dir/content" --templates "$TEMPLATES" \
        --assets "$ASSETS" --strict --quiet
    record "$n" passage check 1
}

# The rebuild measurement edits one document and puts it back afterwards (also on failure). The
# originals are kept outside the content folders, where neither tool would pick them up.
BACKUPS=()  # pairs: original path, backup path
restore() {
    local i
    for ((i = 0; i + 1 < ${#BACKUPS[@]}; i += 2)); do
        if [[ -f ${BACKUPS[i + 1]} ]]; then mv -f "${BACKUPS[i + 1]}" "${BACKUPS[i]}"; fi
    done
    BACKUPS=()
}
trap restore EXIT
trap 'exit 130' INT TERM

for n in "${CORPORA[@]}"; do
    dir=$OUT/$n
    S=$(sites_of "$n")  # where the run_* functions write the outputs
    prepare "$n"
    docs=$(find "$dir/content/documents" -name '*.md' | wc -l)
    ((docs == ${n:1})) || die "$n: the corpus holds $docs documents"

    say "$n: warm-up (one untimed build of each tool)"
    run_passage "$n" "$dir" 0 warmup
    run_hugo "$n" "$dir" 0 warmup
    run_cmark "$n" "$dir" 0 warmup

    tools=(passage hugo cmark)
    for ((r = 1; r <= RUNS; r++)); do
        say "$n: full builds, run $r/$RUNS"
        for ((k = 0; k < 3; k++)); do  # the order rotates from run to run
            t=${tools[(r + k) % 3]}
            rm -rf "$S/site-$t" "$S/site-$t.staging"
            "run_$t" "$n" "$dir" "$r" full
        done
    done

    # Rebuild after one document changed: a paragraph is appended to the middle document (a new
    # text each run), and each tool rebuilds into its existing output folder.
    id=$(find "$dir/content/documents" -name '*.md' -printf '%f\n' | sort | sed -n "$(((docs + 1) / 2))p")
    id=${id%.md}
    BACKUPS=()
    for rel in "content/documents/$id.md" "hugo/content/documents/$id.md"; do
        mkdir -p "$(dirname "$dir/backup/$rel")"
        cp -p "$dir/$rel" "$dir/backup/$rel"
        BACKUPS+=("$dir/$rel" "$dir/backup/$rel")
    done
    # passage's incremental cache starts from one untimed build of the unedited corpus; each round
    # then finds one document changed since the round before.
    say "$n: one untimed build with passage's cache, to fill it"
    run_passage_cached "$n" "$dir" 0 warmup
    for ((r = 1; r <= RUNS; r++)); do
        say "$n: rebuild after editing $id, run $r/$RUNS"
        for rel in "content/documents/$id.md" "hugo/content/documents/$id.md"; do
            cp "$dir/backup/$rel" "$dir/$rel"
            printf '\nAn added sentence for the rebuild measurement, edit %d of this run.\n' "$r" >>"$dir/$rel"
        done
        if ((r % 2)); then
            run_passage "$n" "$dir" "$r" rebuild
            run_passage_cached "$n" "$dir" "$r" rebuild
            run_hugo "$n" "$dir" "$r" rebuild
        else
            run_hugo "$n" "$dir" "$r" rebuild
            run_passage_cached "$n" "$dir" "$r" rebuild
            run_passage "$n" "$dir" "$r" rebuild
        fi
    done
    restore
    rm -rf "$dir/backup"
done
rm -f "$OUT/.time"

{
    echo "passage benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), seed $SEED, $RUNS runs, $(nproc) CPUs"
    echo "passage: $("$PASSAGE" --version), $PASSAGE_FROM; hugo $HUGO_VERSION; cmark-gfm $CMARK_VERSION"
    echo "outputs in ${SITES:-$OUT} ($(df --output=fstype "${SITES:-$OUT}" | tail -1))"
    python3 "$HERE/report.py" "$RESULTS" "$STAGES" "$OUT"
} | tee "$OUT/report.txt"

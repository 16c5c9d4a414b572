# Shared by bench/run.sh and bench/search.sh (sourced). Needs HERE (this folder), SEED, and the
# functions say and die of the sourcing script.

GEN_HASH=$(sha256sum "$HERE/gen_corpus.py" | awk '{print $1}')

# ensure_corpus DIR N [KIND]: DIR holds the corpora of N documents (content/, hugo/ and floor.md),
# generated unless they are already there: KIND n (the default) by gen_corpus.py for this seed, r
# by replicate_content.py from the bundled content/. A document that an interrupted rebuild
# measurement of run.sh left edited is put back first.
ensure_corpus() {
    local dir=$1 n=$2 kind=${3:-n} stamp
    if [[ $kind == r ]]; then
        stamp="real docs=$n gen=$(cat "$HERE/replicate_content.py" "$HERE/gen_corpus.py" | sha256sum | awk '{print $1}') content=$(
            cd "$HERE/.." && find content -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | awk '{print $1}')"
    else
        stamp="seed=$SEED docs=$n gen=$GEN_HASH"
    fi
    if [[ -d $dir/backup ]]; then
        cp -a "$dir/backup/." "$dir/"
        rm -rf "$dir/backup"
    fi
    if [[ -f $dir/stamp && $(cat "$dir/stamp") == "$stamp" ]]; then
        say "N=$n: reusing the corpus in $dir"
    else
        say "N=$n: generating the corpus into $dir"
        rm -rf "$dir"
        mkdir -p "$dir"
        if [[ $kind == r ]]; then
            python3 "$HERE/replicate_content.py" --content "$HERE/../content" --docs "$n" --out "$dir/content" --hugo "$dir/hugo" \
                --floor "$dir/floor.md" || die "replicate_content.py failed for N=$n"
        else
            python3 "$HERE/gen_corpus.py" --seed "$SEED" --docs "$n" --out "$dir/content" --hugo "$dir/hugo" \
                --floor "$dir/floor.md" || die "gen_corpus.py failed for N=$n"
        fi
        echo "$stamp" >"$dir/stamp"
    fi
}

build_passage() {  # build_passage SRC BUILD: Release, the passage target only; logs in $OUT/cmake.log
    cmake -S "$1" -B "$2" -DCMAKE_BUILD_TYPE=Release -DPASSAGE_TESTS=OFF >"$OUT/cmake.log" 2>&1 &&
        cmake --build "$2" -j2 --target passage >>"$OUT/cmake.log" 2>&1
}

# select_passage: which passage to measure, from REV (--rev), PASSAGE_ENV (the PASSAGE variable as
# given), PASSAGE, BUILD_DIR, ROOT and OUT (logs in $OUT/cmake.log, a copy of the tree's templates
# and assets in $OUT/tree). Sets PASSAGE, TEMPLATES, ASSETS and PASSAGE_FROM (for the report).
#   --rev REV: the commit exported with git archive into bench/out/rev-SHA/ and built there.
#   otherwise: PASSAGE as given, or the working tree built in BUILD_DIR (a failed build is tried
#   again twice, a minute apart: the tree may be mid-edit), with templates and assets copied now.
select_passage() {
    if [[ -n $REV ]]; then
        [[ -z $PASSAGE_ENV ]] || die "give either PASSAGE or --rev, not both"
        sha=$(git -C "$ROOT" rev-parse --verify --quiet "$REV^{commit}") || die "unknown revision '$REV'"
        revdir=$HERE/out/rev-${sha:0:12}
        if [[ ! -x $revdir/build/passage ]]; then
            say "exporting $REV (${sha:0:12}) and building passage in $revdir"
            rm -rf "$revdir"
            mkdir -p "$revdir/src"
            git -C "$ROOT" archive --format=tar "$sha" | tar -x -C "$revdir/src" || die "git archive $sha failed"
            build_passage "$revdir/src" "$revdir/build" || die "building passage from $revdir/src failed (see $OUT/cmake.log)"
        fi
        PASSAGE=$revdir/build/passage
        TEMPLATES=$revdir/src/templates
        ASSETS=$revdir/src/assets
        PASSAGE_FROM="commit ${sha:0:12} ($(git -C "$ROOT" log -1 --format=%s "$sha"))"
    else
        if [[ $PASSAGE == "$BUILD_DIR/passage" ]]; then
            # The tree may be mid-edit: a failed build is tried again twice, a minute apart.
            for try in 1 2 3; do
                say "building passage (Release, incremental) from the working tree in $BUILD_DIR"
                if build_passage "$ROOT" "$BUILD_DIR"; then break; fi
                ((try < 3)) || die "building passage from the working tree failed (see $OUT/cmake.log); try --rev HEAD"
                say "the build failed (the tree may be mid-edit); trying again in 60 s"
                sleep 60
            done
        fi
        [[ -x $PASSAGE ]] || die "PASSAGE=$PASSAGE is not an executable"
        rm -rf "$OUT/tree"
        mkdir -p "$OUT/tree"
        cp -a "$ROOT/templates" "$ROOT/assets" "$OUT/tree/"
        TEMPLATES=$OUT/tree/templates
        ASSETS=$OUT/tree/assets
        PASSAGE_FROM="working tree on $(git -C "$ROOT" rev-parse --short=12 HEAD 2>/dev/null || echo '?')$([[ -z $(git -C "$ROOT" status --porcelain -- src templates assets 2>/dev/null) ]] || echo ' + uncommitted changes')"
    fi
}

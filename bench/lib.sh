# Shared by bench/run.sh and bench/search.sh (sourced). Needs HERE (this folder), SEED, and the
# functions say and die of the sourcing script.

GEN_HASH=$(sha256sum "$HERE/gen_corpus.py" | awk '{print $1}')

# ensure_corpus DIR N: DIR holds the corpora of N documents for this seed and generator (content/,
# hugo/ and floor.md), generated unless they are already there. A document that an interrupted
# rebuild measurement of run.sh left edited is put back first.
ensure_corpus() {
    local dir=$1 n=$2 stamp="seed=$SEED docs=$2 gen=$GEN_HASH"
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
        python3 "$HERE/gen_corpus.py" --seed "$SEED" --docs "$n" --out "$dir/content" --hugo "$dir/hugo" \
            --floor "$dir/floor.md" || die "gen_corpus.py failed for N=$n"
        echo "$stamp" >"$dir/stamp"
    fi
}

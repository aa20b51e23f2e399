#!/usr/bin/env bash
# The crate and its peers on the same inputs, in one run: the resolver against RapidFuzz
# on the labelled batch of 100,000 names, two-plan text reuse against its difflib design,
# and the synthetic province. Prints each time, each accuracy and each ratio, and whether
# each goal of issue 14 is met. `--lineage` also runs the corpus lineage at 1,000 and
# 2,000 plans (a minute or two more).
#
#   bash benches/peer/run.sh [--lineage]
#
# Installs what it needs itself (RapidFuzz and NumPy with pip, when missing). Single-
# threaded figures are pinned to one core (PEER_CPU, default 0) when `taskset` exists.
set -euo pipefail
cd "$(dirname "$0")/../.."

lineage=no
for arg in "$@"; do
    case "$arg" in
        --lineage) lineage=yes ;;
        -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown argument $arg" >&2; exit 2 ;;
    esac
done

pin=()
if command -v taskset > /dev/null; then
    pin=(taskset -c "${PEER_CPU:-0}")
fi

if ! python3 -c 'import rapidfuzz, numpy' 2> /dev/null; then
    echo "== installing rapidfuzz and numpy"
    python3 -m pip install --quiet rapidfuzz numpy \
        || python3 -m pip install --quiet --break-system-packages rapidfuzz numpy
fi

echo "== building the examples (release)"
cargo build --release --quiet --example resolve --example simulate --example extract
bin=target/release/examples
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The number in "(N names/s)" of a line.
rate() { sed -n 's/.*(\([0-9.]*\) names\/s).*/\1/p' <<< "$1" | head -n 1; }
# The percentage after a word ("correct", "key") of a line.
pct() { sed -n "s/.*$1 \([0-9.]*\)%.*/\1/p" <<< "$2" | head -n 1; }
# Prints "goal: meets" or "goal: MISSES" for an awk condition.
goal() {
    if awk "BEGIN { exit !($2) }"; then echo "  $1: meets"; else echo "  $1: MISSES"; fi
}

echo "== resolver: the labelled batch"
python3 benches/peer/make_batch.py > /dev/null
batch=benches/peer/batch.tsv
crate=$("${pin[@]}" "$bin/resolve" --batch "$batch" --check)
echo "$crate"
crate_rate=$(rate "$(grep 'names/s' <<< "$crate")")
accuracy=$(grep 'correct' <<< "$crate" | head -n 1)
correct=$(pct correct "$accuracy")
wrong=$(pct key "$accuracy")
max_wrong=$(awk "BEGIN { printf \"%.6f\", $wrong / 100 }")

echo "== resolver: RapidFuzz on the same names"
peer=$("${pin[@]}" python3 benches/peer/rapidfuzz_peer.py "$batch" --max-wrong "$max_wrong")
echo "$peer"
extract_rate=$(rate "$(grep 'extractOne' <<< "$peer")")
cdist_rate=$(rate "$(grep 'cdist' <<< "$peer")")

echo "== resolver: ratios and goals"
awk "BEGIN { printf \"crate / cdist %.2fx, crate / extractOne %.2fx\n\", $crate_rate / $cdist_rate, $crate_rate / $extract_rate }"
goal "at least 250,000 names/s (${crate_rate})" "$crate_rate >= 250000"
goal "at least 2x RapidFuzz cdist" "$crate_rate >= 2 * $cdist_rate"
goal "at least 10x RapidFuzz extractOne" "$crate_rate >= 10 * $extract_rate"
goal "wrong keys at most 0.05% (${wrong}%)" "$wrong <= 0.05"
goal "correct at least 80% (${correct}%)" "$correct >= 80"

echo "== text reuse: two plans at 1x to 8x the text, against the difflib design"
"$bin/extract" zhanjiang > "$tmp/zhanjiang.json" 2> /dev/null
"$bin/extract" dinghu > "$tmp/dinghu.json" 2> /dev/null
ours=$("${pin[@]}" "$bin/simulate" reuse 1 2 4 8)
theirs=$("${pin[@]}" python3 benches/peer/reuse_difflib.py "$tmp/zhanjiang.json" "$tmp/dinghu.json" --copies 1 2 4 8)
echo "$ours"
echo "$theirs"
for k in 1 2 4 8; do
    a=$(sed -n "s/.* at ${k}x: align_text in \([0-9.]*\) ms.*/\1/p" <<< "$ours")
    b=$(sed -n "s/.* at ${k}x: difflib in \([0-9.]*\) ms.*/\1/p" <<< "$theirs")
    awk "BEGIN { printf \"  at ${k}x: difflib / crate %.1fx\n\", $b / $a }"
done

echo "== the synthetic province (2 threads when the machine has them)"
province=$("$bin/simulate" province)
echo "$province"
seconds=$(sed -n 's/^\([0-9]*\) comparisons in \([0-9.]*\) s.*/\2/p' <<< "$province")
goal "its comparisons in at most 0.5 s (${seconds} s)" "$seconds <= 0.5"

if [ "$lineage" = yes ]; then
    echo "== corpus lineage"
    for n in 1000 2000; do
        "$bin/simulate" lineage "$n"
    done
fi

#!/usr/bin/env bash
# Rebuilds data/tagger/clusters.tsv, the name tagger's word classes (train/SOURCES.md, "Word
# clusters"): the exchange algorithm (train/word_clusters.rs) at 256 and 64 classes over the text
# of train/cluster_text.py. Deterministic; about 40 s. Retrain the tagger afterwards
# (cargo run --release --bin train-names).
#
#   bash train/word_clusters.sh [--wikitext-mirror DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
rustc -O --edition 2021 train/word_clusters.rs -o "$T/word_clusters"
python3 train/cluster_text.py "$@" >"$T/text.txt"
"$T/word_clusters" 256 3 <"$T/text.txt" >"$T/fine.tsv" 2>/dev/null
"$T/word_clusters" 64 3 <"$T/text.txt" >"$T/coarse.tsv" 2>/dev/null
LC_ALL=C join -t $'\t' "$T/fine.tsv" "$T/coarse.tsv" >data/tagger/clusters.tsv
wc -lc data/tagger/clusters.tsv

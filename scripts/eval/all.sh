#!/usr/bin/env bash
# Scores the current build on every development set in one go and prints one
# line per set: the relation sets end to end, the token layer's dev files, and
# the seed and news-dev gold. Sets that are absent are skipped.
#
#   scripts/eval/all.sh [NEWSGRAPH] [CORPORA]
#
# NEWSGRAPH defaults to the debug binary in $CARGO_TARGET_DIR (or the target
# folder .ci/run uses, or target/),
# CORPORA to ../shared/corpora. Only development files are read here: the
# held-out test splits are scored once, by hand, at the end of a piece of work.
set -uo pipefail
cd "$(dirname "$0")/../.."
default_target="target"
[ -d "$HOME/.cache/newsgraph/target" ] && default_target="$HOME/.cache/newsgraph/target"
bin="${1:-${CARGO_TARGET_DIR:-$default_target}/debug/newsgraph}"
corpora="${2:-../shared/corpora}"
gold="$(dirname "$corpora")/gold"

score() { # name, then the eval arguments
  local name="$1"; shift
  local json
  if ! json=$("$bin" eval "$@" --summary --json 2>/dev/null); then
    printf '%-34s (failed: %s)\n' "$name" "$*"; return
  fi
  printf '%s' "$json" | python3 scripts/eval/summary.py "$name"
}

have() { [ -e "$1" ]; }
have "$corpora/knowledgenet" && score "KnowledgeNet folds 1-3" "$corpora/knowledgenet"
have "$corpora/smartdata/v3_dev.jsonl.gz" && score "SmartData v3 dev" "$corpora/smartdata/v3_dev.jsonl.gz"
have "$corpora/wissenschaftsstandard/wissenschaftsstandard.dev70.json" && score "WissenschaftsSTANDARD dev70" "$corpora/wissenschaftsstandard/wissenschaftsstandard.dev70.json"
have "$corpora/dfki-product/v2_dev.pairs.jsonl.gz" && score "DFKI product dev" "$corpora/dfki-product/v2_dev.pairs.jsonl.gz"
have "$corpora/ud/en_ewt/en_ewt-ud-dev.conllu.gz" && score "UD EWT dev" "$corpora/ud/en_ewt/en_ewt-ud-dev.conllu.gz"
have "$corpora/uner/en_ewt/en_ewt-ud-dev.iob2.gz" && score "UNER EWT dev" "$corpora/uner/en_ewt/en_ewt-ud-dev.iob2.gz"
have "$corpora/germeval2014/NER-de-dev.tsv" && score "GermEval dev (held-back 20%)" "$corpora/germeval2014/NER-de-dev.tsv"
score "seed gold" tests/gold/seeds.tsv --docs seeds
have "$gold/news-dev.tsv" && score "news-dev" "$gold/news-dev.tsv" --docs "$corpora" --entities "$gold/news-dev-entities.tsv"
# Splits no rule was written against (the sets' training files): a check on how
# far the rules carry beyond the development files.
have "$corpora/smartdata/v1_train_minus_v3_devtest.jsonl.gz" && score "SmartData v1 train (unseen)" "$corpora/smartdata/v1_train_minus_v3_devtest.jsonl.gz"
have "$corpora/dfki-product/v2_train.pairs.jsonl.gz" && score "DFKI product train (unseen)" "$corpora/dfki-product/v2_train.pairs.jsonl.gz"

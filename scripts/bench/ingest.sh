#!/usr/bin/env bash
# Times adding articles one by one to a writable `newsgraph serve` (POST /articles),
# the way a news feed adds them: the latency of each request, p50 and p99.
#
#   scripts/bench/ingest.sh STORE [ARTICLES_DIR] [N]
#
# STORE is copied first (the original is left as it is). ARTICLES_DIR defaults to
# ../shared/corpora/bbc-news/bbc/tech, N to 100; each article is sent under a new
# id, so each is extracted and stored. Uses the debug binary in $CARGO_TARGET_DIR
# (or target/) and curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
store="${1:?usage: scripts/bench/ingest.sh STORE [ARTICLES_DIR] [N]}"
articles="${2:-../shared/corpora/bbc-news/bbc/tech}"
n="${3:-100}"
bin="${CARGO_TARGET_DIR:-target}/debug/newsgraph"
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$store" "$work/store"
port=$((20000 + RANDOM % 20000))
"$bin" serve --writable --store "$work/store" --bind "127.0.0.1:$port" 2>"$work/serve.log" &
server=$!
until curl -s -o /dev/null "http://127.0.0.1:$port/sparql?query=ASK%7B%7D"; do sleep 0.2; done
i=0
for f in $(ls "$articles" | head -n "$n"); do
  i=$((i + 1))
  curl -s -o /dev/null -w "%{http_code} %{time_total}\n" -X POST \
    -H "Content-Type: text/plain" --data-binary "@$articles/$f" \
    "http://127.0.0.1:$port/articles?id=ingest-bench-$i"
done > "$work/times"
python3 - "$work/times" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
bad = [r for r in rows if r[0] != "200"]
t = sorted(float(r[1]) for r in rows[1:])  # the first loads the language's models
q = lambda p: t[min(len(t) - 1, int(p * len(t)))]
print(f"{len(rows)} articles, {len(bad)} not stored; after the first "
      f"({float(rows[0][1]):.3f} s, models loading): p50 {q(0.5):.3f} s, p99 {q(0.99):.3f} s, "
      f"mean {sum(t) / len(t):.3f} s")
PY

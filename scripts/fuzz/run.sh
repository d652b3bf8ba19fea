#!/usr/bin/env bash
# Runs newsgraph's fuzz targets (fuzz/fuzz_targets/) one after the other,
# each for a given time, and prints one summary line per target.
#
#   scripts/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Defaults: 1800 s per target, every target (decode tokens extract gold serve_request).
# Needs the nightly toolchain (installed with rustup when missing) and
# cargo-fuzz (installed with `cargo install` when missing).
#
# Each target runs on one core with -timeout=10 (an input that takes longer
# counts as a hang) and -rss_limit_mb=2048, on fuzz/corpus/TARGET (grown by
# the run, not committed) seeded from fuzz/seeds/TARGET, with the dictionary
# of fuzz/dicts/ it reads. libFuzzer's output goes to fuzz/logs/TARGET.log;
# a crashing, hanging or out-of-memory input is written to
# fuzz/artifacts/TARGET/ (turn it into a regression test under
# fuzz/regressions/TARGET/). Exits non-zero when any target failed.
#
# Builds go to $CARGO_TARGET_DIR (default ~/.cache/newsgraph/fuzz-target).
set -uo pipefail
cd "$(dirname "$0")/../.."

seconds="${1:-1800}"
shift $(( $# > 0 ? 1 : 0 ))
all_targets=(decode tokens extract gold serve_request)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")

if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
  echo "usage: scripts/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]  (targets: ${all_targets[*]})" >&2
  exit 2
fi
for t in "${targets[@]}"; do
  if [ ! -f "fuzz/fuzz_targets/$t.rs" ]; then
    echo "no fuzz target \"$t\" (targets: ${all_targets[*]})" >&2
    exit 2
  fi
done

dictionary() {
  case "$1" in
    decode) echo fuzz/dicts/markup.dict ;;
    tokens | extract) echo fuzz/dicts/words.dict ;;
    gold) echo fuzz/dicts/gold.dict ;;
    serve_request) echo fuzz/dicts/request.dict ;;
  esac
}

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/newsgraph/fuzz-target}"
# One core per fuzzer: the build and the parallel parts of `eval` stay on one thread.
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"
export RAYON_NUM_THREADS=1
export RUST_BACKTRACE=1

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  rustup toolchain install nightly --profile minimal || exit 1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked || exit 1
fi

# -s none: every dependency is Rust, so AddressSanitizer would find nothing the
# panics do not, at half the speed; -a: debug assertions and overflow checks.
fuzz_flags=(--sanitizer none --debug-assertions)
mkdir -p fuzz/logs
for t in "${targets[@]}"; do
  if ! cargo +nightly fuzz build "${fuzz_flags[@]}" "$t" >fuzz/logs/build.log 2>&1; then
    tail -40 fuzz/logs/build.log >&2
    echo "fuzz build of $t failed (fuzz/logs/build.log)" >&2
    exit 1
  fi
done

failed=0
summaries=()
for t in "${targets[@]}"; do
  log="fuzz/logs/$t.log"
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  before=$(find "fuzz/artifacts/$t" -type f | sort)
  echo "fuzzing $t for $seconds s (log: $log)"
  cargo +nightly fuzz run "${fuzz_flags[@]}" "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -dict="$(dictionary "$t")" -print_final_stats=1 >"$log" 2>&1
  status=$?
  new=$(comm -13 <(echo "$before") <(find "fuzz/artifacts/$t" -type f | sort) | sed '/^$/d')
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  [ -z "$runs" ] && runs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  features=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  crashes=$(printf '%s' "$new" | grep -c .)
  line=$(printf '%-8s runs %-10s coverage %-6s features %-7s crashes %-2s exit %s' \
    "$t" "${runs:-?}" "${cov:-?}" "${features:-?}" "$crashes" "$status")
  if [ "$status" -ne 0 ] || [ "$crashes" -gt 0 ]; then
    failed=1
    line="$line  FAILED: $(grep -m1 -E 'panicked at|ERROR: libFuzzer|ALARM|out-of-memory' "$log" | cut -c1-160)"
    for a in $new; do line="$line"$'\n'"         input: $a"; done
  fi
  echo "$line"
  summaries+=("$line")
done

echo
echo "summary ($seconds s per target):"
printf '%s\n' "${summaries[@]}"
exit "$failed"

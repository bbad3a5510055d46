#!/usr/bin/env bash
# Runs DataDive's libFuzzer harnesses on demand (never in CI, never in meson test).
#
#   tests/fuzz/run.sh [SECONDS] [HARNESS...]
#
# Builds them if needed (CC=clang meson setup build-fuzz -Dfuzzing=true -Db_lundef=false),
# then runs every harness (or the ones named: recipe, llm-reply, prompt-reply, snapshot,
# catalog, wnids, words, val-annotations, boxes, loc-val-solution, loc-synset-mapping)
# for SECONDS each (default 300), two at a time (DATADIVE_FUZZ_JOBS), and prints per
# harness the executions, exec/s, coverage (edges and features) and the crashes found.
# A harness that finds a crash starts again from its corpus until its time is up.
#
# Build folder: DATADIVE_FUZZ_BUILDDIR (default build-fuzz in the source tree). The
# working corpora grow in BUILDDIR/fuzz/corpus/NAME (the seeds in tests/fuzz/corpus stay
# as they are), crash, leak, timeout and oom inputs land in BUILDDIR/fuzz/artifacts/NAME,
# logs in BUILDDIR/fuzz/logs/NAME.log. Reproduce one with BUILDDIR/tests/fuzz/fuzz-NAME FILE.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(cd "$here/../.." && pwd)
build=${DATADIVE_FUZZ_BUILDDIR:-$src/build-fuzz}
jobs=${DATADIVE_FUZZ_JOBS:-2}
all=(recipe llm-reply prompt-reply snapshot catalog wnids words val-annotations boxes
     loc-val-solution loc-synset-mapping)

seconds=300
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then
  seconds=$1
  shift
fi
names=("$@")
[[ ${#names[@]} -gt 0 ]] || names=("${all[@]}")
for name in "${names[@]}"; do
  if [[ " ${all[*]} " != *" $name "* ]]; then
    echo "run.sh: no harness “$name” (${all[*]})" >&2
    exit 2
  fi
done

if [[ ! -f $build/build.ninja ]]; then
  if ! command -v clang >/dev/null; then
    echo "run.sh: needs clang (apt-get install clang libclang-rt-14-dev)" >&2
    exit 1
  fi
  CC=clang meson setup "$build" "$src" -Dfuzzing=true -Db_lundef=false -Dbenchmarks=false >/dev/null
fi
targets=()
for name in "${names[@]}"; do targets+=("tests/fuzz/fuzz-$name"); done
ninja -C "$build" "${targets[@]}" >/dev/null

# Per harness: longest input, extra options.
options_for () {
  case $1 in
    recipe|llm-reply|prompt-reply) echo "-max_len=4096 -dict=$here/json.dict" ;;
    snapshot) echo "-max_len=8192" ;;
    catalog) echo "-max_len=512" ;;
    *) echo "-max_len=4096" ;;
  esac
}

# Runs one harness for $seconds; writes BUILDDIR/fuzz/results/NAME (one summary line).
run_one () {
  local name=$1
  local exe=$build/tests/fuzz/fuzz-$name
  local corpus=$build/fuzz/corpus/$name artifacts=$build/fuzz/artifacts/$name
  local log=$build/fuzz/logs/$name.log result=$build/fuzz/results/$name
  local start end left execs=0 runs=0 cov=0 ft=0 corp=0 line
  # the harnesses' scratch files (catalogs, annotation files): tmpfs when there is one;
  # a crashed run cannot remove its own
  local scratch base=${TMPDIR:-/tmp}
  [[ -d /dev/shm ]] && base=/dev/shm
  scratch=$(mktemp -d "$base/datadive-fuzz-$name-XXXXXX")
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")" "$(dirname "$result")"
  : > "$log"
  touch "$log.start"
  start=$(date +%s)
  end=$((start + seconds))
  while left=$((end - $(date +%s))); [[ $left -gt 0 ]]; do
    runs=$((runs + 1))
    # shellcheck disable=SC2046
    TMPDIR=$scratch \
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0} \
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
      "$exe" "$corpus" "$here/corpus/$name" -max_total_time="$left" -timeout=20 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" \
        $(options_for "$name") >> "$log" 2>&1 || true
    rm -rf "${scratch:?}"/*
  done
  rmdir "$scratch"
  # Executions: the sum over the runs (a run cut short by a crash prints its own).
  while read -r line; do execs=$((execs + line)); done < <(
    awk '/^stat::number_of_executed_units:/ { print $2 }' "$log")
  line=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -n 1 || true)
  [[ $line =~ cov:\ ([0-9]+) ]] && cov=${BASH_REMATCH[1]}
  [[ $line =~ ft:\ ([0-9]+) ]] && ft=${BASH_REMATCH[1]}
  [[ $line =~ corp:\ ([0-9]+) ]] && corp=${BASH_REMATCH[1]}
  local elapsed=$(( $(date +%s) - start ))
  local crashes
  crashes=$(find "$artifacts" -type f -newer "$log.start" | wc -l)
  printf '%-20s %6ss %12s %9s %7s %8s %7s %8s\n' "$name" "$elapsed" "$execs" \
         "$(( elapsed > 0 ? execs / elapsed : execs ))" "$cov" "$ft" "$corp" "$crashes" > "$result"
  cat "$result"
}

header=$(printf '%-20s %7s %12s %9s %7s %8s %7s %8s' \
                harness time executions exec/s cov ft corpus crashes)
echo "Fuzzing ${#names[@]} harness(es) for ${seconds}s each, $jobs at a time (build: $build)"
echo "$header"
running=0
for name in "${names[@]}"; do
  if [[ $running -ge $jobs ]]; then
    wait -n || true
    running=$((running - 1))
  fi
  run_one "$name" &
  running=$((running + 1))
done
wait

echo
echo "$header"
for name in "${names[@]}"; do cat "$build/fuzz/results/$name"; done
found=()
for name in "${names[@]}"; do
  while IFS= read -r file; do found+=("$file"); done < <(
    find "$build/fuzz/artifacts/$name" -type f -newer "$build/fuzz/logs/$name.log.start" | sort)
done
if [[ ${#found[@]} -gt 0 ]]; then
  echo
  echo "Inputs that crashed, leaked or hung (reproduce: $build/tests/fuzz/fuzz-NAME FILE):"
  printf '%s\n' "${found[@]}"
fi

#!/usr/bin/env bash
# bench-index.sh [DATASET_DIR]
# Indexes a dataset tree and prints, from one run on a warm page cache:
#   find ROOT -type f | wc -l  seconds,  datadive-cli index seconds, their ratio,
#   re-index of the unchanged tree and its ratio to the first index, peak RSS,
#   and the catalog's facet cube / filtered count times (bench-catalog).
# Without an argument it uses (and creates once) the full-scale demo:
#   200 classes × 50 val × 15 corruptions × 5 severities = 750,000 corrupted files
#   + 120,000 Tiny-ImageNet files.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
builddir=${DATADIVE_BUILDDIR:-$here/../../build}
cli=$builddir/src/cli/datadive-cli
dir=${1:-/var/tmp/datadive-bench/demo-750k}
command -v /usr/bin/time >/dev/null || { echo "bench-index: needs GNU time (apt-get install time)" >&2; exit 2; }

if [ ! -d "$dir" ]; then
  mkdir -p "$(dirname "$dir")"
  echo "creating the full-scale demo in $dir (once)…" >&2
  "$cli" demo "$dir" --classes 200 --per-class 50 >&2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
catalog=$work/bench.ddcat

now() { date +%s.%N; }

find "$dir" -type f > /dev/null            # warm the page cache
t0=$(now); files=$(find "$dir" -type f | wc -l); t1=$(now)
find_s=$(echo "$t1 - $t0" | bc -l)

/usr/bin/time -f '%M' -o "$work/rss1" "$cli" index "$dir" --catalog "$catalog" --json > "$work/first.json"
/usr/bin/time -f '%M' -o "$work/rss2" "$cli" index "$dir" --catalog "$catalog" --json > "$work/second.json"
index_s=$(sed -n 's/.*"seconds":\([0-9.e-]*\).*/\1/p' "$work/first.json")
reindex_s=$(sed -n 's/.*"seconds":\([0-9.e-]*\).*/\1/p' "$work/second.json")
samples=$(sed -n 's/^{"samples":\([0-9]*\).*/\1/p' "$work/first.json")

printf 'tree: %s (%s files, %s samples)\n' "$dir" "$files" "$samples"
printf '%-36s %8.2f s\n' "find ROOT -type f | wc -l" "$find_s"
printf '%-36s %8.2f s   (%.2f× find)\n' "datadive-cli index (first)" "$index_s" "$(echo "$index_s / $find_s" | bc -l)"
printf '%-36s %8.2f s   (%.2f of the first index)\n' "datadive-cli index (unchanged)" "$reindex_s" "$(echo "$reindex_s / $index_s" | bc -l)"
printf '%-36s %8d MB\n' "peak RSS, first index" "$(( $(cat "$work/rss1") / 1024 ))"
printf '%-36s %8d MB\n' "peak RSS, re-index" "$(( $(cat "$work/rss2") / 1024 ))"
printf '%-36s %8d MB\n' "catalog size" "$(( $(stat -c %s "$catalog") / 1048576 ))"
if [ -x "$builddir/tests/benchmarks/bench-catalog" ]; then
  "$builddir/tests/benchmarks/bench-catalog" "$catalog" | tail -n +2
fi

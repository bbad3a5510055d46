#!/usr/bin/env bash
# bench-export.sh [DATASET_DIR]
# Hard-link export of the ~100,000 train samples of the full-scale demo (ImageFolder
# layout) next to `cp -al` of the same train tree, in one run, warm cache.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
builddir=${DATADIVE_BUILDDIR:-$here/../../build}
cli=$builddir/src/cli/datadive-cli
dir=${1:-/var/tmp/datadive-bench/demo-750k}
if [ ! -d "$dir" ]; then
  mkdir -p "$(dirname "$dir")"
  "$cli" demo "$dir" --classes 200 --per-class 50 >&2
fi
work=$(mktemp -d "$(dirname "$dir")/bench-export.XXXXXX")   # same file system: hard links work
trap 'rm -rf "$work"' EXIT
"$cli" index "$dir" --catalog "$work/c.ddcat" > /dev/null
echo '{"version": 1, "splits": ["train"]}' > "$work/train.json"
count=$("$cli" query --catalog "$work/c.ddcat" --recipe "$work/train.json" --count)
train=$(find "$dir" -maxdepth 2 -type d -name train | head -1)
find "$train" -type f > /dev/null    # warm

now() { date +%s.%N; }
t0=$(now); cp -al "$train" "$work/cp-al"; t1=$(now)
cp_s=$(echo "$t1 - $t0" | bc -l)
cp_files=$(find "$work/cp-al" -type f | wc -l)
rm -rf "$work/cp-al"
"$cli" export --catalog "$work/c.ddcat" --recipe "$work/train.json" --to "$work/export" \
  --layout imagefolder --mode hardlink --json > "$work/export.json"
ex_s=$(sed -n 's/.*"seconds":\([0-9.e-]*\).*/\1/p' "$work/export.json")
printf 'subset: %s samples (train split of %s)\n' "$count" "$dir"
printf '%-44s %7.2f s  (%s files)\n' "cp -al train/" "$cp_s" "$cp_files"
printf '%-44s %7.2f s  (%.2f× cp -al)\n' "datadive-cli export --mode hardlink" "$ex_s" "$(echo "$ex_s / $cp_s" | bc -l)"

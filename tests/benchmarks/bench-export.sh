#!/usr/bin/env bash
# bench-export.sh [DATASET_DIR]
# Hard-link, symbolic-link and copy exports of the ~100,000 train samples of the
# full-scale demo (ImageFolder layout) next to `cp -al` of the same train tree, in one
# run, warm cache.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
builddir=${DATADIVE_BUILDDIR:-$here/../../build}
cli=$builddir/src/cli/datadive-cli
dir=${1:-/var/tmp/datadive-bench/demo-750k}
if [ ! -d "$dir" ]; then
  mkdir -p "$(dirname "$dir")"
  "$cli" demo "$dir" --classes 200 --per-class 50 >&2
fi
# same file system as the dataset: hard links work (DATADIVE_BENCH_TMP to choose another
# folder on it, when the dataset's parent is not to be written)
work=$(mktemp -d "${DATADIVE_BENCH_TMP:-$(dirname "$dir")}/bench-export.XXXXXX")
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
printf 'subset: %s samples (train split of %s)\n' "$count" "$dir"
printf '%-44s %7.2f s  (%s files)\n' "cp -al train/" "$cp_s" "$cp_files"
# Each mode into a folder of its own, nothing deleted until the end: on an ext4 without
# a journal, creating files right after deleting 100,000 others is several times slower
# (the inode allocator skips inodes freed in the last minutes: recently_deleted()).
for mode in hardlink symlink copy; do
  "$cli" export --catalog "$work/c.ddcat" --recipe "$work/train.json" --to "$work/export-$mode" \
    --layout imagefolder --mode "$mode" --json > "$work/export-$mode.json"
  ex_s=$(sed -n 's/.*"seconds":\([0-9.e-]*\).*/\1/p' "$work/export-$mode.json")
  printf '%-44s %7.2f s  (%.2f× cp -al, %s on disk)\n' "datadive-cli export --mode $mode" "$ex_s" \
    "$(echo "$ex_s / $cp_s" | bc -l)" "$(du -sh "$work/export-$mode" | cut -f1)"
done

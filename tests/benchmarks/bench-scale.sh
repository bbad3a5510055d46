#!/usr/bin/env bash
# bench-scale.sh [860k | 5M | DATASET_DIR]: the issue 16 figures in one table.
#
# Makes the tree once (cached under ${DATADIVE_SCALE_DIR:-/var/tmp/dd-scale}), then, in
# one run on a warm page cache, times `find`, the first index, the re-index of the
# unchanged tree (datadive-cli index, peak RSS, catalog size), the catalog queries
# (bench-catalog: open, filtered count, cube, quota, page) and the window
# (datadive-ui-bench under xvfb-run with GSK_RENDERER=cairo: first thumbnails, longest
# stall, frame p99, toggle → grid, RSS), and prints ONE Markdown table, each figure next
# to its target from issue 16.
#
#   860k  the full-scale Tiny demo: `datadive-cli demo DIR --classes 200 --per-class 50`
#         (870,159 files; DATADIVE_SCALE_TREE=DIR reuses one made before, read-only)
#   5M    ImageNet-C shape (`demo --layout imagenet-c --classes 1000`: 3,750,000 files)
#         + ImageNet train/val shape (`demo --layout imagenet --classes 1000`: 1,331,002
#         files) under one parent folder, indexed as one root: 5,081,002 files, hard links
#         to 154,000 drawn images (230,000 inodes, 1 GB; 95 s to make; 1.1 GB of catalog)
#
# Nothing in the tree is written. The catalog and the window's copy of it are made in
# $DATADIVE_SCALE_DIR/work-SIZE and removed at the end (DATADIVE_SCALE_KEEP=1 keeps the
# catalog there, e.g. for a profile). The generator, find, the index runs and bench-catalog
# are niced when DATADIVE_SCALE_NICE is set (e.g. 10), the window never; the load average
# before and after is printed with the table.
# Needs: GNU time, bc, xvfb-run (for the window; skipped without it).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
builddir=${DATADIVE_BUILDDIR:-$here/../../build}
cli=$builddir/src/cli/datadive-cli
bench_catalog=$builddir/tests/benchmarks/bench-catalog
ui_bench=$builddir/tests/benchmarks/datadive-ui-bench
scale_dir=${DATADIVE_SCALE_DIR:-/var/tmp/dd-scale}
size=${1:-860k}
nice_cmd=()
[ -n "${DATADIVE_SCALE_NICE:-}" ] && nice_cmd=(nice -n "$DATADIVE_SCALE_NICE")

die() { echo "bench-scale: $*" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || die "needs GNU time (apt-get install time)"
command -v bc >/dev/null || die "needs bc (apt-get install bc)"
[ -x "$cli" ] || die "no $cli: build first (meson compile -C build)"

# ---- the tree, made once -------------------------------------------------------------
make_demo() {   # OUT_DIR ARGS…: a demo tree, unless it is there already (written atomically)
  local out=$1; shift
  [ -d "$out" ] && return 0
  mkdir -p "$(dirname "$out")" || die "cannot create $(dirname "$out")"
  echo "bench-scale: making $out (once): datadive-cli demo $out $*" >&2
  "${nice_cmd[@]}" "$cli" demo "$out" "$@" >&2 || die "could not make $out"
}

case "$size" in
  860k)
    tree=${DATADIVE_SCALE_TREE:-$scale_dir/860k}
    [ -n "${DATADIVE_SCALE_TREE:-}" ] || make_demo "$tree" --classes 200 --per-class 50
    ;;
  5M)
    tree=${DATADIVE_SCALE_TREE:-$scale_dir/5M}
    if [ -z "${DATADIVE_SCALE_TREE:-}" ]; then
      make_demo "$tree/imagenet-c" --layout imagenet-c --classes 1000
      make_demo "$tree/imagenet" --layout imagenet --classes 1000
    fi
    ;;
  *)
    [ -d "$size" ] || die "SIZE is 860k, 5M or a dataset folder, not “$size”"
    tree=$(cd "$size" && pwd)
    size=$(basename "$tree")
    ;;
esac
[ -d "$tree" ] || die "no tree at $tree"

work=$scale_dir/work-$size
rm -rf "$work" && mkdir -p "$work" || die "cannot create $work"
[ -n "${DATADIVE_SCALE_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
catalog=$work/scale.ddcat

now() { date +%s.%N; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
json_num() { sed -n "s/.*\"$2\": *\([0-9.e+-]*\).*/\1/p" "$1" | head -n 1; }
load_before=$(load)

# ---- find, the first index, the re-index -----------------------------------------------
echo "bench-scale: find (warming the page cache first)…" >&2
"${nice_cmd[@]}" find "$tree" -type f > /dev/null
t0=$(now); files=$("${nice_cmd[@]}" find "$tree" -type f | wc -l); t1=$(now)
find_s=$(echo "$t1 - $t0" | bc -l)

echo "bench-scale: first index…" >&2
"${nice_cmd[@]}" /usr/bin/time -f '%M' -o "$work/rss1" \
  "$cli" index "$tree" --catalog "$catalog" --json > "$work/first.json" || die "index failed"
echo "bench-scale: re-index of the unchanged tree…" >&2
"${nice_cmd[@]}" /usr/bin/time -f '%M' -o "$work/rss2" \
  "$cli" index "$tree" --catalog "$catalog" --json > "$work/second.json" || die "re-index failed"
index_s=$(sed -n 's/.*"seconds":\([0-9.e-]*\).*/\1/p' "$work/first.json")
reindex_s=$(sed -n 's/.*"seconds":\([0-9.e-]*\).*/\1/p' "$work/second.json")
samples=$(sed -n 's/^{"samples":\([0-9]*\).*/\1/p' "$work/first.json")
rss1=$(( $(cat "$work/rss1") / 1024 ))
rss2=$(( $(cat "$work/rss2") / 1024 ))
bytes=$(stat -c %s "$catalog")

# ---- the catalog's questions -------------------------------------------------------------
echo "bench-scale: bench-catalog…" >&2
if [ -x "$bench_catalog" ] && "${nice_cmd[@]}" "$bench_catalog" "$catalog" > "$work/catalog.txt"; then
  tail -n 1 "$work/catalog.txt" > "$work/catalog.json"
else
  echo '{}' > "$work/catalog.json"
fi

# ---- the window ---------------------------------------------------------------------------
ui_note=""
if [ -x "$ui_bench" ] && command -v xvfb-run >/dev/null; then
  echo "bench-scale: datadive-ui-bench under xvfb-run (cairo)…" >&2
  # not niced: it measures latency, and a niced window on a busy machine times out
  if GSK_RENDERER=cairo timeout 900 xvfb-run -a -s "-screen 0 1600x1000x24" \
       "$ui_bench" "$catalog" > "$work/ui.txt" 2> "$work/ui.err"; then
    grep '^{' "$work/ui.txt" | tail -n 1 > "$work/ui.json"
  else
    ui_note="datadive-ui-bench failed: $(grep -E 'ERROR|datadive-ui-bench:|CRITICAL' \
                                          "$work/ui.err" | tail -n 1)"
    echo '{}' > "$work/ui.json"
  fi
else
  ui_note="window not measured (no datadive-ui-bench or xvfb-run)"
  echo '{}' > "$work/ui.json"
fi
load_after=$(load)

# ---- the table --------------------------------------------------------------------------
# row LABEL SHOWN TARGET [VALUE LIMIT]: VALUE ≤ LIMIT marks the row met (✓) or not (✗).
row() {
  local label=$1 shown=$2 target=$3 value=${4:-} limit=${5:-} mark=""
  if [ -n "$value" ] && [ -n "$limit" ]; then
    if [ "$(echo "$value <= $limit" | bc -l)" = 1 ]; then mark="✓"; else mark="✗"; fi
  fi
  printf '| %s | %s | %s | %s |\n' "$label" "${shown:-—}" "$target" "$mark"
}
fmt() { [ -n "$2" ] && printf "%.${1}f" "$2"; }
# ms ROW_LABEL FILE KEY DECIMALS TARGET LIMIT: a figure of a JSON line, in ms
ms() {
  local v
  v=$(json_num "$2" "$3")
  row "$1" "$([ -n "$v" ] && echo "$(fmt "$4" "$v") ms")" "$5" "$v" "$6"
}

index_x=$(echo "$index_s / $find_s" | bc -l)
reindex_x=$(echo "$reindex_s / $index_s" | bc -l)
per_sample=$(( bytes / (samples > 0 ? samples : 1) ))
cj=$work/catalog.json
uj=$work/ui.json
ui_rss=$(json_num "$uj" peak_rss_mb)

printf '\n%s: %s files, %s samples (load average %s before, %s after)\n\n' \
  "$tree" "$files" "$samples" "$load_before" "$load_after"
printf '| %s | measured | target | met |\n|---|---|---|---|\n' "$size"
row '`find -type f \| wc -l`' "$(fmt 2 "$find_s") s" "—"
row "first index" "$(fmt 1 "$index_s") s = $(fmt 1 "$index_x")× find" "≤ 3× find (aim 2×)" \
  "$index_x" 3
row "re-index, unchanged" "$(fmt 2 "$reindex_s") s = $(fmt 2 "$reindex_x")× first" \
  "≤ 0.2× first" "$reindex_x" 0.2
row "peak RSS of first index / re-index" "$rss1 MB / $rss2 MB" "≤ 1 GB (at 5 M)" "$rss1" 1024
row "catalog on disk" "$(( bytes / 1048576 )) MB = $per_sample B/sample" "≤ 120 B/sample" \
  "$per_sample" 120
ms "open (stored snapshot)" "$cj" open_ms 0 "≤ 300 ms" 300
ms "filtered count" "$cj" count_ms 1 "≤ 10 ms" 10
ms "cube class × corruption × severity" "$cj" cube_ms 1 "≤ 50 ms" 50
ms "seeded per-class quota" "$cj" quota_ms 1 "≤ 20 ms" 20
ms "details of a 256-sample page" "$cj" page_ms 1 "≤ 5 ms" 5
ms "window: first thumbnails" "$uj" first_thumbnails_ms 0 "≤ 300 ms" 300
ms "window: longest stall" "$uj" max_stall_ms 0 "≤ 50 ms" 50
ms "window: frame p99, all" "$uj" frame_p99_ms 1 "≤ 20 ms" 20
ms "window: frame p99, wheel" "$uj" wheel_p99_ms 1 "≤ 20 ms" 20
ms "window: class toggle → grid" "$uj" toggle_ms 0 "≤ 100 ms" 100
row "window: peak RSS" "$([ -n "$ui_rss" ] && echo "$ui_rss MB")" "≤ 600 MB" "$ui_rss" 600
[ -z "$ui_note" ] || printf '\n%s\n' "$ui_note"
exit 0

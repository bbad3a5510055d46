#!/usr/bin/env bash
# Every source file with translatable strings is listed in po/POTFILES.in.
set -euo pipefail
top=${1:?usage: check-potfiles.sh SOURCE_ROOT}
cd "$top"
missing=0
while IFS= read -r f; do
  if ! grep -qxF "$f" po/POTFILES.in; then
    echo "not in po/POTFILES.in: $f"
    missing=1
  fi
done < <(grep -rlE '(^|[^A-Za-z_])N?_\(|translatable="yes"' src data --include='*.c' --include='*.ui' --include='*.in' --include='*.xml' | sort)
while IFS= read -r f; do
  [ -z "$f" ] || [ -f "$f" ] || { echo "listed but absent: $f"; missing=1; }
done < po/POTFILES.in
exit $missing

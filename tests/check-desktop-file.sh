#!/usr/bin/env bash
# desktop-file-validate, failing on any line it prints: it exits 0 on hints and
# warnings (two main categories, deprecated keys), which a desktop file should not have.
set -euo pipefail
validate=${1:?usage: check-desktop-file.sh DESKTOP_FILE_VALIDATE FILE}
file=${2:?usage: check-desktop-file.sh DESKTOP_FILE_VALIDATE FILE}
out=$("$validate" "$file" 2>&1) || { printf '%s\n' "$out"; exit 1; }
if [ -n "$out" ]; then
  printf '%s\n' "$out"
  exit 1
fi

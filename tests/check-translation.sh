#!/usr/bin/env bash
# The German translation covers every message: a fresh template is extracted from
# po/POTFILES.in, po/de.po is merged against it, and nothing may be untranslated or fuzzy.
set -euo pipefail
top=${1:?usage: check-translation.sh SOURCE_ROOT}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$top"
xgettext --package-name=datadive --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=g_dngettext:2:pass-c-format \
  --flag=g_strdup_printf:1:c-format --flag=g_set_error:4:c-format \
  --files-from=po/POTFILES.in -o "$work/datadive.pot" 2> "$work/xgettext.log" || {
    cat "$work/xgettext.log" >&2; exit 1; }
msgmerge --quiet --no-fuzzy-matching "po/de.po" "$work/datadive.pot" -o "$work/de.po"
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$work/de.po" 2>&1)
echo "de: $stats"
case "$stats" in
  *untranslated*|*fuzzy*) echo "de.po is incomplete" >&2; exit 1 ;;
esac

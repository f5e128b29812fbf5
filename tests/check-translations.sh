#!/bin/sh
# The Japanese translation is complete and current: every file with translatable text is
# in po/POTFILES, every string of those files is translated in po/ja.po, and ja.po
# compiles cleanly. Usage: check-translations.sh SOURCE_ROOT
set -eu
top=$1
cd "$top"
status=0

listed=$(grep -v '^#' po/POTFILES | grep -v '^$' | sort)
found=$( (grep -lE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|ngettext)[[:space:]]*\(' \
            src/*.c src/*/*.c src/*/*/*.c 2>/dev/null || true;
          grep -l 'translatable="yes"' ui/*.ui ui/*/*.ui 2>/dev/null || true;
          ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml) | sort -u)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%s\n' "$listed" > "$tmp/listed"
printf '%s\n' "$found" > "$tmp/found"
missing=$(comm -23 "$tmp/found" "$tmp/listed")
if [ -n "$missing" ]; then
  echo "Files with translatable strings missing from po/POTFILES:"; echo "$missing"; status=1
fi
for f in $listed; do
  [ -f "$f" ] || { echo "po/POTFILES names a file that does not exist: $f"; status=1; }
done

pot="$tmp/tsunagu.pot"
xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --keyword=g_dcgettext:2 --keyword=g_dpgettext2:2c,3 \
  -o "$pot" $(printf '%s\n' "$listed" | grep -v '\.gschema\.xml$') 2>/dev/null || true
xgettext --from-code=UTF-8 -j -o "$pot" $(printf '%s\n' "$listed" | grep '\.gschema\.xml$') 2>/dev/null || true
if ! msgcmp po/ja.po "$pot" 2>"$pot.err"; then
  echo "po/ja.po lacks translations:"; head -40 "$pot.err"; status=1
fi

stats=$(msgfmt --check --statistics -o /dev/null po/ja.po 2>&1) || status=1
echo "ja.po: $stats"
case "$stats" in *untranslated*|*fuzzy*) status=1;; esac
exit $status

#!/usr/bin/env bash
# Refresh the XBlocks' message catalogues. Each block reads its own catalogue
# (xblocks/<block>/translations/<lang>/LC_MESSAGES/text.po), which also holds the strings of the
# helpers both blocks share. New strings are merged in untranslated; the .mo files are compiled.
set -euo pipefail
cd "$(dirname "$0")/.."
languages="${LANGUAGES:-pl}"
for block in szpon_meeting szpon_appointment; do
  pot="$(mktemp)"
  xgettext --language=Python --from-code=UTF-8 --sort-by-file --no-wrap --add-location=file \
    --keyword=_ --keyword=gettext --keyword=gettext_noop --keyword=ngettext:1,2 \
    --package-name="$block" --output="$pot" \
    "xblocks/$block"/*.py xblocks/common/*.py
  for language in $languages; do
    dir="xblocks/$block/translations/$language/LC_MESSAGES"
    mkdir -p "$dir"
    if [ -f "$dir/text.po" ]; then
      msgmerge --quiet --update --backup=none --no-wrap --no-fuzzy-matching --add-location=file "$dir/text.po" "$pot"
    else
      msginit --no-translator --no-wrap --locale="$language" --input="$pot" --output-file="$dir/text.po"
    fi
    msgfmt --check --output-file="$dir/text.mo" "$dir/text.po"
  done
  rm -f "$pot"
done

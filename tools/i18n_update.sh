#!/usr/bin/env bash
# Re-export a module's translation template (default the core,
# quality_progress_sync) from a database where it is installed (with demo
# data, as the template has always been made), merge it into zh_CN.po and zh_TW.po (new terms come untranslated, removed ones go),
# and wrap the files as gettext does. Then translate what is new: the test
# module's tests/test_translations.py lists it.
# Usage: ADDONS_PATH=... [PYTHON=python3] tools/i18n_update.sh DATABASE [MODULE]
set -euo pipefail
db="${1:?usage: tools/i18n_update.sh DATABASE [MODULE]}"
module="${2:-quality_progress_sync}"
: "${ADDONS_PATH:?set ADDONS_PATH (this repository, then the addons of Odoo)}"
python="${PYTHON:-python3}"
i18n="$(cd "$(dirname "$0")/.." && pwd)/$module/i18n"
mkdir -p "$i18n"
pot="$i18n/$module.pot"
"$python" -m odoo --addons-path="$ADDONS_PATH" -d "$db" --log-level=warn \
    --i18n-export="$pot" --modules="$module" --stop-after-init
# The module's name and summary in the Apps menu are those of its
# ir.module.module record (base.module_<module>), which Odoo's
# export leaves to base: add them, from the manifest.
"$python" - "$pot" "$i18n/../__manifest__.py" "$module" <<'PY'
import ast
import sys

pot, manifest = sys.argv[1], ast.literal_eval(open(sys.argv[2]).read())
module = sys.argv[3]
entries = []
for field, key in (("shortdesc", "name"), ("summary", "summary")):
    text = manifest[key].replace("\\", "\\\\").replace('"', '\\"')
    entries.append(
        f"#. module: {module}\n"
        f"#: model:ir.module.module,{field}:base.module_{module}\n"
        f'msgid "{text}"\nmsgstr ""\n'
    )
with open(pot, "a") as file:
    file.write("\n" + "\n".join(entries))
PY
msgcat --use-first -o "$pot" "$pot"
for lang in zh_CN zh_TW; do
    # A new module's catalogs start from its template (Chinese plural forms).
    if [ ! -f "$i18n/$lang.po" ]; then
        msginit --no-translator --locale="$lang.UTF-8" -i "$pot" -o "$i18n/$lang.po"
        sed -i 's/^"Plural-Forms: .*"$/"Plural-Forms: nplurals=1; plural=0;\\n"/' "$i18n/$lang.po"
    fi
    msgmerge --quiet --no-fuzzy-matching --backup=none -U "$i18n/$lang.po" "$pot"
    msgattrib --no-obsolete -o "$i18n/$lang.po" "$i18n/$lang.po"
    msgfmt --check -o /dev/null "$i18n/$lang.po"
done
echo "Untranslated now:"
for lang in zh_CN zh_TW; do
    count=$(msgattrib --untranslated --no-obsolete "$i18n/$lang.po" | grep -c "^msgid" || true)
    echo "$lang: $((count > 0 ? count - 1 : 0))"
done

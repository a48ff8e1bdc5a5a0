#!/usr/bin/env bash
# Install quality_progress_sync beside OCA's quality_control_mrp_oca (18.0) on
# a fresh database and fail if the installation logs any warning or error,
# such as two fields of one model with the same label; with --tests, then
# run OCA's own tests (quality_control_oca, quality_control_stock_oca,
# quality_control_mrp_oca) on that database, the add-on loaded.
#
# Usage: PYTHON=python3 ADDONS_PATH=<repo>,<OCA addons>,<Odoo addons> \
#            tools/oca_coinstall_check.sh [--tests] [ODOO_ARGS...]
#   PYTHON       the Python that imports Odoo 18.0 (default: python3)
#   ADDONS_PATH  required: holds quality_progress_sync, quality_control_mrp_oca
#                with its dependencies (quality_control_oca,
#                quality_control_stock_oca) and Odoo's addons
#   --tests      also run OCA's tests (pytest-odoo), failing on a skipped one
#   ODOO_ARGS    passed to Odoo, e.g. --db_host=... --db_port=... or
#                --without-demo=all (in the --option=value form; OCA's CI
#                installs the demo data)
# The database (qps_oca_check_<pid>) is dropped on exit; the log is kept only
# when the check fails.
set -euo pipefail

PYTHON="${PYTHON:-python3}"
: "${ADDONS_PATH:?set ADDONS_PATH to the add-on, OCA and Odoo addons paths}"
HERE="$(cd "$(dirname "$0")" && pwd)"
TESTS=0
if [ "${1:-}" = "--tests" ]; then TESTS=1; shift; fi
DB="qps_oca_check_$$"
LOG="$(mktemp --tmpdir "$DB.XXXXXX.log")"
# The connection options among the arguments, for dropping the database.
DB_ARGS=()
for arg in "$@"; do
    case "$arg" in
        --db_*=* | --pg_path=* | --data-dir=* | --config=*) DB_ARGS+=("$arg") ;;
    esac
done
trap '"$PYTHON" -m odoo db "${DB_ARGS[@]}" drop "$DB" >/dev/null 2>&1 || true' EXIT

echo "== installing quality_progress_sync and quality_control_mrp_oca on $DB"
if ! "$PYTHON" -m odoo "$@" --addons-path="$ADDONS_PATH" -d "$DB" \
    -i quality_progress_sync,quality_control_mrp_oca \
    --stop-after-init --log-level=warn --logfile="$LOG"; then
    cat "$LOG" >&2
    echo "error: the installation failed (log: $LOG)" >&2
    exit 1
fi
if grep -E " (WARNING|ERROR|CRITICAL) " "$LOG" >&2; then
    echo "error: the installation beside OCA logged warnings or errors" \
        "(above, full log: $LOG)" >&2
    exit 1
fi
rm -f "$LOG"
echo "== no warning installing beside quality_control_mrp_oca"
[ "$TESTS" = 1 ] || exit 0

# OCA's test folders, found on the addons path.
TEST_DIRS=()
IFS=, read -r -a FOLDERS <<<"$ADDONS_PATH"
for module in quality_control_oca quality_control_stock_oca quality_control_mrp_oca; do
    for folder in "${FOLDERS[@]}"; do
        if [ -d "$folder/$module/tests" ]; then
            TEST_DIRS+=("$folder/$module/tests")
            break
        fi
    done
done
[ "${#TEST_DIRS[@]}" = 3 ] || { echo "error: OCA's tests not found on $ADDONS_PATH" >&2; exit 1; }
echo "== OCA's own tests, quality_progress_sync installed beside"
PYTEST_DB=()
for arg in "${DB_ARGS[@]}"; do
    case "$arg" in --db_*) PYTEST_DB+=(--odoo-extra="${arg#--}") ;; esac
done
TZ=UTC OPENERP_SERVER=/dev/null PYTHONPATH="$HERE${PYTHONPATH:+:$PYTHONPATH}" \
    "$PYTHON" -m pytest -p no:cacheprovider -p pytest_odoo_collect -p pytest_no_skip \
    --fail-on-skip -rs -q --odoo-database="$DB" --odoo-addons-path="$ADDONS_PATH" \
    --odoo-log-level=warn --odoo-extra=test-enable --odoo-http "${PYTEST_DB[@]}" \
    "${TEST_DIRS[@]}"

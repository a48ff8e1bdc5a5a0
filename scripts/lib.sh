#!/usr/bin/env bash
# Shared by scripts/run, scripts/test and bench/run: find Odoo 18.0 (or set it
# up, see setup_odoo.sh), make PostgreSQL answer. Sourced, not run.

# Variables set here are for the scripts that source this file.
# shellcheck disable=SC2034
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export TZ=UTC

die() {
    echo "error: $*" >&2
    exit 1
}

# shellcheck source=scripts/setup_odoo.sh
source "$REPO_ROOT/scripts/setup_odoo.sh"

# odoo_info PY: prints Odoo's version and the directory holding odoo/ when PY
# imports Odoo; fails otherwise.
odoo_info() {
    (cd / && "$1" -c "import os, odoo, odoo.release as r; \
print(r.version); print(os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__))))") \
        2>/dev/null
}

# find_odoo: the Python that runs Odoo 18.0 (ODOO_PY): $ODOO_PYTHON when it
# imports Odoo 18.0, else python3 when it does, else the Python of the cache
# set up by setup_odoo.sh (set up first when needed). Also sets ODOO_VERSION,
# ODOO_ROOT, CORE_ADDONS and ADDONS_PATH.
find_odoo() {
    local info="" py
    if [ -n "${ODOO_PYTHON:-}" ]; then
        py="$ODOO_PYTHON"
        case "$py" in
            */*) py="$(cd "$(dirname "$py")" 2>/dev/null && pwd)/$(basename "$py")" ;;
        esac
        if info=$(odoo_info "$py") && [[ "$info" == "$ODOO_SERIES"* ]]; then
            ODOO_PY="$py"
        else
            echo "== ODOO_PYTHON=$ODOO_PYTHON does not import Odoo $ODOO_SERIES" >&2
            info=""
        fi
    fi
    if [ -z "$info" ]; then
        if info=$(odoo_info python3) && [[ "$info" == "$ODOO_SERIES"* ]]; then
            ODOO_PY=python3
        else
            ensure_odoo_cache
            info="$ODOO_CACHE_INFO"
            echo "== Odoo $ODOO_SERIES of $ODOO_CACHE (python3 does not import Odoo $ODOO_SERIES)" >&2
        fi
    fi
    ODOO_VERSION=$(echo "$info" | sed -n 1p)
    ODOO_ROOT=$(echo "$info" | sed -n 2p)
    case "$ODOO_VERSION" in
        "$ODOO_SERIES"*) ;;
        *) die "$ODOO_PY imports Odoo $ODOO_VERSION; this add-on needs Odoo $ODOO_SERIES." ;;
    esac
    local core_addons="$ODOO_ROOT/addons"
    [ -f "$core_addons/mrp/__manifest__.py" ] \
        || core_addons="$ODOO_ROOT/odoo/addons"
    [ -f "$core_addons/mrp/__manifest__.py" ] \
        || die "Odoo's addons (mrp) are not found next to $ODOO_ROOT/odoo."
    CORE_ADDONS="$core_addons"
    ADDONS_PATH="$REPO_ROOT,$core_addons"
}

# The tools beyond Python that the add-on and its tests use, as Debian
# packages: chromium (Odoo's browser tours), wkhtmltopdf (the PDF reports)
# and fonts-noto-cjk (Chinese in the PDFs and in the browser).
# missing_tool_packages PACKAGE...: those of PACKAGE... missing here.
missing_tool_packages() {
    local missing=() package bin found
    for package in "$@"; do
        case "$package" in
            chromium)
                found=""
                # The names Odoo's browser runner looks for (odoo/tests/common.py).
                for bin in google-chrome chromium chromium-browser google-chrome-stable; do
                    command -v "$bin" >/dev/null 2>&1 && found=1 && break
                done
                [ -n "$found" ] || missing+=(chromium)
                ;;
            wkhtmltopdf) command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf) ;;
            fonts-noto-cjk)
                [ -n "$(fc-list :lang=zh 2>/dev/null)" ] || missing+=(fonts-noto-cjk)
                ;;
            *) die "missing_tool_packages: unknown package $package" ;;
        esac
    done
    echo "${missing[*]}"
}

# ensure_tools WHY PACKAGE...: install those of PACKAGE... missing here (as
# root, with apt-get); otherwise name them with WHY (what goes without them)
# and return 1.
ensure_tools() {
    local why="$1" missing
    shift
    missing=$(missing_tool_packages "$@")
    [ -n "$missing" ] || return 0
    echo "== installing the Debian packages $missing"
    # shellcheck disable=SC2086
    apt_install $missing || true
    missing=$(missing_tool_packages "$@")
    [ -n "$missing" ] || return 0
    echo "note: $missing missing: $why. Install them (Debian/Ubuntu, as root:" \
        "apt-get install $missing), then run this again." >&2
    return 1
}

# pg_server_bin: the newest PostgreSQL server binaries' folder (initdb).
pg_server_bin() {
    local pgbin
    # shellcheck disable=SC2012
    pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$pgbin" ] || pgbin=$(dirname "$(command -v initdb 2>/dev/null || echo .)")
    [ -x "$pgbin/initdb" ] && echo "$pgbin"
}

# Make a PostgreSQL server answer: as root, the Debian cluster (PostgreSQL
# installed with apt-get, and a cluster created, when there is none); as
# another user, a private cluster inside the checkout (.pgdata, socket in
# .pgsocket).
ensure_postgres() {
    PG_ARGS=()
    if [ "$(id -u)" = "0" ]; then
        if ! pg_isready -q 2>/dev/null; then
            if ! pg_server_bin >/dev/null || ! command -v pg_lsclusters >/dev/null; then
                echo "== installing PostgreSQL (Debian package postgresql)"
                apt_install postgresql || die "PostgreSQL is not installed: install the \
package postgresql (Debian/Ubuntu: apt-get install postgresql), then run this again."
            fi
            local cluster
            cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
            if [ -z "$cluster" ]; then
                local version
                version=$(basename "$(dirname "$(pg_server_bin)")")
                echo "== creating the PostgreSQL cluster $version/main"
                pg_createcluster "$version" main >/dev/null \
                    || die "cannot create a PostgreSQL cluster (pg_createcluster $version main)."
                cluster="$version main"
            fi
            # shellcheck disable=SC2086
            pg_ctlcluster $cluster start || die "cannot start PostgreSQL cluster $cluster."
            for _ in $(seq 30); do pg_isready -q && break; sleep 1; done
        fi
        su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='root'\"" \
            | grep -q 1 || su postgres -c "createuser --superuser root" \
            || die "cannot create the PostgreSQL role root."
    else
        local pgbin
        pgbin=$(pg_server_bin) || die "PostgreSQL's server (initdb) is not installed: \
install the package postgresql (Debian/Ubuntu: sudo apt-get install postgresql), then run this again."
        local data="$REPO_ROOT/.pgdata" sock="$REPO_ROOT/.pgsocket"
        mkdir -p "$sock"
        if [ ! -f "$data/PG_VERSION" ]; then
            "$pgbin/initdb" -D "$data" -U "$(id -un)" --auth=trust >/dev/null \
                || die "initdb failed in $data."
        fi
        if ! "$pgbin/pg_isready" -q -h "$sock" -p 54329; then
            "$pgbin/pg_ctl" -D "$data" -l "$data/server.log" -w \
                -o "-k $sock -p 54329 -c listen_addresses=''" start >/dev/null \
                || die "cannot start PostgreSQL (see $data/server.log)."
        fi
        PG_ARGS=(--db_host="$sock" --db_port=54329)
    fi
}

drop_db() {
    "$ODOO_PY" - "$1" "${PG_ARGS[@]}" <<'PY'
import sys
import psycopg2
name = sys.argv[1]
kw = {"dbname": "postgres"}
for arg in sys.argv[2:]:
    key, value = arg.split("=", 1)
    kw[{"--db_host": "host", "--db_port": "port"}[key]] = value
conn = psycopg2.connect(**kw)
conn.autocommit = True
conn.cursor().execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name.replace('"', ""))
PY
}

# addon_state DB [MODULE]: MODULE's state in DB ("installed", ...; default
# the core, quality_progress_sync), nothing when the database or the module
# is not there.
addon_state() {
    "$ODOO_PY" - "$1" "${2:-quality_progress_sync}" "${PG_ARGS[@]}" <<'PY'
import sys
import psycopg2
kw = {"dbname": sys.argv[1]}
for arg in sys.argv[3:]:
    key, value = arg.split("=", 1)
    kw[{"--db_host": "host", "--db_port": "port"}[key]] = value
try:
    conn = psycopg2.connect(**kw)
    cr = conn.cursor()
    cr.execute("SELECT state FROM ir_module_module WHERE name = %s", (sys.argv[2],))
    row = cr.fetchone()
except psycopg2.Error:
    row = None
print(row[0] if row else "")
PY
}

# The repository's modules: the core and the feature modules beside it,
# each a directory with a manifest (quality_progress_sync*).
repo_modules() {
    local dir
    for dir in "$REPO_ROOT"/quality_progress_sync*/; do
        [ -f "$dir/__manifest__.py" ] && basename "$dir"
    done
}

#!/usr/bin/env bash
# Shared by scripts/run and scripts/test: find Odoo, make PostgreSQL answer.
# Sourced, not run. Nothing here installs Odoo: it must already be importable.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export TZ=UTC

die() {
    echo "error: $*" >&2
    exit 1
}

# Odoo 18.0 must be importable by python3; its core addons sit beside it.
find_odoo() {
    local info
    info=$(cd / && python3 -c "import os, odoo, odoo.release as r; \
print(r.version); print(os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__))))" \
        2>/dev/null) || die "Odoo 18.0 is not installed: 'python3 -c \"import odoo\"' fails.
Install Odoo 18.0 Community (its source and its requirements.txt) so that
python3 imports it, then run this again."
    ODOO_VERSION=$(echo "$info" | sed -n 1p)
    ODOO_ROOT=$(echo "$info" | sed -n 2p)
    case "$ODOO_VERSION" in
        18.0*) ;;
        *) die "python3 imports Odoo $ODOO_VERSION; this add-on needs Odoo 18.0." ;;
    esac
    local core_addons="$ODOO_ROOT/addons"
    [ -f "$core_addons/mrp/__manifest__.py" ] \
        || core_addons="$ODOO_ROOT/odoo/addons"
    [ -f "$core_addons/mrp/__manifest__.py" ] \
        || die "Odoo's addons (mrp) are not found next to $ODOO_ROOT/odoo."
    CORE_ADDONS="$core_addons"
    ADDONS_PATH="$REPO_ROOT,$core_addons"
}

# Make a PostgreSQL server answer: as root, the Debian cluster; as another
# user, a private cluster inside the checkout (.pgdata, socket in .pgsocket).
ensure_postgres() {
    PG_ARGS=()
    if [ "$(id -u)" = "0" ]; then
        if ! pg_isready -q 2>/dev/null; then
            command -v pg_lsclusters >/dev/null \
                || die "PostgreSQL does not answer and pg_lsclusters is missing."
            local cluster
            cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
            [ -n "$cluster" ] || die "no PostgreSQL cluster: create one (pg_createcluster)."
            # shellcheck disable=SC2086
            pg_ctlcluster $cluster start || die "cannot start PostgreSQL cluster $cluster."
            for _ in $(seq 30); do pg_isready -q && break; sleep 1; done
        fi
        su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='root'\"" \
            | grep -q 1 || su postgres -c "createuser --superuser root" \
            || die "cannot create the PostgreSQL role root."
    else
        local pgbin
        pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
        [ -n "$pgbin" ] || pgbin=$(dirname "$(command -v initdb 2>/dev/null)")
        [ -x "$pgbin/initdb" ] || die "PostgreSQL server binaries (initdb) not found."
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

odoo_bin() {
    (cd "$REPO_ROOT" && python3 -m odoo "$@")
}

drop_db() {
    python3 - "$1" "${PG_ARGS[@]}" <<'PY'
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

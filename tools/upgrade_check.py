# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Upgrade a database of an earlier version of quality_progress_sync (a git
revision of this repository, with Odoo's and the add-on's demo data) to the
working tree's modules, and show that nothing is lost:

- every external id of the add-on still points at the same record (under the
  core or under the module that now holds it);
- every external id sits in the module a fresh install of the working tree
  (demo data) gives it, and none of that install's is missing;
- every column of the add-on's fields (on its models and on Odoo's) holds
  the same values, row for row (checksums), and its many2many tables the
  same rows; the modules split off the core are installed;
- the update logs no warning or error.

Usage: python tools/upgrade_check.py --from REV --python PY --core-addons DIR
           [--db NAME] [--keep] [ODOO_ARGS...]
"""

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from io import BytesIO

import psycopg2

PREFIX = "quality_progress_sync"
# Written by any update of a record from a data file: not content.
IGNORED_COLUMNS = {"write_date", "write_uid"}


def _run(args, log):
    with open(log, "w") as file:
        done = subprocess.run(args, stdout=file, stderr=subprocess.STDOUT, check=False)
    text = open(log).read()
    bad = [
        line
        for line in text.splitlines()
        if any(f" {level} " in line for level in ("WARNING", "ERROR", "CRITICAL"))
    ]
    if done.returncode or bad:
        sys.exit(
            f"{' '.join(args[:6])}... failed or warned:\n"
            + ("\n".join(bad) or text[-3000:])
        )


def _odoo(options, addons_path, db, *args):
    return [
        options.python,
        "-m",
        "odoo",
        *options.odoo_args,
        f"--addons-path={addons_path}",
        "-d",
        db,
        "--stop-after-init",
        "--log-level=warn",
        "--http-port=8079",
        *args,
    ]


def _drop(options):
    """Drop the check's database, if it is there."""
    subprocess.run(
        [options.python, "-m", "odoo", "db", *options.odoo_args, "drop", options.db],
        capture_output=True,
        check=False,
    )


def _connect(options):
    params = {"dbname": options.db}
    for arg in options.odoo_args:
        for key, name in (("--db_host=", "host"), ("--db_port=", "port")):
            if arg.startswith(key):
                params[name] = arg[len(key) :]
    return psycopg2.connect(**params)


def _columns(cr):
    """[(model, field, table, column)] of the add-on's stored fields."""
    cr.execute(
        """
        SELECT field.model, field.name, field.ttype
          FROM ir_model_fields field
          JOIN ir_model_data data
            ON data.model = 'ir.model.fields' AND data.res_id = field.id
         WHERE data.module LIKE %s AND field.store
           AND field.ttype NOT IN ('one2many', 'many2many')
        """,
        (PREFIX + "%",),
    )
    found = []
    for model, name, _type in sorted(set(cr.fetchall())):
        table = model.replace(".", "_")
        cr.execute(
            "SELECT 1 FROM information_schema.columns"
            " WHERE table_name = %s AND column_name = %s",
            (table, name),
        )
        if cr.fetchone() and name not in IGNORED_COLUMNS:
            found.append((model, name, table, name))
    return found


def fingerprint(options):
    """What the database holds of the add-on."""
    with _connect(options) as connection, connection.cursor() as cr:
        cr.execute(
            "SELECT module, name, model, res_id FROM ir_model_data"
            " WHERE module LIKE %s",
            (PREFIX + "%",),
        )
        # Odoo gives some ids to several modules (the inherits of a model
        # whose parents they extend): a record's modules.
        xmlids = {}
        for module, name, model, res_id in cr.fetchall():
            xmlids.setdefault((name, model, res_id), set()).add(module)
        sums = {}
        for model, field, table, column in _columns(cr):
            cr.execute(
                # Names read from the catalog, not given.
                f"SELECT count(*), md5(string_agg(coalesce(\"{column}\"::text, '-'),"
                f" ',' ORDER BY id)) FROM \"{table}\""
            )
            sums[f"{model}.{field}"] = cr.fetchone()
        cr.execute(
            """SELECT relation.name FROM ir_model_relation relation
                 JOIN ir_module_module module ON module.id = relation.module
                WHERE module.name LIKE %s""",
            (PREFIX + "%",),
        )
        for (table,) in set(cr.fetchall()):
            cr.execute(
                f"SELECT count(*), md5(string_agg(t::text, ',' ORDER BY t::text))"
                f' FROM "{table}" t'
            )
            sums[f"m2m {table}"] = cr.fetchone()
        cr.execute(
            "SELECT name, state, latest_version FROM ir_module_module"
            " WHERE name LIKE %s",
            (PREFIX + "%",),
        )
        modules = {name: (state, version) for name, state, version in cr.fetchall()}
    return xmlids, sums, modules


def fresh_xmlids(options, repo, log):
    """The external ids of a fresh install of the working tree (demo data)."""
    fresh = argparse.Namespace(**{**vars(options), "db": f"{options.db}_fresh"})
    _drop(fresh)
    print(f"== the working tree installed with demo data on {fresh.db}")
    try:
        _run(_odoo(fresh, f"{repo},{options.core_addons}", fresh.db, "-i", PREFIX), log)
        return fingerprint(fresh)[0]
    finally:
        _drop(fresh)


def compare_fresh(after, fresh):
    """The lines that name the external ids of a fresh install that the
    upgrade did not give the same module (ids of records only earlier
    versions made may stay); the records' ids differ from one database to
    the other."""

    def triples(xmlids):
        return {
            (module, name, model)
            for (name, model, _id), modules in xmlids.items()
            for module in modules
        }

    missing = triples(fresh) - triples(after)
    return [
        f"external id {module}.{name} ({model}) of a fresh install is not there"
        for module, name, model in sorted(missing)
    ]


def compare(before, after):
    """The lines that say what was lost (empty: nothing)."""
    lost = []
    xmlids, sums, _modules = before
    moved = Counter()
    for key, modules in xmlids.items():
        if key not in after[0]:
            lost.append(
                f"external id {key[0]} of {', '.join(sorted(modules))}"
                f" ({key[1]} {key[2]}) is gone"
            )
        else:
            moved.update(after[0][key] - modules)
    for name, value in sums.items():
        if after[1].get(name) != value:
            lost.append(f"{name}: {value} before, {after[1].get(name)} after")
    for name, (state, _version) in after[2].items():
        if state != "installed":
            lost.append(f"module {name} is {state}")
    return lost, moved


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--from", dest="rev", required=True)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--core-addons", required=True)
    parser.add_argument("--db", default=f"qps_upgrade_check_{os.getpid()}")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    options, options.odoo_args = parser.parse_known_args()
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with tempfile.TemporaryDirectory() as old:
        archive = subprocess.run(
            ["git", "-C", repo, "archive", options.rev, PREFIX],
            capture_output=True,
            check=True,
        ).stdout
        tarfile.open(fileobj=BytesIO(archive)).extractall(old, filter="data")
        _drop(options)
        print(f"== {PREFIX} at {options.rev} installed with demo data on {options.db}")
        _run(
            _odoo(options, f"{old},{options.core_addons}", options.db, "-i", PREFIX),
            os.path.join(old, "install.log"),
        )
        before = fingerprint(options)
        print(
            f"== updated to the working tree's modules ({len(before[0])} external ids,"
            f" {len(before[1])} columns and tables before)"
        )
        _run(
            _odoo(options, f"{repo},{options.core_addons}", options.db, "-u", PREFIX),
            os.path.join(old, "update.log"),
        )
        after = fingerprint(options)
        if not options.keep:
            _drop(options)
        fresh = fresh_xmlids(options, repo, os.path.join(old, "fresh.log"))
    lost, moved = compare(before, after)
    lost += compare_fresh(after[0], fresh)
    if lost:
        sys.exit("Lost in the upgrade:\n" + "\n".join(lost))
    moves = ", ".join(f"{n} moved to {m}" for m, n in sorted(moved.items()))
    states = ", ".join(f"{n} {s} {v}" for n, (s, v) in sorted(after[2].items()))
    print(
        f"Nothing lost: {len(before[0])} external ids point at the same records"
        f" ({moves or 'none moved'}), each of a fresh install's {len(fresh)} is"
        f" there, in its module; {len(before[1])} columns and many2many"
        f" tables hold the same rows; modules: {states}."
    )


if __name__ == "__main__":
    main()

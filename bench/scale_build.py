# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The scale mode's databases (``bench/run --scale S|M|L``): the seed of
scale_seed.py (orders through the real flow), multiplied in SQL.

Every table the flow filled is copied, ``copies - 1`` times, in one
INSERT ... SELECT ... FROM generate_series per table: the tables whose rows
hang from the manufacturing orders, found through the foreign keys (every
table with a foreign key to one of them, from ``mrp_production`` on; not
Odoo's own ``ir_``, ``res_``, ``mail_``, ``bus_`` tables, nor wizards).
In copy ``k``:

- the id is ``id + k * span`` (``span``: the table's largest id), and so is
  every foreign key to a copied table; keys to the rest (products, work
  centers, checkpoints, users) are kept;
- every date and time is moved back by ``k`` times two years / ``copies``:
  the copies spread over two years, the seed the most recent;
- the text columns of unique indexes, and the names no two rows of the
  seed share (WH/MO/00001, QI/00001; not a work order's "Op 01"), get
  ``/k``.

The copies are written with PostgreSQL's triggers off (``replica``): the
orphan check then counts, for every foreign key of the copied tables, the
rows that point to no row (0 expected), and every table is analyzed.
"""

import time

import scale_seed
from common import log

SIZES = {"S": 2, "M": 20, "L": 200}  # copies of the seed
SEED_ORDERS = 250  # about 1,040 work orders and 5,400 inspections
SPREAD_DAYS = 730
ROOTS = ("mrp_production",)
NOT_COPIED = ("ir_", "res_", "mail_", "bus_", "base_", "auth_", "web_")

FOREIGN_KEYS = """
    SELECT c.conname, src.relname, a.attname, dst.relname
      FROM pg_constraint c
      JOIN pg_class src ON src.oid = c.conrelid
      JOIN pg_class dst ON dst.oid = c.confrelid
      JOIN pg_namespace n ON n.oid = src.relnamespace AND n.nspname = 'public'
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
     WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1
"""


def build_scale(env, size, seed_orders=SEED_ORDERS):
    """Seed, multiply, check and analyze; return the facts of the database
    (its counts, the seed's fixtures)."""
    started = time.perf_counter()
    seed = scale_seed.build_seed(env, seed_orders)
    log(f"seed: {time.perf_counter() - started:.0f} s")
    cr = env.cr
    tables = copied_tables(cr)
    log(f"copying {len(tables)} tables: {', '.join(tables)}")
    multiply(cr, tables, SIZES[size])
    orphans = count_orphans(cr, tables)
    if orphans:
        raise SystemExit(f"orphan check: {orphans}")
    cr.execute("ANALYZE")
    cr.commit()
    env.invalidate_all()
    log(f"built {size} in {time.perf_counter() - started:.0f} s; no orphan")
    return dict(seed, counts=table_counts(cr), tables=tables)


def foreign_keys(cr):
    cr.execute(FOREIGN_KEYS)
    return cr.fetchall()


def copied_tables(cr):
    """The tables to copy: ``ROOTS`` and, in turn, every table with a
    foreign key to one of them (rows in it, not Odoo's core nor wizards)."""
    cr.execute("SELECT replace(model, '.', '_') FROM ir_model WHERE transient")
    wizards = {row[0] for row in cr.fetchall()}
    keys = foreign_keys(cr)
    tables = list(ROOTS)
    added = True
    while added:
        added = False
        for __, table, __, target in keys:
            if (
                target in tables
                and table not in tables
                and table not in wizards
                and not table.startswith(NOT_COPIED)
                and has_rows(cr, table)
            ):
                tables.append(table)
                added = True
    return tables


def has_rows(cr, table):
    cr.execute(f'SELECT EXISTS (SELECT 1 FROM "{table}")')
    return cr.fetchone()[0]


def multiply(cr, tables, copies):
    """Copy every row of ``tables`` ``copies - 1`` times (see the module's
    docstring), then move each id sequence past the copies."""
    if copies < 2:
        return
    spans = {table: max_id(cr, table) for table in tables}
    links = {
        (table, column): target
        for __, table, column, target in foreign_keys(cr)
        if table in tables and target in tables
    }
    shift = SPREAD_DAYS / copies
    cr.execute("SET session_replication_role = replica")
    for table in tables:
        started = time.perf_counter()
        columns = table_columns(cr, table)
        unique = unique_text_columns(cr, table)
        values = [
            copy_expression(table, column, kind, spans, links, unique, shift)
            for column, kind in columns
        ]
        names = ", ".join(f'"{column}"' for column, __ in columns)
        cr.execute(
            f'INSERT INTO "{table}" ({names}) SELECT {", ".join(values)}'
            f' FROM "{table}" t CROSS JOIN generate_series(1, %s) k',
            [copies - 1],
        )
        log(f"  {table}: +{cr.rowcount:,} rows, {time.perf_counter() - started:.1f} s")
        if spans[table] is not None:
            cr.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'),"
                f' (SELECT max(id) FROM "{table}"))',
                [table],
            )
    cr.execute("SET session_replication_role = DEFAULT")
    cr.commit()


def copy_expression(table, column, kind, spans, links, unique, shift):
    """The SQL of ``column`` in copy ``k`` of a row ``t``."""
    quoted = f't."{column}"'
    if column == "id" and spans[table] is not None:
        return f"{quoted} + k * {spans[table]}"
    target = links.get((table, column))
    if target and spans.get(target) is not None:
        return f"{quoted} + k * {spans[target]}"
    if kind.startswith("timestamp"):
        return f"{quoted} - k * interval '{shift:.6f} days'"
    if kind == "date":
        return f"({quoted} - k * interval '{shift:.6f} days')::date"
    if kind in ("character varying", "text") and column in unique:
        return f"{quoted} || '/' || k"
    return quoted


def max_id(cr, table):
    """The table's largest id, or None when it has no id (a many2many's)."""
    cr.execute(
        "SELECT 1 FROM information_schema.columns"
        " WHERE table_schema = 'public' AND table_name = %s AND column_name = 'id'",
        [table],
    )
    if not cr.fetchone():
        return None
    cr.execute(f'SELECT coalesce(max(id), 0) FROM "{table}"')
    return cr.fetchone()[0]


def table_columns(cr, table):
    cr.execute(
        "SELECT column_name, data_type FROM information_schema.columns"
        " WHERE table_schema = 'public' AND table_name = %s"
        " AND is_generated = 'NEVER' ORDER BY ordinal_position",
        [table],
    )
    return cr.fetchall()


def unique_text_columns(cr, table):
    """The columns of the table's unique indexes (primary key aside), and
    its ``name`` when no two rows share one (a reference such as WH/MO/00001
    or QI/00001, not a work order's operation)."""
    cr.execute(
        """
        SELECT a.attname
          FROM pg_index i
          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
         WHERE i.indrelid = %s::regclass AND i.indisunique AND NOT i.indisprimary
        """,
        [table],
    )
    columns = {row[0] for row in cr.fetchall()}
    cr.execute(
        "SELECT 1 FROM information_schema.columns WHERE table_schema = 'public'"
        " AND table_name = %s AND column_name = 'name'"
        " AND data_type IN ('character varying', 'text')",
        [table],
    )
    if cr.fetchone():
        cr.execute(f'SELECT count(DISTINCT name) = count(*) FROM "{table}"')
        if cr.fetchone()[0]:
            columns.add("name")
    return columns


def count_orphans(cr, tables):
    """{constraint: rows} of the foreign keys of ``tables`` whose value
    points to no row; empty when every reference holds."""
    orphans = {}
    checked = 0
    for name, table, column, target in foreign_keys(cr):
        if table not in tables:
            continue
        cr.execute(
            f'SELECT count(*) FROM "{table}" t WHERE t."{column}" IS NOT NULL'
            f' AND NOT EXISTS (SELECT 1 FROM "{target}" r WHERE r.id = t."{column}")'
        )
        checked += 1
        count = cr.fetchone()[0]
        if count:
            orphans[name] = count
    log(f"orphan check: {checked} foreign keys of {len(tables)} tables")
    return orphans


COUNTED = (
    "mrp_production",
    "mrp_workorder",
    "quality_inspection",
    "quality_inspection_measure",
    "quality_nonconformance",
    "quality_nonconformance_action",
)


def table_counts(cr):
    counts = {}
    for table in COUNTED:
        cr.execute(f'SELECT count(*) FROM "{table}"')
        counts[table] = cr.fetchone()[0]
    return counts

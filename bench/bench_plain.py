# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The "vs plain Odoo" rows (``bench/run --only plain``): the add-on with no
checkpoint against Odoo without it (mrp alone), as a Manufacturing user.
profile_plain.py profiles the same flows on the same fixtures.
"""

from common import (
    ODOO_KANBAN_SPEC,
    OPERATIONS,
    QUALITY_KANBAN_SPEC,
    create_mos,
    fixture_env,
    new_bom,
    operator_env,
)

PLAIN_KANBAN_ORDERS = 10  # x 20 work orders: the kanban read of 200


def build_plain(fx):
    """The same fixtures in plain Odoo's database (mrp alone) and in the
    add-on's, with no checkpoint: an operator; a BoM of 20 operations; a
    confirmed MO whose first work order is started then finished; 10
    confirmed MOs (200 work orders) for the kanban."""
    env = fixture_env(fx["env"](su=True))
    bom = new_bom(fx, "Plain")
    fx["plain_bom"] = bom
    fx["operator_env"] = operator_env(fx)
    production = create_mos(env, bom)
    production.action_confirm()
    fx["plain_workorder"] = production.workorder_ids.sorted("id")[:1]
    kanban_bom = new_bom(fx, "Plain kanban")
    create_mos(env, kanban_bom, count=PLAIN_KANBAN_ORDERS).action_confirm()
    fx["plain_kanban_product"] = kanban_bom.product_tmpl_id.product_variant_id
    env.cr.commit()


PLAIN_TARGET_RATIO = 1.05


PLAIN_TARGET_QUERIES = 5


def bench_plain(table, runner, fx, plain_runner, plain_fx):
    """The add-on with no checkpoint against Odoo without it (mrp alone), as
    a Manufacturing user: an order of 20 work orders created, confirmed and
    marked done; one work order started and finished; the work-order kanban
    (Odoo's, and the add-on's Progress & Quality one) of 200 work orders."""

    def order_flow(fx):
        env = fx["operator_env"]
        bom = fx["plain_bom"].with_env(env)

        def func():
            production = create_mos(env, bom)
            production.action_confirm()
            production.button_mark_done()
            assert production.state == "done", production.state

        return func

    def start_finish(fx):
        workorder = fx["plain_workorder"].with_env(fx["operator_env"])

        def func():
            workorder.button_start()
            workorder.button_finish()
            assert workorder.state == "done", workorder.state

        return func

    def kanban(fx, spec):
        env = fx["operator_env"]
        env = env(context=dict(env.context, bin_size=True))
        domain = [("product_id", "=", fx["plain_kanban_product"].id)]
        limit = PLAIN_KANBAN_ORDERS * OPERATIONS

        def func():
            result = env["mrp.workorder"].web_search_read(domain, spec, limit=limit)
            assert len(result["records"]) == limit

        return func

    scenario = "vs plain Odoo (mrp alone)"
    target = f"≤ {PLAIN_TARGET_RATIO}x; ≤ +{PLAIN_TARGET_QUERIES} queries"
    cases = (
        (
            "create, confirm, Mark as Done MO of 20 WOs",
            order_flow(plain_fx),
            order_flow(fx),
            3,
            True,
        ),
        (
            "start + finish 1 WO",
            start_finish(plain_fx),
            start_finish(fx),
            8,
            True,
        ),
        (
            "kanban of 200 WOs, Odoo's kanban fields",
            kanban(plain_fx, ODOO_KANBAN_SPEC),
            kanban(fx, ODOO_KANBAN_SPEC),
            6,
            True,
        ),
        (
            "kanban of 200 WOs: Odoo's kanban (plain) vs the add-on's"
            " Progress & Quality kanban",
            kanban(plain_fx, ODOO_KANBAN_SPEC),
            kanban(fx, QUALITY_KANBAN_SPEC),
            6,
            False,
        ),
    )
    for case, plain_func, ours_func, reps, targeted in cases:
        result = runner.compare(
            [("plain", plain_runner, plain_func), ("ours", runner, ours_func)],
            reps=runner.reps * reps,
        )
        plain_q, plain_s, __ = result["plain"]
        queries, seconds, ratio = result["ours"]
        table.add(scenario, f"{case}: plain Odoo", plain_q, plain_s, 1.0, "baseline")
        table.add(
            scenario,
            f"{case}: quality_progress_sync, no checkpoint",
            f"{queries} (+{queries - plain_q})",
            seconds,
            ratio,
            target if targeted else "(information)",
            (
                ratio <= PLAIN_TARGET_RATIO
                and queries - plain_q <= PLAIN_TARGET_QUERIES
                if targeted
                else None
            ),
        )

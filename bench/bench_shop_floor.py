# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Shop Floor rows (``bench/run --only shop_floor``): the Shop Floor's
queue in one call against Odoo's work-order kanban read of the same work
orders (common.build_kanban's).
"""

import math

from common import ODOO_KANBAN_SPEC, PREFETCH_BATCH

# The longest queue the Shop Floor shows (QUEUE_LIMIT of
# quality_progress_sync_shop_floor/models/mrp_workorder.py), and a short one.
QUEUE_LENGTHS = (20, 200)
# The work orders a Shop Floor queue shows
# (quality_progress_sync_shop_floor/models/mrp_workorder.py).
SHOP_FLOOR_QUEUE = [
    ("state", "in", ("pending", "waiting", "ready", "progress")),
    ("production_id.state", "not in", ("draft", "done", "cancel")),
]


def bench_shop_floor(table, runner, fx):
    """The Shop Floor's queue, one call, against Odoo's work-order kanban
    read of the same work orders: 20 and 200 (the longest queue) of the
    2,000 waiting at the user's work centers."""
    env = fx["env"](context=dict(fx["env"].context, bin_size=True))
    Workorder = env["mrp.workorder"]
    domain = [("product_id", "=", fx["kanban_product"].id)]
    workorders = Workorder.search(domain)
    assert len(workorders) == 2000
    # The user chose the work centers of these work orders (and only them).
    env.user.quality_shop_floor_workcenter_ids = workorders.workcenter_id
    others = Workorder.search_count(
        [("workcenter_id", "in", workorders.workcenter_id.ids), *SHOP_FLOOR_QUEUE]
    )
    assert others == 2000, others
    env.flush_all()

    def kanban(limit):
        def func():
            result = Workorder.web_search_read(domain, ODOO_KANBAN_SPEC, limit=limit)
            assert len(result["records"]) == limit

        return func

    def shop_floor(limit):
        def func():
            data = Workorder.get_shop_floor_data(limit=limit)
            assert len(data["workorders"]) == limit

        return func

    queries_first = None
    for limit in QUEUE_LENGTHS:
        result = runner.compare(
            [
                ("odoo", runner, kanban(limit)),
                ("shop_floor", runner, shop_floor(limit)),
            ],
            reps=runner.reps * 6,
        )
        odoo_q, odoo_s, __ = result["odoo"]
        queries, seconds, ratio = result["shop_floor"]
        queries_first = queries if queries_first is None else queries_first
        batches = math.ceil(limit / PREFETCH_BATCH)
        table.add(
            "shop floor",
            f"{limit} of 2,000 WOs, Odoo's work-order kanban read",
            odoo_q,
            odoo_s,
            1.0,
            "baseline",
        )
        table.add(
            "shop floor",
            f"{limit} of 2,000 WOs, the Shop Floor's queue in one call",
            queries,
            seconds,
            ratio,
            f"queries as with {QUEUE_LENGTHS[0]} (Odoo's prefetch batches aside);"
            " ≤ 1.2x",
            queries <= queries_first + 2 * (batches - 1) and ratio <= 1.2,
        )

# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Shop Floor rows (``bench/run --only shop_floor``): the Shop Floor's
queue in one call against Odoo's work-order kanban read of the same work
orders (common.build_kanban's).
"""

import math

from common import ODOO_KANBAN_SPEC, PREFETCH_BATCH

# The work orders a Shop Floor queue shows
# (quality_progress_sync_shop_floor/models/mrp_workorder.py).
SHOP_FLOOR_QUEUE = [
    ("state", "in", ("pending", "waiting", "ready", "progress")),
    ("production_id.state", "not in", ("draft", "done", "cancel")),
]


def bench_shop_floor(table, runner, fx):
    """The Shop Floor's queue, one call, against Odoo's work-order kanban
    read of the same work orders: 200 and 2,000."""
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

    queries_200 = None
    for limit in (200, 2000):
        result = runner.compare(
            [
                ("odoo", runner, kanban(limit)),
                ("shop_floor", runner, shop_floor(limit)),
            ],
            reps=runner.reps * (6 if limit < 1000 else 2),
        )
        odoo_q, odoo_s, __ = result["odoo"]
        queries, seconds, ratio = result["shop_floor"]
        queries_200 = queries if queries_200 is None else queries_200
        batches = math.ceil(limit / PREFETCH_BATCH)
        table.add(
            "shop floor",
            f"{limit} WOs, Odoo's work-order kanban read",
            odoo_q,
            odoo_s,
            1.0,
            "baseline",
        )
        table.add(
            "shop floor",
            f"{limit} WOs, the Shop Floor's queue in one call",
            queries,
            seconds,
            ratio,
            "queries as with 200 (Odoo's prefetch batches aside); ≤ 1.2x",
            queries <= queries_200 + 2 * (batches - 1) and ratio <= 1.2,
        )

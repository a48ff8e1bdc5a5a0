# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The kanban rows (``bench/run --only kanban``): the work-order kanban read
with and without the add-on's quality fields, 200 and 2,000 work orders
(the fixture, common.build_kanban, is shared with the KPIs and the Shop
Floor).
"""

import math

from common import (
    ODOO_KANBAN_SPEC,
    PREFETCH_BATCH,
    QUALITY_FIELD_COUNT,
    QUALITY_KANBAN_SPEC,
)


def bench_kanban(table, runner, fx):
    """web_search_read of the work-order kanban, 200 and 2,000 records."""
    env = fx["env"](context=dict(fx["env"].context, bin_size=True))
    Workorder = env["mrp.workorder"]
    domain = [("product_id", "=", fx["kanban_product"].id)]
    assert Workorder.search_count(domain) == 2000

    def read(spec, limit):
        def func():
            result = Workorder.web_search_read(domain, spec, limit=limit)
            assert len(result["records"]) == limit

        return func

    extra_200 = None
    for limit in (200, 2000):
        result = runner.compare(
            [
                ("odoo", runner, read(ODOO_KANBAN_SPEC, limit)),
                ("quality", runner, read(QUALITY_KANBAN_SPEC, limit)),
            ],
            reps=runner.reps * (6 if limit < 1000 else 2),
        )
        odoo_q, odoo_s, __ = result["odoo"]
        queries, seconds, ratio = result["quality"]
        extra = queries - odoo_q
        # Odoo fetches and computes by 1,000 records: its own fields take a
        # query more per batch (9 then 11), ours too.
        batches = math.ceil(limit / PREFETCH_BATCH)
        extra_200 = extra if extra_200 is None else extra_200
        table.add(
            "kanban",
            f"{limit} WOs, Odoo's kanban fields",
            odoo_q,
            odoo_s,
            1.0,
            "baseline",
        )
        table.add(
            "kanban",
            f"{limit} WOs, + the {QUALITY_FIELD_COUNT} quality fields",
            f"{queries} (+{extra})",
            seconds,
            ratio,
            f"+{extra_200} per 1,000 WOs as with 200; ≤ 1.1x",
            extra == extra_200 * batches and ratio <= 1.1,
        )

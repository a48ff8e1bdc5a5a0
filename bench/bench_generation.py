# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The generation rows (``bench/run --only generation``): confirming an
order creates its inspections in one batch, whatever the checkpoints.
"""

import math

from common import (
    ODOO_BATCH,
    OPERATIONS,
    create_checkpoints,
    create_mos,
    fixture_env,
    new_bom,
)

GENERATION_COUNTS = (0, 1, 5, 50)  # checkpoints per operation


def build_generation(fx):
    """Draft MOs of 20 work orders, 0 / 1 / 5 / 50 checkpoints each."""
    env = fixture_env(fx["env"](su=True))
    fx["generation"] = {}
    for count in GENERATION_COUNTS:
        bom = new_bom(fx, f"Gen {count}")
        create_checkpoints(env, bom.operation_ids, count)
        fx["generation"][count] = create_mos(env, bom).with_env(fx["env"])
    env.cr.commit()


def bench_generation(table, runner, fx):
    """Confirm an MO of 20 work orders with 0 / 1 / 5 / 50 checkpoints each."""
    variants = [
        (count, runner, production.action_confirm)
        for count, production in fx["generation"].items()
    ]
    result = runner.compare(variants)
    plain_q = result[0][0]
    one_q = result[1][0]
    for count, (queries, seconds, ratio) in result.items():
        inspections = count * OPERATIONS
        plural = "s" if count != 1 else ""
        case = f"confirm MO, 20 WOs x {count} checkpoint{plural} = {inspections} insp."
        if count == 0:
            table.add(
                "generation", case + " (plain)", queries, seconds, 1.0, "baseline"
            )
            continue
        # One INSERT per batch of 100 rows is the ORM's; anything else must
        # not grow with the checkpoints or the inspections.
        inserts = math.ceil(inspections / ODOO_BATCH)
        target = f"= with 1 checkpoint ({one_q})"
        if inserts > 1:
            target += f" + {inserts - 1} further INSERT batch(es) of 100"
        ok = queries == one_q + inserts - 1
        table.add(
            "generation",
            case,
            f"{queries} (+{queries - plain_q})",
            seconds,
            ratio,
            target,
            ok,
        )

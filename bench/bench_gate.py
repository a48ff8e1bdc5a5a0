# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The gate rows (``bench/run --only gate``): finishing a work order costs
the same queries whatever the number of its passed inspections.
"""

from common import (
    create_checkpoints,
    create_mos,
    fixture_env,
    new_bom,
    pass_inspections,
)


def build_gate(fx):
    """Confirmed MOs whose first work order is started, with 0 / 10 / 100
    passed inspections."""
    env = fixture_env(fx["env"](su=True))
    fx["gate"] = {}
    for count in (0, 10, 100):
        bom = new_bom(fx, f"Gate {count}")
        create_checkpoints(env, bom.operation_ids[:1], count)
        production = create_mos(env, bom)
        production.action_confirm()
        workorder = production.workorder_ids.sorted("id")[:1]
        pass_inspections(workorder.inspection_ids)
        workorder = workorder.with_env(fx["env"])
        workorder.button_start()
        fx["gate"][count] = workorder
    env.cr.commit()


def bench_gate(table, runner, fx):
    """Finish a started work order with 0 / 10 / 100 passed inspections."""
    env = fx["env"]
    counts = (0, 10, 100)
    variants = [
        (count, runner, fx["gate"][count].with_env(env).button_finish)
        for count in counts
    ]
    result = runner.compare(variants, reps=runner.reps * 8)
    plain_q = result[0][0]
    for count in counts:
        queries, seconds, ratio = result[count]
        case = f"finish a WO with {count} passed inspections"
        if count == 0:
            table.add("gate", case + " = plain", queries, seconds, 1.0, "baseline")
            continue
        table.add(
            "gate",
            case,
            f"{queries} (+{queries - plain_q})",
            seconds,
            ratio,
            f"queries = with 10 ({result[10][0]}); ≤ 1.15x",
            queries == result[10][0] and ratio <= 1.15,
        )

# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The SPC rows (``bench/run --only spc``):

- Recording a subgroup of 5 measures on an SPC checkpoint (its run rules
  checked against frozen limits) with 100 and with 20,000 subgroups before
  it, against recording it on a measure checkpoint without SPC: the queries
  must not grow with the history.
- The capability of a checkpoint over 100,000 measures (20,000 subgroups of
  5) through the add-on, against one hand-written SQL aggregate of the same
  figures: target 2x at most.
"""

import math

import common

SUBGROUP = [74.004, 73.998, 74.001, 74.002, 73.997]  # within the limits
LONG_HISTORY = 20_000
SHORT_HISTORY = 100
SAMPLE_SIZE = 5
TOLERANCES = (73.95, 74.05)


def insert_history(env, checkpoint, workorder, count):
    """``count`` done subgroups of 5 pseudo-random measures (mean 74, sigma
    about 0.01) for ``checkpoint`` on ``workorder``, in two INSERT ...
    SELECT, dated one minute apart up to an hour ago, and their stored
    figures."""
    cr = env.cr
    cr.execute("SELECT setseed(0.16)")
    cr.execute(
        """
        INSERT INTO quality_inspection (
            name, checkpoint_id, workorder_id, production_id, product_id,
            workcenter_id, operation_id, company_id, stage, performer,
            check_type, blocking, sample_size, state, gate_blocking,
            rework_loop, user_id, date_done,
            create_uid, create_date, write_uid, write_date)
        SELECT 'SPC/' || %(checkpoint)s || '/' || g, %(checkpoint)s, w.id,
               w.production_id, p.product_id, w.workcenter_id, w.operation_id,
               p.company_id, 'patrol', 'inspector', 'measure', false,
               %(size)s, 'pass', false, 0, %(uid)s,
               now() - interval '1 hour' - (%(count)s - g) * interval '1 minute',
               %(uid)s, now(), %(uid)s, now()
          FROM generate_series(1, %(count)s) g
          JOIN mrp_workorder w ON w.id = %(workorder)s
          JOIN mrp_production p ON p.id = w.production_id
        """,
        {
            "checkpoint": checkpoint.id,
            "workorder": workorder.id,
            "count": count,
            "size": SAMPLE_SIZE,
            "uid": env.uid,
        },
    )
    cr.execute(
        """
        INSERT INTO quality_inspection_measure (
            inspection_id, company_id, sample_no, value, is_within_tolerance,
            active, create_uid, create_date, write_uid, write_date)
        SELECT i.id, i.company_id, s,
               round((74 + 0.01 * (random() + random() + random()
                      + random() - 2) * 1.7320508)::numeric, 4),
               true, true, %(uid)s, now(), %(uid)s, now()
          FROM quality_inspection i
          CROSS JOIN generate_series(1, %(size)s) s
         WHERE i.checkpoint_id = %(checkpoint)s
        """,
        {"checkpoint": checkpoint.id, "size": SAMPLE_SIZE, "uid": env.uid},
    )
    # The subgroups' stored figures, as recording the measures stores them.
    env["quality.inspection"].search(
        [("checkpoint_id", "=", checkpoint.id)]
    )._spc_store_subgroups()


def build_spc(fx):
    """An order of 20 work orders; on its first operation, a measure
    checkpoint without SPC and two SPC checkpoints with 100 and 20,000
    subgroups recorded and their limits computed; the order confirmed, its
    three inspections to do."""
    env = common.fixture_env(fx["env"](su=True))
    bom = common.new_bom(fx, "SPC")
    operation = bom.operation_ids.sorted("sequence")[:1]
    lower, upper = TOLERANCES
    checkpoints = {}
    for name, spc in (("plain", False), ("short", True), ("long", True)):
        checkpoints[name] = common.create_checkpoints(
            env,
            operation,
            1,
            name=f"SPC bench {name}",
            stage="patrol",
            performer="inspector",
            check_type="measure",
            norm=74.0,
            tolerance_min=lower,
            tolerance_max=upper,
            sample_size=SAMPLE_SIZE,
            spc_enabled=spc,
        )
    history_mo = common.create_mos(env, bom)
    history_mo.action_confirm()
    history_wo = history_mo.workorder_ids.sorted("id")[:1]
    insert_history(env, checkpoints["short"], history_wo, SHORT_HISTORY)
    insert_history(env, checkpoints["long"], history_wo, LONG_HISTORY)
    env.cr.execute("ANALYZE quality_inspection")
    env.cr.execute("ANALYZE quality_inspection_measure")
    (checkpoints["short"] | checkpoints["long"]).action_compute_spc_limits()
    production = common.create_mos(env, bom)
    production.action_confirm()
    fx["spc"] = {
        name: production.inspection_ids.filtered(
            lambda i, checkpoint=checkpoint: i.checkpoint_id == checkpoint
        ).with_env(fx["env"])
        for name, checkpoint in checkpoints.items()
    }
    fx["spc_checkpoint"] = checkpoints["long"].with_env(fx["env"])
    env.cr.commit()


def bench_spc(table, runner, fx):
    bench_spc_recording(table, runner, fx)
    bench_spc_capability(table, runner, fx)


def bench_spc_recording(table, runner, fx):
    """Record a subgroup: without SPC, with SPC and 100 or 20,000 subgroups
    before it."""

    def record(name):
        inspection = fx["spc"][name]

        def func():
            inspection.do_measure(SUBGROUP)
            assert inspection.state == "pass" and not inspection.spc_signal_ids

        return func

    result = runner.compare(
        [(name, runner, record(name)) for name in ("plain", "short", "long")],
        reps=runner.reps * 4,
    )
    plain_q = result["plain"][0]
    short_q = result["short"][0]
    labels = {
        "plain": "record 5 measures, no SPC",
        "short": f"record 5 measures, SPC, {SHORT_HISTORY} subgroups before",
        "long": f"record 5 measures, SPC, {LONG_HISTORY:,} subgroups before",
    }
    for name, (queries, seconds, ratio) in result.items():
        if name == "plain":
            table.add("SPC rules", labels[name], queries, seconds, 1.0, "baseline")
            continue
        table.add(
            "SPC rules",
            labels[name],
            f"{queries} (+{queries - plain_q})",
            seconds,
            ratio,
            f"queries = with {SHORT_HISTORY} ({short_q}); ≤ 1.5x",
            queries == short_q and ratio <= 1.5,
        )


RAW_CAPABILITY = """
    SELECT count(*), sum(size), avg(mean), avg(spread),
           sqrt((sum(squares) - sum(total) * sum(total) / sum(size))
                / (sum(size) - 1))
      FROM (SELECT count(*) AS size, avg(m.value) AS mean,
                   max(m.value) - min(m.value) AS spread,
                   sum(m.value) AS total, sum(m.value * m.value) AS squares
              FROM quality_inspection i
              JOIN quality_inspection_measure m ON m.inspection_id = i.id
             WHERE i.checkpoint_id = %s AND i.state IN ('pass', 'fail')
               AND m.active
          GROUP BY i.id) subgroup
"""


def bench_spc_capability(table, runner, fx):
    """Cp, Cpk, Pp, Ppk over 100,000 measures: the checkpoint's query and
    figures against one hand-written aggregate and the same arithmetic."""
    checkpoint = fx["spc_checkpoint"]
    cr = checkpoint.env.cr
    lower, upper = TOLERANCES

    def indices(mean, within, overall):
        def pair(sigma):
            return (
                (upper - lower) / (6 * sigma),
                min(upper - mean, mean - lower) / (3 * sigma),
            )

        return tuple(round(value, 6) for value in pair(within) + pair(overall))

    def raw():
        cr.execute(RAW_CAPABILITY, [checkpoint.id])
        __, measures, mean, spread, overall = cr.fetchone()
        assert measures == LONG_HISTORY * SAMPLE_SIZE
        return indices(float(mean), float(spread) / 2.326, float(overall))

    def orm():
        summary, __ = checkpoint._spc_read_summaries()[checkpoint.id]
        figures = checkpoint._spc_capability(summary)
        return tuple(round(figures[key], 6) for key in ("cp", "cpk", "pp", "ppk"))

    assert math.isclose(orm()[1], raw()[1], rel_tol=1e-6), (orm(), raw())
    result = runner.compare(
        [("raw", runner, raw), ("orm", runner, orm)], reps=runner.reps * 4
    )
    raw_q, raw_s, __ = result["raw"]
    queries, seconds, ratio = result["orm"]
    measures = f"{LONG_HISTORY * SAMPLE_SIZE:,} measures"
    table.add(
        "SPC capability",
        f"{measures}, hand-written SQL aggregate",
        raw_q,
        raw_s,
        1.0,
        "baseline",
    )
    table.add(
        "SPC capability",
        f"{measures}, checkpoint (_spc_read_summaries + _spc_capability)",
        queries,
        seconds,
        ratio,
        "1 aggregate + the checkpoint's row; ≤ 2x",
        queries <= 2 and ratio <= 2,
    )

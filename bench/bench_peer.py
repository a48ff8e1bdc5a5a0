# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The peer rows (``bench/run --only peer``): an order of 20 work orders
created, confirmed and finished with the add-on's inspections and with OCA's
quality_control_mrp_oca test.
"""

from common import create_checkpoints, create_mos, fixture_env, new_bom


def build_peer_ours(fx):
    """MOs of 20 work orders: no checkpoint; 5 final inspections by an
    inspector on the last operation."""
    env = fixture_env(fx["env"](su=True))
    fx["peer"] = {}
    for count in (0, 5):
        bom = new_bom(fx, f"Peer {count}")
        last = bom.operation_ids.sorted("sequence")[-1:]
        create_checkpoints(env, last, count, stage="final", performer="inspector")
        fx["peer"][count] = bom
    env.cr.commit()


def build_peer_oca(fx):
    """The same MOs in OCA's database: no trigger; a 5-question test
    triggered when the MO is done."""
    env = fixture_env(fx["env"](su=True))
    fx["peer"] = {}
    for count in (0, 5):
        bom = new_bom(fx, f"Peer {count}")
        if count:
            test = env["qc.test"].create(
                {
                    "name": "Final test",
                    "test_lines": [
                        (
                            0,
                            0,
                            {
                                "name": f"Dimension {index}",
                                "type": "quantitative",
                                "min_value": 9.9,
                                "max_value": 10.1,
                                "uom_id": env.ref("uom.product_uom_unit").id,
                            },
                        )
                        for index in range(count)
                    ],
                }
            )
            env["qc.trigger.product_line"].create(
                {
                    "product": bom.product_tmpl_id.product_variant_id.id,
                    "trigger": env.ref("quality_control_mrp_oca.qc_trigger_mrp").id,
                    "test": test.id,
                    "timing": "after",
                }
            )
        fx["peer"][count] = bom
    env.cr.commit()


def bench_peer(table, runner, fx, oca_runner, oca_fx):
    """Confirm + complete an MO of 20 WOs: ours (5 checkpoints on the last
    operation, passed before Done) vs OCA's (a 5-question test on Done)."""

    def flow(env, bom, ours):
        def func():
            production = create_mos(env, bom)
            production.action_confirm()
            if ours:
                production.inspection_ids.do_pass()
            production.button_mark_done()
            assert production.state == "done", production.state

        return func

    variants = [
        ("ours plain", runner, flow(fx["env"], fx["peer"][0], True)),
        ("ours", runner, flow(fx["env"], fx["peer"][5], True)),
        ("oca plain", oca_runner, flow(oca_fx["env"], oca_fx["peer"][0], False)),
        ("oca", oca_runner, flow(oca_fx["env"], oca_fx["peer"][5], False)),
    ]
    result = runner.compare(variants, baseline="oca")
    labels = {
        "ours plain": "quality_progress_sync, no checkpoint",
        "ours": "quality_progress_sync, 5 inspections passed",
        "oca plain": "quality_control_mrp_oca, no trigger",
        "oca": "quality_control_mrp_oca, 5-question test",
    }
    for name, (queries, seconds, ratio) in result.items():
        plain_q = result[name.split()[0] + " plain"][0]
        table.add(
            "peer: create, confirm, done MO of 20 WOs",
            labels[name],
            f"{queries} (+{queries - plain_q})" if "plain" not in name else queries,
            seconds,
            ratio,
            "baseline (peer)" if name == "oca" else "vs OCA with test",
        )

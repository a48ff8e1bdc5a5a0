# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Produced is what was produced (issue #24), on the Shop Floor too: its
card and its panel tell what every other reader tells, and what the operator
reports there is the work order's report."""

from odoo.addons.quality_progress_sync.tests.test_truth_progress import (
    ProducedQuantityCase,
)
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestShopFloorProgress(ProducedQuantityCase):
    def _shop_floor_card(self, workorder):
        """The work order's card in its work center's queue (waiting, ready
        and running work orders)."""
        data = (
            self.env["mrp.workorder"]
            .with_user(self.operator)
            .get_shop_floor_data([workorder.workcenter_id.id])
        )
        return next(card for card in data["workorders"] if card["id"] == workorder.id)

    def _shop_floor_panel(self, workorder):
        return workorder.with_user(self.operator).get_shop_floor_workorder()

    def _assert_produced(self, workorder, produced, percent):
        """The Shop Floor's card and panel tell what every reader tells."""
        res = super()._assert_produced(workorder, produced, percent)
        self.env.invalidate_all()
        self.assertEqual(self._shop_floor_panel(workorder)["qty_produced"], produced)
        if workorder.state == "progress":
            card = self._shop_floor_card(workorder)
            self.assertEqual(card["qty_produced"], produced)
        return res

    def test_nothing_is_produced_when_the_work_order_starts(self):
        self._assert_produced(self.wo_cut, 0.0, 0.0)

    def test_what_the_operator_reports_on_the_shop_floor(self):
        self.wo_cut.with_user(self.operator).set_shop_floor_produced(2.0)
        self._assert_produced(self.wo_cut, 2.0, 40.0)

    def test_the_done_quantity_once_done(self):
        self._pass_all(self.wo_cut)
        self.wo_cut.with_user(self.operator).button_finish()
        self._assert_produced(self.wo_cut, 5.0, 100.0)

    def test_the_done_quantity_after_a_report(self):
        # Finished after reporting 2 on the Shop Floor: Odoo records 2 done.
        self.wo_cut.with_user(self.operator).set_shop_floor_produced(2.0)
        self._pass_all(self.wo_cut)
        self.wo_cut.with_user(self.operator).button_finish()
        self.assertEqual(self.wo_cut.qty_produced, 2.0)
        self._assert_produced(self.wo_cut, 2.0, 40.0)

    def test_a_report_is_for_its_own_work_order(self):
        """The order has one quantity producing: what the operator of one of
        its running work orders reports is not the others' report."""
        self.wo_cut.with_user(self.operator).set_shop_floor_produced(2.0)
        self.wo_weld.with_user(self.operator).button_start()
        self.assertEqual(self.wo_weld.quality_qty_produced, 0.0)
        self.wo_weld.with_user(self.operator).set_shop_floor_produced(1.0)
        self.assertEqual(self.wo_weld.quality_qty_produced, 1.0)
        self.assertEqual(self.wo_cut.quality_qty_produced, 2.0)

    def test_patrols_every_n_units_count_the_same_quantity(self):
        checkpoint = self._create_checkpoint(
            name="Every 2", stage="patrol", frequency="every_n_units", frequency_units=2
        )
        production = self._create_mo(qty=5.0)
        workorder = self._workorder(production, self.op_cut).with_user(self.operator)
        workorder.button_start()
        workorder.set_shop_floor_produced(4.0)
        self.assertEqual(workorder.quality_qty_produced, 4.0)
        patrols = workorder.inspection_ids.filtered(
            lambda i: i.checkpoint_id == checkpoint
        )
        self.assertEqual(len(patrols), 2)

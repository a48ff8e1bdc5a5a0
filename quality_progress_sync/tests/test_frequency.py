# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import random
from datetime import datetime, timedelta
from unittest.mock import Mock, patch

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError

from ..models import quality_checkpoint
from .common import QualityProgressCase


class TestFrequency(QualityProgressCase):
    def _patrols(self, workorder, checkpoint):
        return workorder.inspection_ids.filtered(
            lambda i: i.checkpoint_id == checkpoint
        )

    # Every N units ---------------------------------------------------------

    def test_every_n_units_counts_the_reported_quantity(self):
        checkpoint = self._create_checkpoint(
            stage="patrol", frequency="every_n_units", frequency_units=2
        )
        production = self._create_mo(qty=5.0)
        wo_cut = self._workorder(production, self.op_cut)
        self.assertFalse(self._patrols(wo_cut, checkpoint), "none at confirmation")
        wo_cut.with_user(self.operator).button_start()
        # Odoo sets the order's quantity producing to 5 at the start: nothing
        # is produced yet.
        self.assertFalse(self._patrols(wo_cut, checkpoint), "none at the start")
        wo_cut.with_user(self.operator).qty_producing = 5.0
        # The operator reports 5: multiples 2 and 4 crossed.
        self.assertEqual(len(self._patrols(wo_cut, checkpoint)), 2)

    def test_every_n_units_as_the_quantity_grows(self):
        self._create_checkpoint(name="First piece", stage="first_article")
        checkpoint = self._create_checkpoint(
            stage="patrol", frequency="every_n_units", frequency_units=2
        )
        production = self._create_mo(qty=5.0)
        wo_cut = self._workorder(production, self.op_cut)
        wo_cut.with_user(self.operator).button_start()
        self.assertEqual(production.qty_producing, 5.0, "the order keeps its quantity")
        self.assertFalse(self._patrols(wo_cut, checkpoint), "patrols wait")
        # The operator records the first piece, which passes.
        production.with_user(self.operator).qty_producing = 1.0
        wo_cut._get_first_article_inspections().with_user(self.operator).do_pass()
        self.assertFalse(self._patrols(wo_cut, checkpoint))
        expected = {2.0: 1, 3.0: 1, 4.0: 2, 5.0: 2}
        for quantity, count in expected.items():
            production.with_user(self.operator).qty_producing = quantity
            self.assertEqual(
                len(self._patrols(wo_cut, checkpoint)), count, f"at {quantity}"
            )
        # Writing the same quantity again creates nothing more.
        production.with_user(self.operator).qty_producing = 5.0
        self.assertEqual(len(self._patrols(wo_cut, checkpoint)), 2)

    def test_units_not_counted_on_work_orders_not_running(self):
        checkpoint = self._create_checkpoint(
            stage="patrol",
            frequency="every_n_units",
            frequency_units=1,
            operation_id=self.op_weld.id,
        )
        production = self._create_mo(qty=3.0)
        self._workorder(production, self.op_cut).with_user(self.operator).button_start()
        production.qty_producing = 3.0
        self.assertFalse(
            self._patrols(self._workorder(production, self.op_weld), checkpoint)
        )

    # Every N minutes ---------------------------------------------------------

    def test_every_n_minutes_while_running_not_paused(self):
        checkpoint = self._create_checkpoint(
            stage="patrol", frequency="every_n_minutes", frequency_minutes=30
        )
        production = self._create_mo()
        wo_cut = self._workorder(production, self.op_cut)
        start = datetime(2026, 11, 2, 8, 0)
        Workorder = self.env["mrp.workorder"]
        with freeze_time(start):
            wo_cut.with_user(self.operator).button_start()
            Workorder._cron_generate_timed_patrols()
            self.assertFalse(self._patrols(wo_cut, checkpoint))
        with freeze_time(start + timedelta(minutes=65)):
            Workorder._cron_generate_timed_patrols()
            self.assertEqual(len(self._patrols(wo_cut, checkpoint)), 2)
            wo_cut.with_user(self.operator).button_pending()
        with freeze_time(start + timedelta(minutes=200)):
            Workorder._cron_generate_timed_patrols()
            self.assertEqual(
                len(self._patrols(wo_cut, checkpoint)), 2, "paused time does not count"
            )
            wo_cut.with_user(self.operator).button_start()
        with freeze_time(start + timedelta(minutes=230)):
            Workorder._cron_generate_timed_patrols()
            # 65 minutes before the pause and 30 after: 95 minutes of work.
            self.assertEqual(len(self._patrols(wo_cut, checkpoint)), 3)

    # Random share ------------------------------------------------------------

    def test_random_percent_share(self):
        checkpoint = self._create_checkpoint(
            stage="patrol", frequency="random_percent", random_percent=30
        )
        workorders = self.env["mrp.workorder"].browse(range(1, 2001))
        with patch.object(quality_checkpoint, "RANDOM", random.Random(7)):
            drawn = [wo.id for wo in workorders if checkpoint._is_drawn(wo)]
        self.assertAlmostEqual(len(drawn) / 2000, 0.30, delta=0.04)

    def test_random_percent_generation_follows_the_draw(self):
        self._create_checkpoint(
            stage="patrol",
            frequency="random_percent",
            random_percent=50,
            operation_id=False,
            workcenter_id=self.wc_cut.id,
        )
        productions = self.env["mrp.production"]
        for __ in range(12):
            productions |= self._create_mo(confirm=False)
        draws = iter([0.1, 0.9] * 6)
        source = Mock(random=lambda: next(draws))
        with patch.object(quality_checkpoint, "RANDOM", source):
            productions.action_confirm()
        workorders = productions.workorder_ids.filtered(
            lambda wo: wo.workcenter_id == self.wc_cut
        )
        drawn = workorders.filtered("inspection_ids")
        self.assertEqual(len(drawn), 6, "one draw per work order, half under 50 %")
        self.assertEqual(len(drawn.inspection_ids), 6)
        self.assertEqual(productions.inspection_ids.workorder_id, drawn)

    def test_random_percent_full_share_inspects_all(self):
        self._create_checkpoint(
            stage="patrol", frequency="random_percent", random_percent=100
        )
        self.assertEqual(len(self._create_mo().inspection_ids), 1)

    # Bad configuration -------------------------------------------------------

    def test_frequency_values_must_make_sense(self):
        bad = [
            {"frequency": "every_n_units", "frequency_units": 0},
            {"frequency": "every_n_units", "frequency_units": -2},
            {"frequency": "every_n_minutes", "frequency_minutes": 0},
            {"frequency": "random_percent", "random_percent": 0},
            {"frequency": "random_percent", "random_percent": 120},
            {
                "stage": "first_article",
                "frequency": "every_n_units",
                "frequency_units": 1,
            },
        ]
        for vals in bad:
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                self._create_checkpoint(**vals)


class TestFirstArticle(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cp_first = cls._create_checkpoint(
            name="First piece length", stage="first_article", blocking=False
        )
        cls.cp_patrol = cls._create_checkpoint(name="Patrol", stage="patrol")

    def setUp(self):
        super().setUp()
        self.production = self._create_mo(qty=4.0)
        self.wo_cut = self._workorder(self.production, self.op_cut)

    def _first(self):
        return self.wo_cut._get_first_article_inspections()

    def test_created_when_the_work_order_starts(self):
        self.assertFalse(self._first(), "not at confirmation")
        self.wo_cut.with_user(self.operator).button_start()
        self.assertEqual(len(self._first()), 1)
        self.assertEqual(self._first().sample_size, 1)
        self.wo_cut.with_user(self.operator).button_pending()
        self.wo_cut.with_user(self.operator).button_start()
        self.assertEqual(len(self._first()), 1, "once per work order")

    def test_start_keeps_the_order_quantity_and_durations(self):
        durations = self.production.workorder_ids.mapped("duration_expected")
        self.wo_cut.with_user(self.operator).button_start()
        self.assertEqual(self.production.qty_producing, 4.0)
        self.assertEqual(
            self.production.workorder_ids.mapped("duration_expected"), durations
        )

    def test_rest_of_the_order_waits_for_the_first_piece(self):
        wo_weld = self._workorder(self.production, self.op_weld)
        self.wo_cut.with_user(self.operator).button_start()
        with self.assertRaises(UserError) as error:
            wo_weld.with_user(self.operator).button_start()
        self.assertIn(self._first().name, str(error.exception))
        with self.assertRaises(UserError):
            wo_weld.with_user(self.operator).write({"state": "progress"})
        self.assertNotEqual(wo_weld.state, "progress")
        self._first().with_user(self.operator).do_pass()
        wo_weld.with_user(self.operator).button_start()
        self.assertEqual(wo_weld.state, "progress")

    def test_full_quantity_once_the_first_piece_passes(self):
        """No backorder and no consumption warning: the order is made whole."""
        wo = self.wo_cut.with_user(self.operator)
        wo.button_start()
        self._first().with_user(self.operator).do_pass()
        self._pass_all(self.production)
        for workorder in self.production.workorder_ids:
            workorder.with_user(self.operator).button_start()
            workorder.with_user(self.operator).button_finish()
        self.production.with_user(self.operator).button_mark_done()
        self.assertEqual(self.production.state, "done")
        self.assertEqual(self.production.qty_produced, 4.0)
        group = self.production.procurement_group_id
        self.assertFalse(group.mrp_production_ids - self.production, "no backorder")

    def test_blocks_finish_even_when_not_marked_blocking(self):
        self.wo_cut.with_user(self.operator).button_start()
        self.assertTrue(self._first().gate_blocking)
        with self.assertRaises(UserError):
            self.wo_cut.with_user(self.operator).button_finish()

    def test_patrols_wait_for_the_first_article(self):
        self.wo_cut.with_user(self.operator).button_start()
        patrol = self.wo_cut.inspection_ids.filtered(
            lambda i: i.checkpoint_id == self.cp_patrol
        )
        with self.assertRaises(UserError):
            patrol.with_user(self.operator).do_pass()
        self.assertEqual(patrol.state, "todo")
        self._first().with_user(self.operator).do_pass()
        patrol.with_user(self.operator).do_pass()
        self.assertEqual(patrol.state, "pass")

    def test_finishes_once_everything_passed(self):
        wo = self.wo_cut.with_user(self.operator)
        wo.button_start()
        self._pass_all(self.wo_cut)
        self.production.with_user(self.operator).qty_producing = 4.0
        wo.button_finish()
        self.assertEqual(self.wo_cut.state, "done")

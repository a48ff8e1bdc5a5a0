# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Produced is what was produced (issue #24): 0 when a work order starts,
what its operator reports while it runs, the done quantity once done; one
definition that the kanban, the KPIs, the XLSX report, the
printed record and the patrols every N units read (and the Shop Floor:
quality_progress_sync_shop_floor)."""

import io

from lxml import etree
from openpyxl import load_workbook

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import QualityProgressCase
from .test_report_inspection_record import RECORD, html_text


@tagged("post_install", "-at_install")
class ProducedQuantityCase(QualityProgressCase):
    """A running cut of an order of 5 and the readers of what it produced."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # An inspection on the cut: the printed record lists its work order.
        cls._create_checkpoint(name="Cut check", performer="inspector")
        cls.production = cls._create_mo(qty=5.0)
        cls.wo_cut = cls.production.workorder_ids.filtered(
            lambda wo: wo.operation_id == cls.op_cut
        )
        cls.wo_weld = cls.production.workorder_ids.filtered(
            lambda wo: wo.operation_id == cls.op_weld
        )
        cls.wo_cut.with_user(cls.operator).button_start()

    # The readers, each as the user who reads it ------------------------------

    def _kanban_card(self, workorder):
        """The card's produced line: ``quality_qty_produced / qty_production``
        and the progress bar, as the Progress & Quality kanban reads them."""
        Workorder = self.env["mrp.workorder"].with_user(self.operator)
        view = self.env.ref("quality_progress_sync.mrp_workorder_view_kanban")
        arch = etree.fromstring(
            Workorder.get_views([(view.id, "kanban")])["views"]["kanban"]["arch"]
        )
        produced = arch.xpath("//div[@name='produced']/field/@name")
        self.assertEqual(
            produced, ["quality_qty_produced", "qty_production", "product_uom_id"]
        )
        self.assertEqual(
            arch.xpath("//field[@widget='progressbar']/@name"), ["progress_percent"]
        )
        result = Workorder.web_search_read(
            [("id", "=", workorder.id)],
            {name: {} for name in ("progress_percent", *produced[:2])},
        )
        return result["records"][0]

    def _kpis(self, workcenter):
        return workcenter.with_user(self.inspector)._get_quality_kpis()[workcenter.id]

    def _xlsx(self, workorders):
        content = (
            self.env["report.quality_progress_sync.progress_quality_xlsx"]
            .with_user(self.inspector)
            ._generate_xlsx(workorders)
        )
        workbook = load_workbook(io.BytesIO(content))
        rows = {}
        for name in ("Work orders", "KPIs"):
            header, *lines = workbook[name].iter_rows(values_only=True)
            rows[name] = [dict(zip(header, line, strict=True)) for line in lines]
        return rows

    def _record(self):
        content, __ = (
            self.env["ir.actions.report"]
            .with_user(self.inspector)
            ._render_qweb_html(RECORD, self.production.ids)
        )
        return html_text(content)

    def _assert_produced(self, workorder, produced, percent):
        """Every reader tells the same produced quantity and progress."""
        self.env.invalidate_all()
        card = self._kanban_card(workorder)
        self.assertEqual(card["quality_qty_produced"], produced)
        self.assertEqual(card["qty_production"], 5.0)
        self.assertAlmostEqual(card["progress_percent"], percent)
        self.assertEqual(self._kpis(workorder.workcenter_id)["produced"], produced)
        rows = self._xlsx(workorder)
        self.assertEqual(rows["Work orders"][0]["Quantity produced"], produced)
        self.assertAlmostEqual(rows["Work orders"][0]["Progress"], percent / 100)
        self.assertEqual(rows["KPIs"][0]["Quantity produced"], produced)
        self.assertIn(f"Produced: {produced:.2f} / 5.00", self._record())


@tagged("post_install", "-at_install")
class TestProducedQuantity(ProducedQuantityCase):
    def test_nothing_is_produced_when_the_work_order_starts(self):
        # Odoo sets the order's quantity producing to the whole quantity.
        self.assertEqual(self.production.qty_producing, 5.0)
        self._assert_produced(self.wo_cut, 0.0, 0.0)

    def test_what_the_operator_writes_on_the_work_order(self):
        self.wo_cut.with_user(self.operator).write({"qty_producing": 3.0})
        self._assert_produced(self.wo_cut, 3.0, 60.0)

    def test_what_is_reported_on_the_order_form(self):
        with Form(self.production.with_user(self.operator)) as form:
            form.qty_producing = 4.0
        self._assert_produced(self.wo_cut, 4.0, 80.0)
        self.assertEqual(self.wo_weld.quality_qty_produced, 0.0, "not started")

    def test_the_done_quantity_once_done(self):
        # Finished without a report: Odoo records the order's quantity.
        self._pass_all(self.wo_cut)
        self.wo_cut.with_user(self.operator).button_finish()
        self.assertEqual(self.wo_cut.qty_produced, 5.0)
        self._assert_produced(self.wo_cut, 5.0, 100.0)

    def test_the_done_quantity_after_a_report(self):
        # Finished after reporting 2: Odoo records 2 done.
        self.wo_cut.with_user(self.operator).write({"qty_producing": 2.0})
        self._pass_all(self.wo_cut)
        self.wo_cut.with_user(self.operator).button_finish()
        self.assertEqual(self.wo_cut.qty_produced, 2.0)
        self._assert_produced(self.wo_cut, 2.0, 40.0)

    def test_a_report_is_for_its_own_work_order(self):
        """The order has one quantity producing: what the operator of one of
        its running work orders reports is not the others' report."""
        self.wo_cut.with_user(self.operator).write({"qty_producing": 2.0})
        self.wo_weld.with_user(self.operator).button_start()
        self.assertEqual(self.wo_weld.quality_qty_produced, 0.0)
        self.wo_weld.with_user(self.operator).write({"qty_producing": 1.0})
        self.assertEqual(self.wo_weld.quality_qty_produced, 1.0)
        self.assertEqual(self.wo_cut.quality_qty_produced, 2.0)

    def test_patrols_every_n_units_count_the_same_quantity(self):
        checkpoint = self._create_checkpoint(
            name="Every 2", stage="patrol", frequency="every_n_units", frequency_units=2
        )
        production = self._create_mo(qty=5.0)
        workorder = self._workorder(production, self.op_cut).with_user(self.operator)
        workorder.button_start()
        patrols = workorder.inspection_ids.filtered(
            lambda i: i.checkpoint_id == checkpoint
        )
        self.assertFalse(patrols, "nothing produced at the start")
        workorder.write({"qty_producing": 4.0})
        self.assertEqual(workorder.quality_qty_produced, 4.0)
        self.assertEqual(
            len(
                workorder.inspection_ids.filtered(
                    lambda i: i.checkpoint_id == checkpoint
                )
            ),
            2,
        )

    def test_reported_quantity_refused_when_negative_or_written(self):
        workorder = self.wo_cut.with_user(self.operator)
        with self.assertRaises(ValidationError):
            workorder.write({"qty_producing": -1.0})
        with self.assertRaises(ValidationError):
            workorder.write({"qty_producing": float("nan")})
        for field_name in ("quality_qty_reported", "quality_qty_produced"):
            with self.assertRaises(UserError) as refused:
                workorder.write({field_name: 4.0})
            self.assertIn("quality workflow", str(refused.exception))
        self.assertEqual(self.wo_cut.quality_qty_produced, 0.0)
        self.assertEqual(self.production.qty_producing, 5.0)

# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The doors of the second adversarial pass: Done on orders whose
checkpoints never created their inspections, and the certificate of such an
order (the Shop Floor preference that Odoo writes as superuser:
quality_progress_sync_shop_floor). Each is tried as
the lowest-privileged user who could, asserting the refusal and that
nothing changed."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user

from .common import QualityProgressCase


class TestDoneWithoutInspections(QualityProgressCase):
    """An order never reaches Done without the inspections its checkpoints
    require, whichever path confirms it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_checkpoint(name="Cut length", blocking=True)

    def _produce_all(self, production, user=None):
        """Mark as Done as the button sends it, whatever the order's state
        (Produce All on a draft)."""
        return production.with_user(user or self.operator).button_mark_done()

    def _assert_not_done(self, production):
        production.invalidate_recordset()
        self.assertNotEqual(production.state, "done")
        self.assertFalse(production.workorder_ids.filtered(lambda w: w.state == "done"))

    def test_mark_as_done_of_a_draft_order_is_refused(self):
        production = self._create_mo(confirm=False)
        self.assertEqual(production.state, "draft")
        with self.assertRaisesRegex(UserError, "never confirmed"):
            self._produce_all(production)
        self._assert_not_done(production)

    def test_draft_order_written_done_is_refused(self):
        production = self._create_mo(confirm=False)
        with self.assertRaises(UserError):
            production.with_user(self.operator).write({"state": "done"})
        self._assert_not_done(production)

    def test_work_order_of_a_draft_order_cannot_finish(self):
        production = self._create_mo(confirm=False)
        workorder = self._workorder(production, self.op_cut).with_user(self.operator)
        for call in (
            lambda: workorder.write({"state": "done"}),
            workorder.button_finish,
            workorder.button_done,
        ):
            with self.subTest(call=call), self.assertRaises(UserError):
                call()
        self._assert_not_done(production)

    def test_order_confirmed_by_a_write_cannot_be_done(self):
        """Writing ``state`` skips confirmation: the inspections were never
        created, Done stays refused."""
        production = self._create_mo(confirm=False)
        production.with_user(self.operator).write({"state": "confirmed"})
        self.assertFalse(production.inspection_ids)
        with self.assertRaisesRegex(UserError, "never confirmed"):
            self._produce_all(production)
        self._assert_not_done(production)

    def test_order_created_done_is_refused(self):
        Production = self.env["mrp.production"].with_user(self.operator)
        count = Production.search_count([])
        with self.assertRaises(UserError):
            Production.create(
                {
                    "product_id": self.product.id,
                    "product_qty": 1.0,
                    "product_uom_id": self.product.uom_id.id,
                    "bom_id": self.bom.id,
                    "state": "done",
                }
            )
        self.assertEqual(Production.search_count([]), count)

    def test_done_order_copied_done_is_refused(self):
        production = self._create_mo()
        self._pass_all(production)
        self._mark_done(production)
        self.assertEqual(production.state, "done")
        Production = self.env["mrp.production"]
        count = Production.search_count([])
        with self.assertRaises(UserError):
            production.with_user(self.operator).copy({"state": "done"})
        self.assertEqual(Production.search_count([]), count)

    def test_work_order_created_done_is_refused(self):
        production = self._create_mo(confirm=False)
        production.with_user(self.operator).write({"state": "confirmed"})
        Workorder = self.env["mrp.workorder"].with_user(self.operator)
        count = Workorder.search_count([])
        with self.assertRaises(UserError):
            Workorder.create(
                {
                    "name": "Forged",
                    "production_id": production.id,
                    "workcenter_id": self.wc_cut.id,
                    "operation_id": self.op_cut.id,
                    "product_uom_id": self.product.uom_id.id,
                    "state": "done",
                }
            )
        self.assertEqual(Workorder.search_count([]), count)

    def test_work_order_added_without_confirmation_holds_the_order(self):
        """``skip_confirm`` (a context key anyone sends) skips Odoo's
        confirmation of a work order added to a confirmed order: its
        checkpoints never ran: Done stays refused."""
        production = self._create_mo()
        self._pass_all(production)
        added = (
            self.env["mrp.workorder"]
            .with_user(self.operator)
            .with_context(skip_confirm=True)
            .create(
                {
                    "name": "Added cut",
                    "production_id": production.id,
                    "workcenter_id": self.wc_cut.id,
                    "operation_id": self.op_cut.id,
                    "product_uom_id": self.product.uom_id.id,
                }
            )
        )
        self.assertFalse(added.inspection_ids)
        with self.assertRaises(UserError):
            added.with_user(self.operator).button_finish()
        with self.assertRaises(UserError):
            self._mark_done(production)
        self._assert_not_done(production)

    def test_draft_order_without_checkpoint_is_done_as_in_odoo(self):
        production = self._create_mo(product=self.other_product, confirm=False)
        self._produce_all(production)
        self.assertEqual(production.state, "done")

    def test_confirmed_order_is_unchanged(self):
        production = self._create_mo()
        self.assertTrue(all(production.workorder_ids.mapped("quality_confirmed")))
        self._pass_all(production)
        self._mark_done(production)
        self.assertEqual(production.state, "done")

    def test_operator_cannot_mark_a_work_order_confirmed(self):
        production = self._create_mo(confirm=False)
        workorder = self._workorder(production, self.op_cut)
        with self.assertRaises(UserError):
            workorder.with_user(self.operator).write({"quality_confirmed": True})
        self.assertFalse(workorder.quality_confirmed)


class TestCertificateOfUnconfirmedOrder(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_checkpoint(name="Cut length", blocking=True)

    def test_certificate_refused_for_an_order_done_without_inspections(self):
        # Done before the add-on gated it (as the superuser's data load did).
        production = self._create_mo(confirm=False)
        production.workorder_ids.write({"state": "done"})
        production.write({"state": "done"})
        self.assertEqual(production.state, "done")
        report = self.env["ir.actions.report"].with_user(self.manager)
        with self.assertRaisesRegex(UserError, "never confirmed"):
            report._render_qweb_html(
                "quality_progress_sync.report_quality_certificate",
                production.ids,
            )


class TestDoneOrderKept(QualityProgressCase):
    """What a done order produced, and its lot, stay as they were."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_checkpoint(name="Cut length", blocking=True)

    def test_operator_cannot_rewrite_a_done_order(self):
        production = self._create_mo(qty=2.0)
        self._pass_all(production)
        self._mark_done(production)
        self.assertEqual(production.state, "done")
        lot = self.env["stock.lot"].create(
            {"name": "FORGED-1", "product_id": self.product.id}
        )
        workorder = self._workorder(production, self.op_cut)
        fields_read = ["lot_producing_id", "qty_producing", "product_qty"]
        before = production.read(fields_read)
        attempts = [
            (production, {"lot_producing_id": lot.id}),
            (production, {"qty_producing": 1e6}),
            (production, {"product_qty": 7.0}),
            (workorder, {"finished_lot_id": lot.id}),
            (workorder, {"qty_producing": 1e6}),
        ]
        for record, vals in attempts:
            with self.subTest(vals=vals), self.assertRaises(UserError):
                record.with_user(self.operator).write(vals)
        production.invalidate_recordset()
        self.assertEqual(production.read(fields_read), before)


class TestNonconformanceKept(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "QPS Company C"})
        cls.manager.write({"company_ids": [Command.link(cls.company_b.id)]})

    def test_manager_cannot_delete_or_move_a_nonconformance(self):
        nonconformance = self.env["quality.nonconformance"].create(
            {"custom_title": "Burr on the edge", "responsible_id": self.manager.id}
        )
        nonconformance = nonconformance.with_user(self.manager)
        with self.assertRaises(UserError):
            nonconformance.unlink()
        with self.assertRaises(UserError):
            nonconformance.write({"company_id": self.company_b.id})
        self.assertTrue(nonconformance.exists())
        self.assertEqual(nonconformance.company_id, self.env.company)


class TestGuardOnEveryPath(QualityProgressCase):
    """The declared guard (``quality.protected.mixin``) holds on the x2many
    commands of another record and on copies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_checkpoint(name="Cut length", blocking=True)

    def test_commands_of_the_order_reach_no_guarded_field(self):
        production = self._create_mo()
        workorder = self._workorder(production, self.op_cut)
        inspection = workorder.inspection_ids
        attempts = [
            [
                Command.update(
                    workorder.id,
                    {
                        "inspection_ids": [
                            Command.update(inspection.id, {"state": "pass"})
                        ]
                    },
                )
            ],
            [Command.update(workorder.id, {"quality_blocked": False})],
            [Command.update(workorder.id, {"quality_confirmed": False})],
        ]
        for commands in attempts:
            with self.subTest(commands=commands), self.assertRaises(UserError):
                production.with_user(self.operator).write({"workorder_ids": commands})
        self.env.invalidate_all()
        self.assertEqual(inspection.state, "todo")
        self.assertTrue(workorder.quality_blocked)
        self.assertTrue(workorder.quality_confirmed)

    def test_a_copy_starts_where_the_workflow_starts(self):
        self.wc_cut.sudo().quality_hold = True
        manager = new_test_user(
            self.env, login="qps_mrp_manager", groups="mrp.group_mrp_manager"
        )
        copy = self.wc_cut.with_user(manager).copy()
        self.assertFalse(copy.quality_hold)
        with self.assertRaises(UserError):
            self.wc_cut.with_user(manager).copy({"quality_hold": True})

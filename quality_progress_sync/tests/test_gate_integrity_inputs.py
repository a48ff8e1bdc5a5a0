# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The numbers and the records an operator sends from the fail and measure
dialogs, over RPC with any value (issue #23; the Shop Floor's:
quality_progress_sync_shop_floor).

Each test makes the call JSON-RPC makes as the lowest-privileged user who
could try it (a Manufacturing user), and asserts a clear refusal and that
nothing changed. NaN and infinity are values too: Python's JSON reader
takes ``NaN``, ``Infinity`` and ``1e400``."""

from odoo.exceptions import UserError, ValidationError

from .common import QualityProgressCase

NAN = float("nan")
INF = float("inf")
NOT_FINITE = (NAN, INF, -INF, 10**400)


class PatrolEveryUnitCase(QualityProgressCase):
    """A lot-tracked product patrolled every unit (the Shop Floor's setters
    stand on it too)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product.tracking = "lot"
        cls.patrol = cls._create_checkpoint(
            name="Patrol",
            stage="patrol",
            frequency="every_n_units",
            frequency_units=1,
        )

    def _patrols(self, workorder):
        return workorder.inspection_ids.filtered(
            lambda i: i.checkpoint_id == self.patrol
        )


class TestOrderQuantityWritten(PatrolEveryUnitCase):
    """The order's produced quantity written directly, whoever writes it."""

    def test_order_quantity_written_directly_makes_no_flood_of_patrols(self):
        """However the order's produced quantity is written, the patrols
        every N units are at most the units the order makes / N."""
        production = self._create_mo(qty=5.0)
        wo_cut = self._workorder(production, self.op_cut)
        wo_cut.with_user(self.operator).button_start()
        # The order's write rules are quality_guard's (refused or taken):
        # either way no more patrols than the order's 5 units call for.
        try:
            production.with_user(self.operator).qty_producing = 3000.0
        except (UserError, ValidationError):
            self.assertEqual(production.qty_producing, 5.0)
        self.assertLessEqual(len(self._patrols(wo_cut)), 5)
        # As the superuser too (a server action, an import).
        production.sudo().qty_producing = 1e9
        self.assertEqual(len(self._patrols(wo_cut)), 5)


class TestFailedQuantity(QualityProgressCase):
    """The failed quantity lies above 0 and at most what the work order
    makes, from the fail dialog or written on the inspection."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_checkpoint(name="Burrs", on_failure="scrap")

    def setUp(self):
        super().setUp()
        self.production = self._create_mo(qty=1.0)
        self.inspection = self.production.inspection_ids

    def _assert_unchanged(self):
        self.inspection.invalidate_recordset()
        self.assertEqual(self.inspection.state, "todo")
        self.assertEqual(self.inspection.failed_qty, 1.0)
        self.assertFalse(self.inspection.nonconformance_id)
        self.assertFalse(
            self.env["stock.scrap"].search([("production_id", "=", self.production.id)])
        )

    def test_written_on_the_inspection(self):
        inspection = self.inspection.with_user(self.operator)
        for quantity in (*NOT_FINITE, 1e15, 1.5, 0, -1, "1e15", None):
            with self.subTest(quantity=quantity), self.assertRaises(ValidationError):
                inspection.write({"failed_qty": quantity})
        self._assert_unchanged()

    def test_fail_dialog(self):
        Wizard = self.env["quality.inspection.fail"].with_user(self.operator)
        vals = {"inspection_id": self.inspection.id, "reason": "Burr"}
        for quantity in (*NOT_FINITE, 1e15, 2, 0, -1):
            with self.subTest(quantity=quantity), self.assertRaises(ValidationError):
                Wizard.create({**vals, "failed_qty": quantity})
        wizard = Wizard.create(vals)
        for quantity in (NAN, INF, 1e15):
            with self.subTest(quantity=quantity), self.assertRaises(ValidationError):
                wizard.write({"failed_qty": quantity})
        self._assert_unchanged()
        # The whole order, at most: one piece failed, one scrapped.
        wizard.action_confirm()
        self.assertEqual(self.inspection.state, "fail")
        self.assertEqual(self.inspection.nonconformance_id.scrap_ids.scrap_qty, 1.0)

    def test_order_of_less_than_one_unit(self):
        """An order of 0.5 gets its inspections (failed quantity 1 by
        default); a user records at most what it makes."""
        production = self._create_mo(qty=0.5)
        inspection = production.inspection_ids.with_user(self.operator)
        self.assertEqual(inspection.failed_qty, 1.0)
        with self.assertRaises(ValidationError):
            inspection.failed_qty = 2.0
        inspection.failed_qty = 0.5
        self.assertEqual(inspection.failed_qty, 0.5)


class TestMeasures(QualityProgressCase):
    """Measures from the numeric pad (``do_measure``) and the measure
    dialog: NaN, infinity and out-of-range values refused, nothing
    recorded."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_checkpoint(
            name="Diameter",
            check_type="measure",
            norm=10.0,
            tolerance_min=9.0,
            tolerance_max=11.0,
        )

    def setUp(self):
        super().setUp()
        self.inspection = self._create_mo().inspection_ids

    def _assert_unchanged(self):
        self.inspection.invalidate_recordset()
        self.assertEqual(self.inspection.state, "todo")
        self.assertFalse(self.inspection.with_context(active_test=False).measure_ids)

    def test_pad_values(self):
        inspection = self.inspection.with_user(self.operator)
        for value in (*NOT_FINITE, "nan", "inf", "-Infinity", "1e400", 1e15):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                inspection.do_measure([value])
        self._assert_unchanged()

    def test_dialog_values(self):
        Wizard = self.env["quality.inspection.measure.wizard"].with_user(self.operator)
        for value in ("nan", "inf", "-Infinity", "1e400", "1e15", "ten"):
            with self.subTest(value=value):
                wizard = Wizard.create({"inspection_id": self.inspection.id})
                wizard.line_ids.value = value
                with self.assertRaises(ValidationError):
                    wizard.action_confirm()
        self._assert_unchanged()

    def test_dialog_sample_numbers(self):
        """A line's sample number only orders the lines: one beyond
        PostgreSQL's integers is refused with a clear error."""
        Wizard = self.env["quality.inspection.measure.wizard"].with_user(self.operator)
        wizard = Wizard.create({"inspection_id": self.inspection.id})
        for sample_no in (2**31, 2**63, -(2**63), NAN, True, "1"):
            with self.subTest(sample_no=sample_no), self.assertRaises(ValidationError):
                wizard.line_ids.write({"sample_no": sample_no})
        self.assertEqual(wizard.line_ids.sample_no, 1)
        wizard.line_ids.value = "10"
        wizard.action_confirm()
        self.assertEqual(self.inspection.state, "pass")

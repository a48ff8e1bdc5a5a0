# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the control chart screen shows of an SPC checkpoint: one call,
quality.checkpoint.get_spc_chart_data."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user

from .spc_common import SpcCase
from .spc_published import PISTONRINGS, QCC_PISTONRINGS

HIGH_MEAN = (74.018, 74.020, 74.022, 74.019, 74.021)


class TestSpcChartData(SpcCase):
    """The piston rings on the frame's cutting, limits frozen, then one
    subgroup beyond the upper limit on an order of the fork."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Those of the database already (the demo's Bearing Bushing has one).
        cls.existing = cls.env["quality.checkpoint"].search(
            [("spc_enabled", "=", True)]
        )
        cls.other_cut = cls.other_bom.operation_ids.sorted("sequence")[:1]
        cls.checkpoint = cls._create_spc_checkpoint(
            operation_id=False, workcenter_id=cls.wc_cut.id
        )
        cls.history = cls._record_subgroups(cls.checkpoint, PISTONRINGS)
        cls.checkpoint.with_user(cls.manager).action_compute_spc_limits()
        cls.drift = cls._record_subgroups(
            cls.checkpoint, [HIGH_MEAN], bom=cls.other_bom
        )
        cls.other = cls._create_spc_checkpoint(
            name="Weld width", operation_id=cls.op_weld.id
        )
        cls.Checkpoint = cls.env["quality.checkpoint"].with_user(cls.operator)

    def test_chart_of_a_checkpoint(self):
        data = self.Checkpoint.get_spc_chart_data(checkpoint_id=self.checkpoint.id)
        checkpoint = data["checkpoint"]
        self.assertEqual(checkpoint["kind"], "xbar_r")
        self.assertEqual(checkpoint["subgroup_size"], 5)
        self.assertEqual(
            (checkpoint["tolerance_min"], checkpoint["tolerance_max"]), (73.95, 74.05)
        )
        self.assertEqual(data["limits"]["count"], 25)
        self.assertAlmostEqual(
            data["limits"]["ucl"], QCC_PISTONRINGS["ucl"], delta=1e-5
        )
        points = data["points"]
        self.assertEqual(len(points), 26)
        self.assertEqual([point["index"] for point in points[:2]], [1, 2])
        first = points[0]
        self.assertEqual(first["values"], list(PISTONRINGS[0]))
        self.assertAlmostEqual(first["location"], 74.0102)
        self.assertAlmostEqual(first["dispersion"], 0.038)
        self.assertEqual(first["inspection"], self.history[0].name)
        self.assertEqual(first["user"], self.inspector.name)
        self.assertEqual(first["workorder"], self.history[0].workorder_id.display_name)
        self.assertFalse(first["signals"])
        last = points[-1]
        self.assertEqual(last["inspection_id"], self.drift.id)
        self.assertEqual(
            [(s["chart"], s["rule"]) for s in last["signals"]],
            [("location", "nelson_1")],
        )
        self.assertIn("Nelson 1", last["signals"][0]["label"])
        self.assertEqual(data["capability"]["subgroup_count"], 26)
        self.assertEqual(
            {c["id"] for c in data["checkpoints"]},
            {self.checkpoint.id, self.other.id, *self.existing.ids},
        )
        self.assertEqual(
            {p["id"] for p in data["products"]},
            {self.product.id, self.other_product.id},
        )

    def test_chart_filtered_by_product(self):
        data = self.Checkpoint.get_spc_chart_data(
            checkpoint_id=self.checkpoint.id, product_id=self.product.id
        )
        self.assertEqual(len(data["points"]), 25)
        self.assertEqual(data["capability"]["subgroup_count"], 25)
        self.assertEqual(round(data["capability"]["cpk"], 2), QCC_PISTONRINGS["cpk"])

    def test_chart_from_an_inspection_highlights_it(self):
        data = self.Checkpoint.get_spc_chart_data(inspection_id=self.drift.id)
        self.assertEqual(data["checkpoint"]["id"], self.checkpoint.id)
        self.assertEqual(data["highlight_inspection_id"], self.drift.id)

    def test_chart_of_a_work_center_offers_its_checkpoints(self):
        data = self.Checkpoint.get_spc_chart_data(workcenter_id=self.wc_weld.id)
        self.assertEqual([c["id"] for c in data["checkpoints"]], [self.other.id])
        self.assertEqual(data["checkpoint"]["id"], self.other.id)
        self.assertFalse(data["limits"])
        self.assertFalse(data["points"])
        data = self.Checkpoint.get_spc_chart_data(workcenter_id=self.wc_paint.id)
        self.assertFalse(data["checkpoint"])
        self.assertFalse(data["checkpoints"])

    def test_chart_shows_the_last_subgroups(self):
        data = self.Checkpoint.get_spc_chart_data(
            checkpoint_id=self.checkpoint.id, limit=3
        )
        points = data["points"]
        self.assertEqual(
            [p["inspection_id"] for p in points[:2]], self.history[-2:].ids
        )
        self.assertEqual(points[-1]["inspection_id"], self.drift.id)

    def test_moving_ranges_start_before_the_first_point_shown(self):
        self.checkpoint.sample_size = 1
        inspections = self._record_subgroups(
            self.checkpoint, [(74.0,), (74.01,), (74.004,)]
        )
        data = self.Checkpoint.get_spc_chart_data(
            checkpoint_id=self.checkpoint.id, limit=2
        )
        self.assertEqual(data["checkpoint"]["kind"], "individuals")
        self.assertEqual(
            [p["inspection_id"] for p in data["points"]], inspections[1:].ids
        )
        self.assertEqual(
            [round(p["dispersion"], 4) for p in data["points"]], [0.01, 0.006]
        )

    def test_bad_arguments_are_refused(self):
        for kwargs in (
            {"checkpoint_id": "1"},
            {"checkpoint_id": True},
            {"checkpoint_id": 0},
            {"workcenter_id": -3},
            # Beyond PostgreSQL's integers: refused, not a database error.
            {"checkpoint_id": 2**31},
            {"inspection_id": 2**63},
            {"product_id": [1]},
            {"limit": "all"},
            {"limit": 0},
        ):
            with self.subTest(kwargs=kwargs), self.assertRaises(ValidationError):
                self.Checkpoint.get_spc_chart_data(**kwargs)

    def test_a_checkpoint_without_spc_has_no_chart(self):
        plain = self._create_checkpoint(name="Visual")
        with self.assertRaises(UserError):
            self.Checkpoint.get_spc_chart_data(checkpoint_id=plain.id)

    def test_another_company_checkpoint_is_not_shown(self):
        company = self.env["res.company"].create({"name": "QPS Other Company"})
        stranger = new_test_user(
            self.env,
            login="qps_stranger",
            groups="mrp.group_mrp_user",
            company_id=company.id,
            company_ids=[company.id],
        )
        Checkpoint = self.env["quality.checkpoint"].with_user(stranger)
        with self.assertRaises(AccessError):
            Checkpoint.get_spc_chart_data(checkpoint_id=self.checkpoint.id)
        self.assertFalse(Checkpoint.get_spc_chart_data()["checkpoints"])

    def test_the_screen_opens_from_the_checkpoint(self):
        action = self.checkpoint.action_open_spc_chart()
        self.assertEqual(action["tag"], "quality_progress_sync_spc.spc_chart_action")
        self.assertEqual(action["params"], {"checkpoint_id": self.checkpoint.id})
        signal_action = self.drift.spc_signal_ids.action_open_spc_chart()
        self.assertEqual(signal_action["params"], {"inspection_id": self.drift.id})

# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A transfer names its lots on quality hold and their containments, as the
stock user who would validate it reads it."""

from odoo import Command
from odoo.tests import new_test_user

from .containment_common import ContainmentCase, at


class TestContainmentPicking(ContainmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.free = cls._make(cls.shaft, 2, at(7), at(7, 30), "LOT-FREE")
        cls._make(cls.shaft, 5, at(8), at(9), "LOT-PASSED")
        cls.held = cls._make(cls.shaft, 2, at(9, 30), at(10), "LOT-HELD")
        cls.failing = cls._start(cls.shaft, 5, at(12, 30))
        cls._record(cls.failing, at(13), "fail")
        cls.containment = cls._containment(cls.failing)
        cls.line = cls.containment.line_ids.filtered(
            lambda line: line.lot_id == cls.held
        )

    def _warning(self, picking):
        picking.invalidate_recordset()
        return picking.with_user(self.stock_user).quality_hold_warning

    def test_delivery_names_its_held_lots_and_their_containments(self):
        warning = self._warning(self._deliver(self.free | self.held))
        self.assertIn("LOT-HELD", warning)
        self.assertIn(self.containment.name, warning)
        self.assertNotIn("LOT-FREE", warning)

    def test_delivery_of_free_lots_warns_of_nothing(self):
        self.assertFalse(self._warning(self._deliver(self.free)))

    def test_warning_follows_the_decision(self):
        picking = self._deliver(self.held)
        self.line.with_user(self.manager).action_scrap("Cracked")
        self.assertFalse(self.held.quality_hold)
        self.assertFalse(self._warning(picking))

    def test_readers_without_rights_on_containments_see_it(self):
        """A user who may only read transfers (a salesman from the order)."""
        reader = new_test_user(self.env, login="qps_picking_reader")
        reader.groups_id |= self.env["res.groups"].create(
            {
                "name": "QPS Transfer readers",
                "model_access": [
                    Command.create(
                        {
                            "name": "QPS transfer reader",
                            "model_id": self.env["ir.model"]._get_id("stock.picking"),
                            "perm_read": True,
                        }
                    )
                ],
            }
        )
        picking = self._deliver(self.held).with_user(reader)
        self.assertFalse(
            self.env["quality.containment.line"].with_user(reader).has_access("read")
        )
        self.assertIn(self.containment.name, picking.quality_hold_warning)

    def test_form_shows_the_warning(self):
        arch = (
            self.env["stock.picking"]
            .with_user(self.stock_user)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn('name="quality_hold_warning"', arch)

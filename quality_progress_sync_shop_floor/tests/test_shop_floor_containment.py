# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Shop Floor card of an order suspect in an open containment is marked
held (issue #26)."""

from odoo.addons.quality_progress_sync.tests.containment_common import (
    ContainmentCase,
    at,
)


class TestShopFloorContainmentMarker(ContainmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Waiting in the queue, not started: not suspect.
        cls.free = cls._create_mo(product=cls.shaft, qty=5)
        cls.failing = cls._start(cls.shaft, 5, at(13, 30))
        cls._record(cls.failing, at(14), "fail")

    def _cards(self, productions):
        """The Shop Floor's cards of the work center, as the operator reads
        them, by order."""
        data = (
            self.env["mrp.workorder"]
            .with_user(self.operator)
            .get_shop_floor_data([self.wc_cut.id])
        )
        names = dict(zip(productions.mapped("name"), productions, strict=True))
        return {
            names[card["production"]]: card
            for card in data["workorders"]
            if card["production"] in names
        }

    def test_shop_floor_card_marks_the_held_order(self):
        self.assertTrue(self.failing.quality_containment_hold)
        cards = self._cards(self.free | self.failing)
        self.assertTrue(cards[self.failing]["is_held"])
        self.assertFalse(cards[self.free]["is_held"])

    def test_the_mark_goes_with_the_decision(self):
        containment = self._containment(self.failing)
        for line in containment.line_ids:
            line.with_user(self.manager).action_scrap("Burnt")
        self.assertFalse(self._cards(self.failing)[self.failing]["is_held"])

    def test_the_mark_is_not_written_by_an_operator(self):
        free_workorder = self.free.workorder_ids.with_user(self.operator)
        free_workorder.write({"quality_containment_hold": True})
        self.env.invalidate_all()
        self.assertFalse(self._cards(self.free)[self.free]["is_held"])

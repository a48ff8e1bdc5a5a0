# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Held output is marked where people look: the Progress & Quality card of
an order suspect in an open containment (issue #26; the Shop Floor's card:
quality_progress_sync_shop_floor)."""

from lxml import etree

from .containment_common import ContainmentCase, at


class TestContainmentMarkers(ContainmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Waiting in the queue, not started: not suspect.
        cls.free = cls._create_mo(product=cls.shaft, qty=5)
        cls.failing = cls._start(cls.shaft, 5, at(13, 30))
        cls._record(cls.failing, at(14), "fail")

    def test_kanban_card_marks_the_held_order(self):
        Workorder = self.env["mrp.workorder"].with_user(self.operator)
        view = self.env.ref("quality_progress_sync.mrp_workorder_view_kanban")
        arch = etree.fromstring(
            Workorder.get_views([(view.id, "kanban")])["views"]["kanban"]["arch"]
        )
        badge = arch.xpath("//span[contains(@class, 'o_qps_held')]")
        self.assertEqual(
            badge[0].get("t-if"), "record.quality_containment_hold.raw_value"
        )
        records = Workorder.web_search_read(
            [("production_id", "in", (self.free | self.failing).ids)],
            {"production_id": {}, "quality_containment_hold": {}},
        )["records"]
        held = {r["production_id"] for r in records if r["quality_containment_hold"]}
        self.assertEqual(held, {self.failing.id})

    def test_the_mark_goes_with_the_decision(self):
        containment = self._containment(self.failing)
        for line in containment.line_ids:
            line.with_user(self.manager).action_scrap("Burnt")
        self.assertFalse(self.failing.quality_containment_hold)

    def test_the_mark_is_not_written_by_an_operator(self):
        """The card's mark reads the order's flag, which only containments
        set: written over RPC as the operator, nothing changes."""
        free_workorder = self.free.workorder_ids.with_user(self.operator)
        free_workorder.write({"quality_containment_hold": True})
        self.env.invalidate_all()
        self.assertFalse(self.free.quality_containment_hold)
        held_workorder = self.failing.workorder_ids.with_user(self.operator)
        held_workorder.write({"quality_containment_hold": False})
        self.env.invalidate_all()
        self.assertTrue(self.failing.quality_containment_hold)

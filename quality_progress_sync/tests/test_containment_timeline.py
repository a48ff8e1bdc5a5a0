# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A containment's form shows its window on a timeline: the pass that opens
it, what was made inside it, the failure, in the order they happened, in the
reader's time zone (issue #26)."""

from .containment_common import ContainmentCase, at


class TestContainmentTimeline(ContainmentCase):
    def test_window_in_time_order(self):
        self._make(self.shaft, 5, at(11), at(12), "LOT-1100")
        self._make(self.shaft, 2, at(12, 30), at(13), "LOT-1230")
        failing = self._start(self.shaft, 5, at(13, 30))
        self._record(failing, at(14), "fail")
        containment = self._containment(failing)
        reader = self.manager
        reader.tz = "Asia/Shanghai"
        html = str(containment.with_user(reader).timeline_html)
        opening = containment.window_inspection_id.name
        steps = [
            f"{opening} passed",
            "made 2.00",
            "lot LOT-1230",
            f"{failing.name} made 5.00",
            f"{containment.inspection_id.name} failed",
        ]
        positions = [html.index(step) for step in steps]
        self.assertEqual(positions, sorted(positions), html)
        # 14:00 UTC is 10 p.m. in Shanghai, written as Odoo writes dates.
        self.assertIn("3/2/26, 10:00 PM", html)
        self.assertNotIn("LOT-1100", html)

    def test_no_pass_before_opens_at_the_start(self):
        failing = self._start(self.shaft, 5, at(13))
        self._record(failing, at(14), "fail")
        html = str(self._containment(failing).with_user(self.manager).timeline_html)
        self.assertIn("No earlier pass", html)
        self.assertIn("o_qps_timeline_start", html)

    def test_names_are_escaped(self):
        failing = self._start(self.shaft, 5, at(13))
        self._record(failing, at(14), "fail")
        containment = self._containment(failing)
        containment.operation_id.name = "<b>Turn</b>"
        html = str(containment.with_user(self.manager).timeline_html)
        self.assertNotIn("<b>Turn</b>", html)
        self.assertIn("&lt;b&gt;Turn&lt;/b&gt;", html)

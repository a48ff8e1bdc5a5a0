# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The work-order filters narrow the list; one Late filter (issue #24)."""

from lxml import etree

from .common import QualityProgressCase


class TestWorkorderFilters(QualityProgressCase):
    def _groups(self):
        """The visible filters of the work orders' search view, by group
        (Odoo ORs the filters of a group and ANDs the groups)."""
        # The search view of the work-order actions and of Progress & Quality.
        view = self.env.ref("mrp.view_mrp_production_workorder_form_view_filter")
        arch = (
            self.env["mrp.workorder"]
            .with_user(self.operator)
            .get_views([(view.id, "search")])["views"]["search"]["arch"]
        )
        groups, current = [], []
        for node in etree.fromstring(arch):
            if node.tag == "separator" or node.tag == "group":
                groups.append(current)
                current = []
            elif node.tag == "filter" and node.get("invisible") not in ("1", "True"):
                current.append(node)
        groups.append(current)
        return [group for group in groups if group]

    def test_my_work_centers_and_not_done_narrow_the_list(self):
        groups = self._groups()
        names = [{node.get("name") for node in group} for group in groups]
        group_of = {name: index for index, group in enumerate(names) for name in group}
        self.assertNotEqual(group_of["my_workcenters"], group_of["open"])
        self.assertNotEqual(group_of["quality_late"], group_of["open"])
        self.assertNotEqual(group_of["quality_late"], group_of["my_workcenters"])

    def test_one_late_filter(self):
        late = [
            node.get("name")
            for group in self._groups()
            for node in group
            if "Late" in (node.get("string") or "")
        ]
        self.assertEqual(late, ["quality_late"])

# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The user's Shop Floor preference, a choice of work-center ids that Odoo
writes as superuser (tried as the lowest-privileged user who could, asserting
the refusal and that nothing changed), and the operators' home action."""

from odoo import Command
from odoo.addons.quality_progress_sync.tests.common import QualityProgressCase
from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user


class TestShopFloorPreference(QualityProgressCase):
    """``res.users.quality_shop_floor_workcenter_ids`` is a choice of ids."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_checkpoint(name="Cut length")
        cls.company_b = cls.env["res.company"].create({"name": "QPS Company B"})
        cls.wc_b = cls.env["mrp.workcenter"].create(
            {
                "name": "QPS B Press",
                "company_id": cls.company_b.id,
                "resource_calendar_id": cls.company_b.resource_calendar_id.id,
            }
        )
        cls.operator_b = new_test_user(
            cls.env,
            login="qps_operator_b",
            groups="mrp.group_mrp_user,mrp.group_mrp_routings",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )

    def _snapshot(self):
        workcenters = self.env["mrp.workcenter"].search([])
        return workcenters.read(
            ["name", "pass_rate_target", "quality_hold", "company_id"]
        ), workcenters.ids

    def _write_own_user(self, user, commands):
        user.with_user(user).write({"quality_shop_floor_workcenter_ids": commands})

    def _forge_pass(self, inspection):
        """Commands that would pass ``inspection`` through the cutting
        center, its work order's."""
        passed = {"state": "pass", "user_id": self.inspector.id}
        workorder = {"inspection_ids": [Command.update(inspection.id, passed)]}
        return [
            Command.update(
                self.wc_cut.id,
                {"order_ids": [Command.update(inspection.workorder_id.id, workorder)]},
            )
        ]

    def test_commands_that_reach_work_centers_are_refused(self):
        self.wc_cut.sudo().write({"quality_hold": True})
        production = self._create_mo()
        inspection = self._workorder(production, self.op_cut).inspection_ids
        before = self._snapshot()
        attempts = {
            "update name": [Command.update(self.wc_cut.id, {"name": "Renamed"})],
            "update target": [
                Command.update(self.wc_cut.id, {"pass_rate_target": 1.0})
            ],
            "lift hold": [Command.update(self.wc_cut.id, {"quality_hold": False})],
            "create": [Command.create({"name": "Forged center"})],
            "delete": [Command.delete(self.wc_weld.id)],
            "forge a pass": self._forge_pass(inspection),
            "other company": [Command.link(self.wc_b.id)],
            "other company set": [Command.set([self.wc_b.id])],
            "not a command": ["cut"],
        }
        for label, commands in attempts.items():
            with (
                self.subTest(label),
                self.assertRaises(UserError),
            ):
                self._write_own_user(self.operator, commands)
        self.env.invalidate_all()
        self.assertEqual(self._snapshot(), before)
        self.assertEqual(inspection.state, "todo")
        self.assertFalse(self.operator.quality_shop_floor_workcenter_ids)

    def test_even_odoos_superuser_write_takes_ids_only(self):
        """Whoever writes (Odoo's own self-writeable path is a superuser
        write), no command reaches a work center."""
        with self.assertRaises(ValidationError):
            self.operator.sudo().write(
                {
                    "quality_shop_floor_workcenter_ids": [
                        Command.update(self.wc_cut.id, {"name": "Renamed"})
                    ]
                }
            )
        self.assertEqual(self.wc_cut.name, "QPS Cutting")

    def test_shop_floor_choice_is_among_readable_work_centers(self):
        Workorder = self.env["mrp.workorder"].with_user(self.operator_b)
        data = Workorder.get_shop_floor_data(
            workcenter_ids=[self.wc_cut.id, self.wc_b.id]
        )
        self.assertEqual(data["workcenter_ids"], self.wc_b.ids)
        self.assertEqual(self.operator_b.quality_shop_floor_workcenter_ids, self.wc_b)
        self.assertNotIn(
            self.wc_cut.id, [wc["id"] for wc in data["workcenters"]], "not shown"
        )

    def test_shop_floor_still_remembers_the_choice(self):
        Workorder = self.env["mrp.workorder"].with_user(self.operator)
        Workorder.get_shop_floor_data(workcenter_ids=[self.wc_cut.id])
        self.assertEqual(self.operator.quality_shop_floor_workcenter_ids, self.wc_cut)
        data = Workorder.get_shop_floor_data()
        self.assertEqual(data["workcenter_ids"], self.wc_cut.ids)


class TestShopFloorHomeAction(QualityProgressCase):
    """Where a new operator lands after logging in."""

    def test_operators_land_on_the_shop_floor(self):
        user = new_test_user(
            self.env, login="qps_new_operator", groups="mrp.group_mrp_user"
        )
        self.assertEqual(
            user.action_id.id,
            self.env.ref("quality_progress_sync_shop_floor.shop_floor_action").id,
        )

    def test_the_quality_team_lands_on_progress_and_quality(self):
        """The quality team's own home action comes first, Manufacturing
        user or not."""
        user = new_test_user(
            self.env,
            login="qps_new_inspector_operator",
            groups="mrp.group_mrp_user,quality_progress_sync.group_quality_inspector",
        )
        kanban = self.env.ref(
            "quality_progress_sync.mrp_workorder_quality_kanban_action"
        )
        self.assertEqual(user.action_id.id, kanban.id)

    def test_manufacturing_administrators_keep_odoo_default(self):
        user = new_test_user(
            self.env, login="qps_new_mrp_admin", groups="mrp.group_mrp_manager"
        )
        self.assertFalse(user.action_id)

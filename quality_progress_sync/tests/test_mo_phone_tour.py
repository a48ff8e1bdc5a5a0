# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A manufacturing order on a phone: its work orders are cards with Start,
Finish and Quality, and the operator's route (start, refused finish, first
article, finish) is walked on them (issue #24, item 11)."""

from lxml import etree

from odoo.tests import HttpCase, tagged

from .common import QualityProgressCase

KANBAN = "quality_progress_sync.mrp_workorder_view_kanban_mo_form"


@tagged("post_install", "-at_install")
class TestProductionOnAPhone(HttpCase, QualityProgressCase):
    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_checkpoint(name="Phone check", stage="first_article")
        cls.production = cls._create_mo(qty=2.0)
        cls.wo_cut = cls.production.workorder_ids.filtered(
            lambda wo: wo.operation_id == cls.op_cut
        )

    def test_cards_of_the_orders_form(self):
        """On a phone Odoo shows an x2many as a kanban (the client loads it
        with the field's ``kanban_view_ref``): the order's form asks for the
        card with the operator's buttons."""
        Production = self.env["mrp.production"].with_user(self.operator)
        arch = etree.fromstring(
            Production.get_views([(False, "form")])["views"]["form"]["arch"]
        )
        field = arch.xpath("//page[@name='operations']/field[@name='workorder_ids']")
        self.assertIn(f"'kanban_view_ref': '{KANBAN}'", field[0].get("context"))
        kanban = (
            self.env["mrp.workorder"]
            .with_user(self.operator)
            .get_views([(self.env.ref(KANBAN).id, "kanban")])["views"]["kanban"]["arch"]
        )
        self.assertEqual(
            etree.fromstring(kanban).xpath("//footer//button/@name"),
            ["button_start", "button_pending", "button_finish", "action_open_wizard"],
        )

    def test_route_on_the_orders_cards(self):
        self.start_tour(
            f"/odoo/action-mrp.mrp_production_action/{self.production.id}",
            "quality_progress_sync_mo_phone",
            login=self.operator.login,
        )
        inspection = self.wo_cut.inspection_ids
        self.assertEqual(inspection.state, "pass")
        self.assertEqual(inspection.user_id, self.operator)
        self.assertEqual(self.wo_cut.state, "done")


@tagged("post_install", "-at_install")
class TestProductionOnAPhoneChinese(TestProductionOnAPhone):
    """The same route for an operator who reads Simplified Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.operator.lang = "zh_CN"

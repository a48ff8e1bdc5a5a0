# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Shop Floor in a browser, at tablet and phone size: the operator
starts, records the first article and sees Finish refused; the inspector
fails a patrol with its reason, sees its rework work order, sees the
operator's work arrive without reloading (and a refusal of the state before
go), and finishes; on a phone, a measure recorded and a scanned order
opened; the README's route (start, the first article's three points,
finish) on a phone and on a tablet."""

from odoo import api
from odoo.addons.quality_progress_sync.tests.common import QualityProgressCase
from odoo.tests import HttpCase, tagged

SHOP_FLOOR_URL = "/odoo/action-quality_progress_sync_shop_floor.shop_floor_action"


class ShopFloorTourCase(HttpCase, QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_checkpoint(
            name="Diameter",
            stage="first_article",
            check_type="measure",
            norm=10.0,
            tolerance_min=9.9,
            tolerance_max=10.1,
            sequence=1,
        )
        cls._create_checkpoint(
            name="Tool offsets",
            stage="first_article",
            check_type="instructions",
            instructions="<p>Confirm the tool offsets against the setup sheet.</p>",
            sequence=2,
        )
        cls.cp_patrol = cls._create_checkpoint(
            name="Surface",
            stage="patrol",
            performer="inspector",
            on_failure="rework",
            sequence=3,
        )
        cls._create_checkpoint(
            name="Final look", stage="final", performer="inspector", sequence=4
        )
        cls.production = cls._create_mo(qty=5.0)
        cls.wo_cut = cls.production.workorder_ids.filtered(
            lambda wo: wo.workcenter_id == cls.wc_cut
        )

    def _inspection(self, title):
        return self.wo_cut.inspection_ids.filtered(
            lambda i: i.checkpoint_id.name == title
        )

    def _inspector_tour_with_operator_elsewhere(self, tour, action):
        """Run ``tour`` as the inspector while the operator calls
        ``action(env)`` once the tour gives its cue (the inspector chooses
        the Welding queue too, by an RPC of its own: the screen does not
        read its answer). The operator acts in the transaction of the test,
        which every request of a tour shares; the inspector's screen sees
        it by reading again every few seconds, as tests have no websocket
        (their bus notifications never commit; the bus itself:
        test_shop_floor.py and the README)."""
        Users = type(self.env["res.users"])
        remember = Users._set_shop_floor_workcenters
        acted = []

        def remember_and_cue(users, workcenters):
            remember(users, workcenters)
            cue = users == self.inspector and self.wc_weld in workcenters
            if cue and not acted:
                acted.append(True)
                action(api.Environment(users.env.cr, self.operator.id, {}))

        self.patch(Users, "_set_shop_floor_workcenters", remember_and_cue)
        self.start_tour(SHOP_FLOOR_URL, tour, login=self.inspector.login)
        self.assertTrue(acted, "The tour never gave the operator its cue.")


@tagged("post_install", "-at_install")
class TestShopFloorTabletTour(ShopFloorTourCase):
    browser_size = "1024x768"

    def test_operator_tour(self):
        self.start_tour(
            SHOP_FLOOR_URL,
            "quality_progress_sync_shop_floor_operator",
            login=self.operator.login,
        )
        self.assertEqual(self.wo_cut.state, "progress")
        self.assertEqual(self._inspection("Diameter").state, "pass")
        self.assertEqual(self._inspection("Diameter").measure_ids.value, 10.02)
        self.assertEqual(self._inspection("Tool offsets").user_id, self.operator)
        self.assertEqual(self._inspection("Surface").state, "todo")
        self.assertEqual(self.production.qty_producing, 5.0)
        # The choice of work center is kept for the next visit.
        self.assertEqual(self.operator.quality_shop_floor_workcenter_ids, self.wc_cut)

    def test_inspector_tour(self):
        workorder = self.wo_cut.with_user(self.operator)
        workorder.button_start()
        for title in ("Diameter", "Tool offsets"):
            inspection = self._inspection(title).with_user(self.operator)
            if inspection.check_type == "measure":
                inspection.do_measure([10.0])
            else:
                inspection.do_pass()
        # Once the inspector's Finish was refused: 3 pieces produced.
        self._inspector_tour_with_operator_elsewhere(
            "quality_progress_sync_shop_floor_inspector",
            lambda env: (
                env["mrp.workorder"].browse(self.wo_cut.id).set_shop_floor_produced(3.0)
            ),
        )
        patrol = self._inspection("Surface")
        self.assertEqual(patrol.state, "fail")
        self.assertEqual(patrol.failure_reason, "Chatter marks on the face")
        self.assertEqual(patrol.failed_qty, 2.0)
        self.assertEqual(patrol.user_id, self.inspector)
        rework = self.production.workorder_ids.filtered("rework_of_id")
        self.assertEqual(rework.rework_of_id, self.wo_cut)
        self.assertEqual(self._inspection("Final look").state, "pass")
        self.assertEqual(self.wo_cut.state, "done")
        self.assertEqual(self.wo_cut.qty_produced, 3.0)


class ChineseOperatorsMixin:
    """The operator and the inspector read Simplified Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        (cls.operator | cls.inspector).lang = "zh_CN"


@tagged("post_install", "-at_install")
class TestShopFloorTabletTourChinese(ChineseOperatorsMixin, TestShopFloorTabletTour):
    """The operator's and the inspector's routes on a tablet, in Chinese."""


@tagged("post_install", "-at_install")
class TestShopFloorPhoneRoutes(TestShopFloorTabletTour):
    """The operator's and the inspector's routes on a phone."""

    browser_size = "390x844"
    touch_enabled = True


@tagged("post_install", "-at_install")
class TestShopFloorPhoneRoutesChinese(ChineseOperatorsMixin, TestShopFloorPhoneRoutes):
    """The operator's and the inspector's routes on a phone, in Chinese."""


class ShopFloorReinspectionCase(ShopFloorTourCase):
    """A patrol failed, its rework not started: the inspector waits on the
    Shop Floor for the operator to start it elsewhere, then re-inspects."""

    def setUp(self):
        super().setUp()
        self.wo_cut.with_user(self.operator).button_start()
        for title in ("Diameter", "Tool offsets"):
            inspection = self._inspection(title).with_user(self.operator)
            if inspection.check_type == "measure":
                inspection.do_measure([10.0])
            else:
                inspection.do_pass()
        self.wo_cut.with_user(self.operator).set_shop_floor_produced(2.0)
        self._inspection("Surface").with_user(self.inspector).do_fail("Burr")
        self.rework = self.production.workorder_ids.filtered("rework_of_id")

    def _walk_the_reinspection(self):
        reinspection = self.rework.inspection_ids
        self.assertEqual(reinspection.origin_inspection_id, self._inspection("Surface"))
        # Once the inspector saw the re-inspection waiting: the rework starts.
        self._inspector_tour_with_operator_elsewhere(
            "quality_progress_sync_shop_floor_reinspection",
            lambda env: env["mrp.workorder"].browse(self.rework.id).button_start(),
        )
        self.assertEqual(reinspection.state, "pass")
        self.assertEqual(reinspection.user_id, self.inspector)
        self.rework.with_user(self.operator).button_finish()
        self.assertEqual(self.rework.state, "done")


@tagged("post_install", "-at_install")
class TestShopFloorReinspectionTablet(ShopFloorReinspectionCase):
    browser_size = "1024x768"
    touch_enabled = True

    def test_reinspection_on_a_tablet(self):
        self._walk_the_reinspection()


@tagged("post_install", "-at_install")
class TestShopFloorReinspectionPhoneChinese(
    ChineseOperatorsMixin, ShopFloorReinspectionCase
):
    browser_size = "390x844"
    touch_enabled = True

    def test_reinspection_on_a_phone_in_chinese(self):
        self._walk_the_reinspection()


@tagged("post_install", "-at_install")
class TestShopFloorPhoneTour(ShopFloorTourCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_phone_tour(self):
        # The name the tour scans.
        self.production.name = "QPS-SCAN-1"
        self.start_tour(
            SHOP_FLOOR_URL,
            "quality_progress_sync_shop_floor_phone",
            login=self.operator.login,
        )
        self.assertEqual(self._inspection("Diameter").state, "pass")
        self.assertEqual(self._inspection("Diameter").measure_ids.value, 9.95)


class ShopFloorRouteCase(HttpCase, QualityProgressCase):
    """Open my work center, start, record the first article, finish."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_checkpoint(
            name="Diameter",
            stage="first_article",
            check_type="measure",
            norm=10.0,
            tolerance_min=9.9,
            tolerance_max=10.1,
            sample_size=3,
            instructions="<p>Measure the first piece at three points.</p>",
        )
        cls.production = cls._create_mo(qty=5.0)
        cls.wo_cut = cls.production.workorder_ids.filtered(
            lambda wo: wo.workcenter_id == cls.wc_cut
        )

    def _walk_the_route(self):
        self.start_tour(
            SHOP_FLOOR_URL,
            "quality_progress_sync_shop_floor_route",
            login=self.operator.login,
        )
        inspection = self.wo_cut.inspection_ids
        self.assertEqual(inspection.state, "pass")
        self.assertEqual(
            inspection.measure_ids.sorted("sample_no").mapped("value"),
            [10.01, 9.98, 10.03],
        )
        self.assertEqual(self.wo_cut.state, "done")
        self.assertEqual(self.wo_cut.qty_produced, 5.0)


@tagged("post_install", "-at_install")
class TestShopFloorRoutePhone(ShopFloorRouteCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_route_on_a_phone(self):
        self._walk_the_route()


@tagged("post_install", "-at_install")
class TestShopFloorRouteTablet(ShopFloorRouteCase):
    browser_size = "1024x768"
    touch_enabled = True

    def test_route_on_a_tablet(self):
        self._walk_the_route()


class ShopFloorRouteChineseCase(ChineseOperatorsMixin, ShopFloorRouteCase):
    """The same route for an operator who reads Simplified Chinese."""


@tagged("post_install", "-at_install")
class TestShopFloorRoutePhoneChinese(ShopFloorRouteChineseCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_route_on_a_phone_in_chinese(self):
        self._walk_the_route()


@tagged("post_install", "-at_install")
class TestShopFloorRouteTabletChinese(ShopFloorRouteChineseCase):
    browser_size = "1024x768"
    touch_enabled = True

    def test_route_on_a_tablet_in_chinese(self):
        self._walk_the_route()

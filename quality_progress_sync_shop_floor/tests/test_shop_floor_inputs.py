# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The numbers and the records an operator sends from the Shop Floor, over
RPC with any value (issue #23), and who hears its notifications.

Each test makes the call JSON-RPC makes as the lowest-privileged user who
could try it (a Manufacturing user), and asserts a clear refusal and that
nothing changed. NaN and infinity are values too: Python's JSON reader
takes ``NaN``, ``Infinity`` and ``1e400``."""

import json

from odoo import Command
from odoo.addons.quality_progress_sync.tests.common import QualityProgressCase
from odoo.addons.quality_progress_sync.tests.test_gate_integrity_inputs import (
    INF,
    NAN,
    NOT_FINITE,
    PatrolEveryUnitCase,
)
from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from ..models.mrp_workorder import QUEUE_LIMIT
from ..models.shop_floor_notify import (
    SHOP_FLOOR_CHANNEL,
    SHOP_FLOOR_NOTIFICATION,
)


class TestShopFloorSetters(PatrolEveryUnitCase):
    """The produced quantity and the lot: of a running work order only, the
    quantity at most what the order makes."""

    def _done_order(self):
        """An order of 5 made under lot LOT-GOOD: done, hence locked."""
        production = self._create_mo(qty=5.0)
        production.lot_producing_id = self.env["stock.lot"].create(
            {"name": "LOT-GOOD", "product_id": self.product.id}
        )
        for workorder in production.workorder_ids:
            workorder.with_user(self.operator).button_start()
            self._pass_all(workorder)
            workorder.with_user(self.operator).button_finish()
        self._mark_done(production)
        self.assertEqual(production.state, "done")
        self.assertTrue(production.is_locked)
        return production

    def _snapshot(self, production):
        production.invalidate_recordset()
        production.workorder_ids.invalidate_recordset()
        return (
            production.qty_producing,
            production.lot_producing_id,
            production.workorder_ids.mapped("finished_lot_id"),
            production.workorder_ids.mapped("qty_produced"),
            len(production.inspection_ids),
            self.env["stock.lot"].search_count([("name", "=", "LOT-FORGED")]),
        )

    def test_done_locked_order_keeps_its_quantity_and_lot(self):
        production = self._done_order()
        before = self._snapshot(production)
        for workorder in production.workorder_ids.with_user(self.operator):
            with self.subTest(workorder=workorder.name):
                with self.assertRaisesRegex(UserError, "not running"):
                    workorder.set_shop_floor_produced(2.0)
                with self.assertRaisesRegex(UserError, "not running"):
                    workorder.set_shop_floor_lot("LOT-FORGED")
        self.assertEqual(self._snapshot(production), before)
        self.assertEqual(production.lot_producing_id.name, "LOT-GOOD")

    def test_work_order_not_started_or_cancelled(self):
        production = self._create_mo(qty=5.0)
        wo_cut = self._workorder(production, self.op_cut).with_user(self.operator)
        before = self._snapshot(production)
        with self.assertRaisesRegex(UserError, "not running"):
            wo_cut.set_shop_floor_produced(2.0)
        with self.assertRaisesRegex(UserError, "not running"):
            wo_cut.set_shop_floor_lot("LOT-FORGED")
        production.action_cancel()
        with self.assertRaisesRegex(UserError, "not running"):
            wo_cut.set_shop_floor_lot("LOT-FORGED")
        self.assertEqual(self._snapshot(production), before)

    def test_produced_quantity_at_most_what_the_order_makes(self):
        production = self._create_mo(qty=5.0)
        wo_cut = self._workorder(production, self.op_cut).with_user(self.operator)
        wo_cut.button_start()
        wo_cut.set_shop_floor_produced(2.0)
        before = self._snapshot(production)
        for quantity in (5.5, 1e12 - 1, 1e15, -0.5, *NOT_FINITE):
            with self.subTest(quantity=quantity), self.assertRaises(ValidationError):
                wo_cut.set_shop_floor_produced(quantity)
        self.assertEqual(self._snapshot(production), before)
        # What the order makes is the bound, included.
        wo_cut.set_shop_floor_produced(5)
        self.assertEqual(production.qty_producing, 5.0)
        self.assertEqual(len(self._patrols(wo_cut)), 5)


class TestShopFloorQueueLimits(QualityProgressCase):
    def test_queue_length_and_ids_out_of_range(self):
        Workorder = self.env["mrp.workorder"].with_user(self.operator)
        Workorder.get_shop_floor_data([self.wc_cut.id])
        for limit in (2**63, 2**31, QUEUE_LIMIT + 1, 0, -(2**63), 1.5, NAN, INF):
            with self.subTest(limit=limit), self.assertRaises(ValidationError):
                Workorder.get_shop_floor_data([self.wc_weld.id], limit=limit)
        for ids in ([2**63], [2**31], [self.wc_weld.id, NAN], [True], ["1"]):
            with self.subTest(ids=ids), self.assertRaises(ValidationError):
                Workorder.get_shop_floor_data(ids)
        self.assertEqual(self.operator.quality_shop_floor_workcenter_ids, self.wc_cut)
        data = Workorder.get_shop_floor_data(limit=QUEUE_LIMIT)
        self.assertEqual(data["workcenter_ids"], [self.wc_cut.id])


@tagged("post_install", "-at_install")
class TestShopFloorNotificationPerCompany(HttpCase, QualityProgressCase):
    """The Shop Floor's bus notification reaches the screens of the work
    order's company only: what each user's screen polls
    (``/websocket/peek_notifications``, asking for the Shop Floor channel as
    shop_floor.js does)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "QPS Company B"})
        cls.operator_b = cls._create_user_of(cls.company_b, "qps_operator_b")
        cls.operator_ab = cls._create_user_of(
            cls.company | cls.company_b, "qps_operator_ab"
        )

    @classmethod
    def _create_user_of(cls, companies, login):
        return new_test_user(
            cls.env,
            login=login,
            groups="mrp.group_mrp_user,mrp.group_mrp_routings",
            company_id=companies[:1].id,
            company_ids=[Command.set(companies.ids)],
        )

    def _create_mo_of_company_b(self):
        workcenter = self.env["mrp.workcenter"].create(
            {
                "name": "QPS B Cutting",
                "company_id": self.company_b.id,
                "resource_calendar_id": self.company_b.resource_calendar_id.id,
            }
        )
        bom = self.env["mrp.bom"].create(
            {
                "product_tmpl_id": self.other_product.product_tmpl_id.id,
                "company_id": self.company_b.id,
                "operation_ids": [
                    Command.create({"name": "Cut B", "workcenter_id": workcenter.id})
                ],
            }
        )
        production = (
            self.env["mrp.production"]
            .with_company(self.company_b)
            .create({"product_id": self.other_product.id, "bom_id": bom.id})
        )
        production.action_confirm()
        return production

    def _peek(self, user, channels=(SHOP_FLOOR_CHANNEL,)):
        """The Shop Floor notifications ``user``'s screen receives, once this
        transaction's notifications are sent."""
        self.env.cr.precommit.run()
        self.authenticate(user.login, user.login)
        result = self.make_jsonrpc_request(
            "/websocket/peek_notifications",
            {"channels": list(channels), "last": 0, "is_first_poll": True},
        )
        return [
            notification["message"]["payload"]
            for notification in result["notifications"]
            if notification["message"]["type"] == SHOP_FLOOR_NOTIFICATION
        ]

    def _workorder_ids(self, payloads):
        return {wo_id for payload in payloads for wo_id in payload["workorder_ids"]}

    def test_company_b_is_not_told_of_company_a(self):
        production = self._create_mo()
        self.env.cr.precommit.run()
        self.env["bus.bus"].sudo().search([]).unlink()
        wo_cut = self._workorder(production, self.op_cut)
        wo_cut.with_user(self.operator).button_start()
        self.assertEqual(self._peek(self.operator_b), [])
        self.assertIn(wo_cut.id, self._workorder_ids(self._peek(self.operator)))
        self.assertIn(wo_cut.id, self._workorder_ids(self._peek(self.operator_ab)))
        # The rows sent: on company A's channel only.
        self.assertEqual(
            [
                json.loads(bus.channel)
                for bus in self.env["bus.bus"].sudo().search([])
                if json.loads(bus.message)["type"] == SHOP_FLOOR_NOTIFICATION
            ],
            [[self.env.cr.dbname, "res.company", self.company.id, SHOP_FLOOR_CHANNEL]],
        )

    def test_each_company_told_of_its_own(self):
        production_a = self._create_mo()
        production_b = self._create_mo_of_company_b()
        self.env.cr.precommit.run()
        self.env["bus.bus"].sudo().search([]).unlink()
        (production_a | production_b).workorder_ids.write(
            {"date_start": "2030-01-01 08:00:00"}
        )
        self.assertEqual(
            self._workorder_ids(self._peek(self.operator_b)),
            set(production_b.workorder_ids.ids),
        )
        self.assertEqual(
            self._workorder_ids(self._peek(self.operator)),
            set(production_a.workorder_ids.ids),
        )
        self.assertEqual(
            self._workorder_ids(self._peek(self.operator_ab)),
            set((production_a | production_b).workorder_ids.ids),
        )

    def test_only_manufacturing_users_who_ask(self):
        production = self._create_mo()
        self.env.cr.precommit.run()
        self.env["bus.bus"].sudo().search([]).unlink()
        self._workorder(production, self.op_cut).with_user(self.operator).button_start()
        # A screen that does not ask for the channel, a user of the company
        # who is no Manufacturing user: nothing.
        self.assertEqual(self._peek(self.operator, channels=()), [])
        employee = new_test_user(
            self.env, login="qps_employee", groups="base.group_user"
        )
        self.assertEqual(self._peek(employee), [])
        self.assertTrue(self._peek(self.operator))

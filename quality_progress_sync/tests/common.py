# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import logging
import re
from contextlib import contextmanager

from odoo import Command
from odoo.addons.base.tests.common import BaseCommon
from odoo.tests import Form, new_test_user

# How Odoo logs a statement on ``odoo.sql_db`` at DEBUG level (its
# parameters in).
LOGGED_STATEMENT = re.compile(r"\[[\d.]+ ms\] query: (.*)", re.DOTALL)


class _StatementCollector(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.statements = []

    def emit(self, record):
        match = LOGGED_STATEMENT.match(record.getMessage())
        if match:
            self.statements.append(match[1].strip())


class QualityProgressCase(BaseCommon):
    """A three-operation BoM, users of each role and builders. Mail tracking
    is off, as in Odoo's BaseCommon: a test class that reads the chatter, or
    counts the queries a user's action costs with its chatter, says so with
    ``chatter = True``."""

    chatter = False

    @classmethod
    def default_env_context(cls):
        if cls.chatter:
            # Tracked, logged and followed as for a user; no mail sent on
            # the test users' creation.
            return {"no_reset_password": True}
        return super().default_env_context()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Work orders are shown only with the "Work Orders" setting.
        cls.env.user.groups_id += cls.env.ref("mrp.group_mrp_routings")
        # A plant's server sends the e-mails of users without an address
        # from its alias domain's default sender (as Odoo's own mail tests
        # configure it); without one, Odoo logs their notifications as
        # failed, and some tests act as such users.
        if not cls.env.company.alias_domain_id:
            cls.env.company.alias_domain_id = cls.env["mail.alias.domain"].create(
                {"name": "plant.example.com", "default_from": "notifications"}
            )
        cls._create_users()
        Workcenter = cls.env["mrp.workcenter"]
        cls.wc_cut = Workcenter.create({"name": "QPS Cutting"})
        cls.wc_weld = Workcenter.create({"name": "QPS Welding"})
        cls.wc_paint = Workcenter.create({"name": "QPS Painting"})
        cls._create_products()
        cls.bom = cls._create_bom(cls.product)
        cls.op_cut, cls.op_weld, cls.op_paint = cls.bom.operation_ids.sorted("sequence")
        cls.other_bom = cls._create_bom(cls.other_product)

    @classmethod
    def _create_users(cls):
        """An operator, an inspector and a quality manager."""
        cls.operator = cls._create_operator("qps_operator")
        cls.inspector = new_test_user(
            cls.env,
            login="qps_inspector",
            groups="quality_progress_sync.group_quality_inspector",
        )
        cls.manager = new_test_user(
            cls.env,
            login="qps_manager",
            groups="quality_progress_sync.group_quality_manager",
        )

    @classmethod
    def _create_products(cls):
        """The frame (of a subcategory), the fork and their component."""
        cls.category = cls.env["product.category"].create({"name": "QPS Frames"})
        cls.subcategory = cls.env["product.category"].create(
            {"name": "QPS Bike Frames", "parent_id": cls.category.id}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "QPS Frame", "type": "consu", "categ_id": cls.subcategory.id}
        )
        cls.other_product = cls.env["product.product"].create(
            {"name": "QPS Fork", "type": "consu"}
        )
        cls.component = cls.env["product.product"].create(
            {"name": "QPS Tube", "type": "consu"}
        )

    @classmethod
    def _create_operator(cls, login):
        """A Manufacturing user who sees work orders, and nothing more."""
        return new_test_user(
            cls.env, login=login, groups="mrp.group_mrp_user,mrp.group_mrp_routings"
        )

    @classmethod
    def _create_bom(cls, product):
        return cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "product_qty": 1.0,
                "bom_line_ids": [
                    Command.create({"product_id": cls.component.id, "product_qty": 1.0})
                ],
                "operation_ids": [
                    Command.create(
                        {
                            "name": name,
                            "workcenter_id": workcenter.id,
                            "sequence": sequence,
                            "time_cycle_manual": 10,
                        }
                    )
                    for name, workcenter, sequence in (
                        ("Cut", cls.wc_cut, 10),
                        ("Weld", cls.wc_weld, 20),
                        ("Paint", cls.wc_paint, 30),
                    )
                ],
            }
        )

    @classmethod
    def _create_checkpoint(cls, **vals):
        vals.setdefault("name", "QPS check")
        if "workcenter_id" not in vals:
            vals.setdefault("operation_id", cls.op_cut.id)
        return cls.env["quality.checkpoint"].create(vals)

    @classmethod
    def _create_mo(cls, product=None, qty=1.0, confirm=True):
        # Its BoM, components and work orders are computed as in the form.
        production = cls.env["mrp.production"].create(
            {"product_id": (product or cls.product).id, "product_qty": qty}
        )
        if confirm:
            production.action_confirm()
        return production

    def _set_up_order(self):
        """A new order of the frame for the test: ``self.production``, its
        cut and weld work orders, the cut's inspections
        (``self.inspection``)."""
        self.production = self._create_mo()
        self.wo_cut = self._workorder(self.production, self.op_cut)
        self.wo_weld = self._workorder(self.production, self.op_weld)
        self.inspection = self.wo_cut.inspection_ids

    def _workorder(self, production, operation):
        return production.workorder_ids.filtered(
            lambda wo: wo.operation_id == operation
        )

    def _pass_all(self, records):
        """Pass every inspection still to do, as the manager (the rework work
        orders started first: a re-inspection judges reworked pieces)."""
        todo = records.inspection_ids.filtered(lambda i: i.state == "todo")
        self._start_reworks(todo)
        # First articles first: patrol inspections wait for them.
        for inspection in todo.sorted(lambda i: i.stage != "first_article"):
            inspection = inspection.with_user(self.manager)
            if inspection.check_type == "measure":
                inspection.do_measure([inspection.norm] * inspection.sample_size)
            else:
                if inspection.check_type == "photo":
                    inspection.picture = self._png()
                inspection.do_pass()

    @staticmethod
    def _start_reworks(inspections):
        """Start the rework work orders of these re-inspections."""
        inspections.filtered("origin_inspection_id").workorder_id.filtered(
            lambda wo: wo.state not in ("progress", "done", "cancel")
        ).button_start()

    @staticmethod
    def _png():
        # A 1x1 transparent PNG, base64 encoded.
        return (
            b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8"
            b"AAAAASUVORK5CYII="
        )

    def _mark_done(self, production, user=None, qty=None):
        production = production.with_user(user or self.operator)
        with Form(production) as form:
            form.qty_producing = qty or production.product_qty
        return production.button_mark_done()

    def _count_queries(self, func):
        """Queries of ``func``, from a flushed and empty cache, its pending
        updates included."""
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.env.cr.sql_log_count - start

    def _capture_statements(self):
        """See :func:`capture_statements`."""
        return capture_statements()

    def _kanban_queries(self, productions, spec, limit, counter=None):
        """Queries of the operator's kanban read (``spec``) of ``limit`` work
        orders of ``productions``, counted by ``counter`` (default
        :meth:`_count_queries`)."""
        Workorder = self.env["mrp.workorder"].with_user(self.operator)
        domain = [("production_id", "in", productions.ids)]

        def read():
            result = Workorder.web_search_read(domain, spec, limit=limit)
            self.assertEqual(len(result["records"]), limit)

        return (counter or self._count_queries)(read)


@contextmanager
def capture_statements():
    """The statements run in the block, their parameters in, as Odoo logs
    them on ``odoo.sql_db`` at DEBUG level (kept from the test's log)."""
    logger = logging.getLogger("odoo.sql_db")
    collector = _StatementCollector()
    level, propagate = logger.level, logger.propagate
    logger.addHandler(collector)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    try:
        yield collector.statements
    finally:
        logger.removeHandler(collector)
        logger.setLevel(level)
        logger.propagate = propagate

# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One suspect of a containment: a lot (or an untracked quantity) made at
the contained operation inside the window, or made from such a lot
downstream; where it is now; the decision on it (``..._decide.py``)."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .quality_guard import is_quality_inspector, is_quality_manager

DECISIONS = [("release", "Release"), ("rework", "Rework"), ("scrap", "Scrap")]
ORIGINS = [("window", "Operation window"), ("downstream", "Downstream")]

WORKFLOW_FIELDS = frozenset(
    {
        "containment_id",
        "origin",
        "parent_lot_id",
        "production_id",
        "workorder_id",
        "product_id",
        "lot_id",
        "quantity",
        "source_location_id",
        "quarantine_location_id",
        "quarantine_qty",
        "holds_stock",
        "decision",
        "decision_user_id",
        "decision_date",
        "decision_note",
        "rework_production_id",
        "scrap_ids",
        "reinspection_ids",
    }
)


class QualityContainmentLine(models.Model):
    _name = "quality.containment.line"
    _description = "Containment Suspect Lot"
    _inherit = [
        "quality.protected.mixin",
        "quality.containment.line.decide",
        "quality.containment.line.rework",
    ]
    _order = "containment_id desc, id"
    _check_company_auto = True
    _quality_protected_fields = WORKFLOW_FIELDS

    containment_id = fields.Many2one(
        "quality.containment",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="containment_id.company_id", store=True, index=True, precompute=True
    )
    containment_state = fields.Selection(related="containment_id.state")
    origin = fields.Selection(ORIGINS, required=True, readonly=True)
    parent_lot_id = fields.Many2one(
        "stock.lot",
        string="Made From",
        readonly=True,
        help="The suspect lot this one was made from.",
    )
    production_id = fields.Many2one(
        "mrp.production",
        string="Made By",
        readonly=True,
        index="btree_not_null",
        help="The manufacturing order that made (or makes) it.",
    )
    workorder_id = fields.Many2one(
        "mrp.workorder",
        string="Work Order",
        readonly=True,
        help="Its work order at the contained operation.",
    )
    product_id = fields.Many2one("product.product", required=True, readonly=True)
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    lot_id = fields.Many2one(
        "stock.lot",
        string="Lot/Serial Number",
        readonly=True,
        index="btree_not_null",
    )
    quantity = fields.Float(
        string="Suspect Quantity", digits="Product Unit of Measure", readonly=True
    )
    source_location_id = fields.Many2one(
        "stock.location",
        string="Taken From",
        readonly=True,
        help="Where an untracked quantity was taken from into quarantine: "
        "where a release puts it back.",
    )
    quarantine_location_id = fields.Many2one(
        "stock.location", string="Quarantine", readonly=True
    )
    quarantine_qty = fields.Float(
        string="In Quarantine", digits="Product Unit of Measure", readonly=True
    )
    holds_stock = fields.Boolean(
        string="Held",
        readonly=True,
        index=True,
        help="Its lot, its quarantine or its running order is held.",
    )
    decision = fields.Selection(DECISIONS, readonly=True, index=True, copy=False)
    decision_user_id = fields.Many2one("res.users", string="Decided By", readonly=True)
    decision_date = fields.Datetime(string="Decided On", readonly=True)
    decision_note = fields.Text(string="Reason", readonly=True)
    reinspection_ids = fields.One2many(
        "quality.inspection", "containment_line_id", string="Re-inspections"
    )
    reinspection_state = fields.Selection(
        [("none", "None"), ("todo", "To Do"), ("pass", "Passed"), ("fail", "Failed")],
        string="Re-inspection",
        compute="_compute_reinspection_state",
    )
    rework_production_id = fields.Many2one(
        "mrp.production", string="Rework Order", readonly=True, index="btree_not_null"
    )
    scrap_ids = fields.Many2many("stock.scrap", string="Scrap Orders", readonly=True)
    location_summary = fields.Char(
        string="Where Now", compute="_compute_where_now", compute_sudo=True
    )
    delivery_ids = fields.Many2many(
        "stock.picking",
        string="Open Deliveries",
        compute="_compute_delivery_ids",
        compute_sudo=True,
        help="Open transfers that reserve this lot: they cannot be validated "
        "while it is held.",
    )

    @api.depends("reinspection_ids.state")
    def _compute_reinspection_state(self):
        for line in self:
            last = line.reinspection_ids.filtered(lambda i: i.state != "cancel")
            last = last.sorted("id")[-1:]
            line.reinspection_state = last.state or "none"

    @api.depends("lot_id", "quarantine_qty", "production_id.state")
    @api.depends_context("lang")
    def _compute_where_now(self):
        lots = self.lot_id
        quants = self.env["stock.quant"].search(
            [("lot_id", "in", lots.ids), ("quantity", ">", 0)]
        )
        by_lot = defaultdict(lambda: self.env["stock.quant"])
        for quant in quants:
            by_lot[quant.lot_id.id] |= quant
        for line in self:
            line.location_summary = line._get_where_now(by_lot[line.lot_id.id])

    # A field of its own, on the lot only: a relational field depending on
    # the order's state would make Odoo look for dependent records on every
    # write of a work order's, an order's or a move's state (63 queries more
    # to Mark as Done an order of 20 work orders).
    @api.depends("lot_id")
    def _compute_delivery_ids(self):
        reserving = self.env["stock.move.line"].search(
            [
                ("lot_id", "in", self.lot_id.ids),
                ("state", "not in", ("done", "cancel")),
                ("picking_id", "!=", False),
            ]
        )
        for line in self:
            line.delivery_ids = reserving.filtered(
                lambda ml, lot=line.lot_id: lot and ml.lot_id == lot
            ).picking_id

    def _get_where_now(self, quants):
        """Where it is now, in the reader's language."""
        self.ensure_one()
        production = self.production_id
        if production and production.state not in ("done", "cancel"):
            return self.env._("In production: %(order)s", order=production.name)
        if not self.lot_id:
            if self.quarantine_qty:
                return self.env._(
                    "%(qty)s in %(location)s",
                    qty=self.quarantine_qty,
                    location=self.quarantine_location_id.display_name,
                )
            return self.env._("No longer in stock")
        places = defaultdict(float)
        for quant in quants:
            places[quant.location_id.display_name] += quant.quantity
        if not places:
            return self.env._("No longer in stock (delivered or consumed)")
        return ", ".join(f"{name}: {qty:g}" for name, qty in sorted(places.items()))

    def _compute_display_name(self):
        for line in self:
            line.display_name = (
                line.lot_id.name
                or f"{line.product_id.display_name} ({line.production_id.name or '-'})"
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_record(self):
        raise UserError(
            self.env._(
                "The suspect lots of a containment are a quality record and are "
                "never deleted."
            )
        )

    def action_open_decision(self):
        """The decision form (release, rework or scrap, with a reason) for
        these suspect lots."""
        self._check_manager(self.env._("decide a suspect lot"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Decide"),
            "res_model": "quality.containment.decision",
            "view_mode": "form",
            "target": "new",
            "context": {"default_line_ids": self.ids},
        }

    # ------------------------------------------------------------------
    # Who decides
    # ------------------------------------------------------------------

    def _check_company_user(self, what):
        """These lines are read by the user and belong to the user's
        companies: checked with the user's rights, before the workflow
        writes as superuser."""
        if self.env.su:
            return
        self.check_access("read")
        foreign = self.sudo().filtered(
            lambda line: line.company_id not in self.env.user.company_ids
        )
        if foreign:
            raise AccessError(
                self.env._(
                    "Only the quality team of %(companies)s can %(what)s.",
                    companies=", ".join(foreign.company_id.mapped("name")),
                    what=what,
                )
            )

    def _check_manager(self, what):
        """A decision belongs to a Quality Manager of the lot's company."""
        if not is_quality_manager(self.env):
            raise AccessError(
                self.env._("Only a Quality Manager can %(what)s.", what=what)
            )
        self._check_company_user(what)

    def _check_inspector(self, what):
        if not is_quality_inspector(self.env):
            raise AccessError(
                self.env._("Only the quality team can %(what)s.", what=what)
            )
        self._check_company_user(what)

    def _check_undecided(self):
        decided = self.filtered("decision")
        if decided:
            raise UserError(
                self.env._(
                    "%(lots)s already decided: a decision stays as it was taken.",
                    lots=", ".join(decided.mapped("display_name")),
                )
            )

    def _lock(self):
        """Lock these lines' rows: of two managers deciding the same lot at
        once, the second waits, then fails to serialize and is retried by
        Odoo against the first decision."""
        if self.ids:
            self.flush_recordset()
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM quality_containment_line WHERE id IN %s FOR UPDATE",
                    tuple(self.ids),
                )
            )

# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A containment (ISO 9001 §8.7, IATF 16949 §9.1.1.1): what a failed
inspection makes suspect, held until a Quality Manager decides each suspect
lot. Opened by the failure loop (``quality_containment_open.py``: the
window, the forward trace, the hold); its suspect lots and their decisions
are ``quality.containment.line``."""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from .quality_checkpoint_containment import CONTAINMENT_POLICIES
from .quality_story import reader_env

TRIGGERS = [("failure", "Failed inspection"), ("spc_signal", "SPC signal")]

# Every field of a containment is the workflow's: set when it is opened,
# closed by the decisions on its lines.
WORKFLOW_FIELDS = frozenset(
    {
        "name",
        "trigger",
        "inspection_id",
        "nonconformance_id",
        "checkpoint_id",
        "operation_id",
        "workcenter_id",
        "production_id",
        "policy",
        "date_from",
        "date_to",
        "window_inspection_id",
        "state",
        "date_closed",
        "company_id",
        "line_ids",
    }
)


class QualityContainment(models.Model):
    _name = "quality.containment"
    _description = "Quality Containment"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "quality.protected.mixin",
        "quality.containment.open",
    ]
    _order = "id desc"
    _check_company_auto = True
    # Anyone who reads it may comment: the fields are the workflow's.
    _mail_post_access = "read"
    _quality_protected_fields = WORKFLOW_FIELDS

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    trigger = fields.Selection(TRIGGERS, required=True, readonly=True)
    inspection_id = fields.Many2one(
        "quality.inspection",
        string="Failed Inspection",
        required=True,
        readonly=True,
        index=True,
        help="The inspection that failed (or whose measures raised the SPC "
        "signal): the end of the window.",
    )
    nonconformance_id = fields.Many2one(
        "quality.nonconformance", readonly=True, index="btree_not_null"
    )
    checkpoint_id = fields.Many2one("quality.checkpoint", required=True, readonly=True)
    operation_id = fields.Many2one(
        "mrp.routing.workcenter", required=True, readonly=True
    )
    workcenter_id = fields.Many2one(
        "mrp.workcenter", string="Work Center", required=True, readonly=True
    )
    production_id = fields.Many2one(
        "mrp.production", string="Failed Order", readonly=True
    )
    policy = fields.Selection(
        CONTAINMENT_POLICIES[1:], string="Bracket", required=True, readonly=True
    )
    date_from = fields.Datetime(
        string="Suspect Since",
        required=True,
        readonly=True,
        help="The last inspection of the checkpoint that passed on this "
        "operation and work center (without one, the start of the failed "
        "work order).",
    )
    date_to = fields.Datetime(string="Suspect Until", required=True, readonly=True)
    window_inspection_id = fields.Many2one(
        "quality.inspection",
        string="Last Passed Inspection",
        readonly=True,
        help="The inspection whose pass opens the window.",
    )
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        default="open",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    date_closed = fields.Datetime(readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    line_ids = fields.One2many(
        "quality.containment.line", "containment_id", string="Suspect Lots"
    )
    line_count = fields.Integer(compute="_compute_line_counts")
    undecided_count = fields.Integer(string="To Decide", compute="_compute_line_counts")
    held_qty = fields.Float(
        string="Held Quantity",
        compute="_compute_line_counts",
        digits="Product Unit of Measure",
    )

    @api.depends("line_ids.decision", "line_ids.holds_stock", "line_ids.quantity")
    def _compute_line_counts(self):
        for containment in self:
            lines = containment.line_ids
            containment.line_count = len(lines)
            containment.undecided_count = len(
                lines.filtered(lambda line: not line.decision)
            )
            containment.held_qty = sum(lines.filtered("holds_stock").mapped("quantity"))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("quality.containment") or "/"
                )
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_record(self):
        raise UserError(
            self.env._(
                "Containments are a quality record and are never deleted: they "
                "close once every suspect lot is decided."
            )
        )

    def _compute_display_name(self):
        for containment in self:
            containment.display_name = self.env._(
                "%(name)s (%(checkpoint)s)",
                name=containment.name,
                checkpoint=containment.checkpoint_id.name,
            )

    # ------------------------------------------------------------------
    # Closing
    # ------------------------------------------------------------------

    def _close_if_decided(self):
        """Close the open containments whose suspect lots are all decided."""
        decided = self.filtered(
            lambda c: c.state == "open" and all(c.line_ids.mapped("decision"))
        )
        if not decided:
            return
        decided.sudo().write({"state": "closed", "date_closed": fields.Datetime.now()})
        for containment in decided:
            containment._log(
                reader_env(containment)._(
                    "Containment %(name)s closed: every suspect lot is decided.",
                    name=containment.name,
                )
            )

    def _reopen_for(self, lines):
        """Open again the containments of ``lines``, which wait for a new
        decision (their rework order was cancelled)."""
        closed = self.filtered(lambda c: c.state == "closed")
        closed.sudo().write({"state": "open", "date_closed": False})
        for containment in self:
            env = reader_env(containment)
            containment._log(
                env._(
                    "The rework order of %(lots)s was cancelled: they wait for a "
                    "new decision.",
                    lots=", ".join(
                        (lines & containment.line_ids)
                        .with_env(env)
                        .mapped("display_name")
                    ),
                )
            )

    def _log(self, body):
        """``body`` in the chatter of the containment and of its
        nonconformance, as superuser (the author stays the user)."""
        for containment in self.sudo():
            containment.message_post(body=body, subtype_xmlid="mail.mt_note")
            if containment.nonconformance_id:
                containment.nonconformance_id.message_post(
                    body=Markup("%s: %s") % (containment.name, body),
                    subtype_xmlid="mail.mt_note",
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_progress_sync.quality_containment_line_action"
        )
        action["domain"] = [("containment_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

STAGES = [
    ("first_article", "First Article"),
    ("patrol", "Patrol"),
    ("final", "Final"),
]
PERFORMERS = [
    ("self", "Operator (self-check)"),
    ("cross", "Next operator (cross-check)"),
    ("inspector", "Inspector"),
]
CHECK_TYPES = [
    ("pass_fail", "Pass / Fail"),
    ("measure", "Measure"),
    ("instructions", "Instructions"),
    ("photo", "Photo"),
]
FREQUENCIES = [
    ("every_order", "Every work order"),
]


class QualityCheckpoint(models.Model):
    _name = "quality.checkpoint"
    _description = "Quality Checkpoint"
    _inherit = ["mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    operation_id = fields.Many2one(
        "mrp.routing.workcenter",
        index=True,
        ondelete="cascade",
        check_company=True,
        tracking=True,
        help="Inspect the work orders of this operation.",
    )
    workcenter_id = fields.Many2one(
        "mrp.workcenter",
        string="Work Center",
        index=True,
        check_company=True,
        tracking=True,
        help="Inspect the work orders of this work center.",
    )
    product_ids = fields.Many2many(
        "product.product",
        string="Products",
        help="Leave the three product filters empty to inspect every product.",
    )
    product_tmpl_ids = fields.Many2many(
        "product.template",
        string="Product Templates",
    )
    product_category_ids = fields.Many2many(
        "product.category",
        string="Product Categories",
        help="Products of these categories and of their sub-categories.",
    )
    stage = fields.Selection(STAGES, required=True, default="final", tracking=True)
    performer = fields.Selection(
        PERFORMERS,
        required=True,
        default="self",
        tracking=True,
        help="Who performs the inspection: the operator of the work order, "
        "the operator of the next operation, or a quality inspector.",
    )
    check_type = fields.Selection(
        CHECK_TYPES,
        string="Type",
        required=True,
        default="pass_fail",
        tracking=True,
    )
    frequency = fields.Selection(
        FREQUENCIES, required=True, default="every_order", tracking=True
    )
    blocking = fields.Boolean(
        default=True,
        tracking=True,
        help="The work order cannot be finished until this inspection passes.",
    )
    sample_size = fields.Integer(
        default=1,
        tracking=True,
        help="Number of pieces measured: one value is recorded per piece.",
    )
    norm = fields.Float(digits="Quality Measure", tracking=True)
    tolerance_min = fields.Float(
        string="Min Tolerance", digits="Quality Measure", tracking=True
    )
    tolerance_max = fields.Float(
        string="Max Tolerance", digits="Quality Measure", tracking=True
    )
    uom_id = fields.Many2one("uom.uom", string="Unit of Measure")
    instructions = fields.Html(translate=True)
    failure_message = fields.Text(
        translate=True, help="Shown to the performer when the inspection fails."
    )
    inspection_ids = fields.One2many("quality.inspection", "checkpoint_id")
    inspection_count = fields.Integer(compute="_compute_inspection_count")

    def _compute_inspection_count(self):
        groups = self.env["quality.inspection"]._read_group(
            [("checkpoint_id", "in", self.ids)], ["checkpoint_id"], ["__count"]
        )
        counts = {checkpoint.id: count for checkpoint, count in groups}
        for checkpoint in self:
            checkpoint.inspection_count = counts.get(checkpoint.id, 0)

    @api.constrains("name", "operation_id", "workcenter_id")
    def _check_scope(self):
        for checkpoint in self:
            if not checkpoint.operation_id and not checkpoint.workcenter_id:
                raise ValidationError(
                    self.env._(
                        "Checkpoint %(name)s needs an operation or a work center.",
                        name=checkpoint.name,
                    )
                )

    @api.constrains("name", "sample_size")
    def _check_sample_size(self):
        for checkpoint in self:
            if checkpoint.sample_size <= 0:
                raise ValidationError(
                    self.env._(
                        "The sample size of %(name)s must be greater than zero.",
                        name=checkpoint.name,
                    )
                )

    @api.constrains("check_type", "norm", "tolerance_min", "tolerance_max")
    def _check_tolerances(self):
        for checkpoint in self.filtered(lambda c: c.check_type == "measure"):
            if checkpoint.tolerance_min > checkpoint.tolerance_max:
                raise ValidationError(
                    self.env._(
                        "The minimum tolerance (%(min)s) of %(name)s is greater "
                        "than its maximum tolerance (%(max)s).",
                        name=checkpoint.name,
                        min=checkpoint.tolerance_min,
                        max=checkpoint.tolerance_max,
                    )
                )
            if not (
                checkpoint.tolerance_min <= checkpoint.norm <= checkpoint.tolerance_max
            ):
                raise ValidationError(
                    self.env._(
                        "The norm (%(norm)s) of %(name)s must lie between its "
                        "tolerances (%(min)s to %(max)s).",
                        name=checkpoint.name,
                        norm=checkpoint.norm,
                        min=checkpoint.tolerance_min,
                        max=checkpoint.tolerance_max,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_inspected(self):
        if self.inspection_ids:
            raise ValidationError(
                self.env._(
                    "Checkpoints that already have inspections cannot be deleted: "
                    "archive them instead."
                )
            )

    def action_view_inspections(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_progress_sync.quality_inspection_action"
        )
        action["domain"] = [("checkpoint_id", "=", self.id)]
        action["context"] = {"default_checkpoint_id": self.id}
        return action

    @api.model
    def _get_workorder_domain(self, workorders):
        """Domain of the active checkpoints that may apply to ``workorders``."""
        return [
            ("company_id", "in", workorders.production_id.company_id.ids),
            "|",
            ("operation_id", "=", False),
            ("operation_id", "in", workorders.operation_id.ids),
            "|",
            ("workcenter_id", "=", False),
            ("workcenter_id", "in", workorders.workcenter_id.ids),
        ]

    def _matches_workorder(self, workorder):
        """Whether this checkpoint applies to ``workorder``."""
        self.ensure_one()
        if self.company_id != workorder.production_id.company_id:
            return False
        if self.operation_id and self.operation_id != workorder.operation_id:
            return False
        if self.workcenter_id and self.workcenter_id != workorder.workcenter_id:
            return False
        return self._matches_product(workorder.product_id)

    def _matches_product(self, product):
        self.ensure_one()
        if not (self.product_ids or self.product_tmpl_ids or self.product_category_ids):
            return True
        if product in self.product_ids or product.product_tmpl_id in (
            self.product_tmpl_ids
        ):
            return True
        category_path = product.categ_id.parent_path or ""
        return any(
            category_path.startswith(category.parent_path)
            for category in self.product_category_ids
        )

    def _prepare_inspection_vals(self, workorder):
        """Values of the inspection this checkpoint asks of ``workorder``."""
        self.ensure_one()
        return {
            "checkpoint_id": self.id,
            "workorder_id": workorder.id,
            "stage": self.stage,
            "performer": self.performer,
            "check_type": self.check_type,
            "blocking": self.blocking,
            "sample_size": self.sample_size if self.check_type == "measure" else 1,
            "norm": self.norm,
            "tolerance_min": self.tolerance_min,
            "tolerance_max": self.tolerance_max,
            "uom_id": self.uom_id.id,
        }

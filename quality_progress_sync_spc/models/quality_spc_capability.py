# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .quality_spc_query import (
    SPC_DIGITS,
    SPC_INDEX_DIGITS,
    SPC_INSPECTION_FIELDS,
    spc_summary_query,
    summary_from_row,
)

SUMMARY_COLUMNS = (
    "subgroup_count",
    "measure_count",
    "grand_mean",
    "mean_range",
    "mean_stddev",
    "mean_moving_range",
    "stddev_overall",
)


class QualitySpcCapability(models.Model):
    """Process capability of the SPC checkpoints per work center and
    product: a view over the subgroups (the query the checkpoints read their
    own capability with, per work center and product), the indices computed
    by the checkpoint (``quality.checkpoint._spc_capability``)."""

    _name = "quality.spc.capability"
    _description = "SPC Capability per Work Center and Product"
    _auto = False
    _order = "checkpoint_id, workcenter_id, product_id"
    _depends = {
        "quality.checkpoint": ["spc_enabled", "spc_subgroup_size"],
        "quality.inspection": list(SPC_INSPECTION_FIELDS),
    }

    checkpoint_id = fields.Many2one("quality.checkpoint", readonly=True)
    workcenter_id = fields.Many2one(
        "mrp.workcenter", string="Work Center", readonly=True
    )
    product_id = fields.Many2one("product.product", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    subgroup_count = fields.Integer(string="Subgroups", readonly=True)
    measure_count = fields.Integer(string="Measures", readonly=True)
    grand_mean = fields.Float(string="Mean", digits=SPC_DIGITS, readonly=True)
    mean_range = fields.Float(digits=SPC_DIGITS, readonly=True)
    mean_stddev = fields.Float(
        string="Mean Standard Deviation", digits=SPC_DIGITS, readonly=True
    )
    mean_moving_range = fields.Float(digits=SPC_DIGITS, readonly=True)
    stddev_overall = fields.Float(
        string="Sigma Overall", digits=SPC_DIGITS, readonly=True
    )
    first_date = fields.Datetime(string="First Subgroup", readonly=True)
    last_date = fields.Datetime(string="Last Subgroup", readonly=True)
    tolerance_min = fields.Float(related="checkpoint_id.tolerance_min")
    tolerance_max = fields.Float(related="checkpoint_id.tolerance_max")
    cpk_target = fields.Float(related="checkpoint_id.spc_cpk_target")
    sigma_within = fields.Float(digits=SPC_DIGITS, compute="_compute_capability")
    cp = fields.Float(digits=SPC_INDEX_DIGITS, compute="_compute_capability")
    cpk = fields.Float(digits=SPC_INDEX_DIGITS, compute="_compute_capability")
    pp = fields.Float(digits=SPC_INDEX_DIGITS, compute="_compute_capability")
    ppk = fields.Float(digits=SPC_INDEX_DIGITS, compute="_compute_capability")
    capability_known = fields.Boolean(compute="_compute_capability")
    below_target = fields.Boolean(
        string="Below Cpk Target",
        compute="_compute_capability",
        search="_search_below_target",
    )

    @api.model
    @api.readonly
    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        """The view is computed anew by every query: its rows come with the
        columns the capability is computed from and the company its access
        rule checks when they are read, or reading them would compute it
        again."""
        field_names = [*field_names, *SUMMARY_COLUMNS, "checkpoint_id", "company_id"]
        return super().search_fetch(domain, field_names, offset, limit, order)

    @property
    def _table_query(self):
        return spc_summary_query(
            SQL("c.spc_enabled"), ("workcenter_id", "product_id", "company_id")
        )

    @api.depends(*SUMMARY_COLUMNS, "checkpoint_id")
    def _compute_capability(self):
        for row in self:
            values = row.checkpoint_id._spc_capability_values(summary_from_row(row))
            del values["sigma_overall"]  # a column of the row (stddev_overall)
            row.update(values)

    def _search_below_target(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(
                self.env._("Search the capability below target with = or !=.")
            )
        below = self.search_fetch([], ["below_target"]).filtered("below_target")
        wanted = (operator == "=") == bool(value)
        return [("id", "in" if wanted else "not in", below.ids)]

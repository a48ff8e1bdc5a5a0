# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.tools import SQL, sql

from .quality_spc_query import (
    SPC_SUBGROUP_FIELDS,
    SPC_SUBGROUP_INDEX,
    subgroup_figures_update,
)


class QualityInspection(models.Model):
    _inherit = "quality.inspection"
    # Follow the measures: written by _spc_store_subgroups only.
    _quality_protected_fields = frozenset(SPC_SUBGROUP_FIELDS)

    spc_enabled = fields.Boolean(related="checkpoint_id.spc_enabled")
    spc_signal_ids = fields.One2many(
        "quality.spc.signal", "inspection_id", string="SPC Signals"
    )
    spc_signal_count = fields.Integer(
        string="Number of SPC Signals", compute="_compute_spc_signal_count"
    )
    # NUMERIC columns (digits=0), unrounded: the sums of the measures' exact
    # values, from which the overall sigma is computed without loss.
    spc_size = fields.Integer(string="Subgroup Measures", readonly=True, copy=False)
    spc_mean = fields.Float(string="Subgroup Mean", digits=0, readonly=True, copy=False)
    spc_range = fields.Float(
        string="Subgroup Range", digits=0, readonly=True, copy=False
    )
    spc_stddev = fields.Float(
        string="Subgroup Standard Deviation", digits=0, readonly=True, copy=False
    )
    spc_sum = fields.Float(string="Subgroup Sum", digits=0, readonly=True, copy=False)
    spc_sum_squares = fields.Float(
        string="Subgroup Sum of Squares", digits=0, readonly=True, copy=False
    )

    def init(self):
        res = super().init()
        # The subgroups of a checkpoint in recording order, with what the SPC
        # queries read of them: its summary (spc_summary_query: checkpoint_id
        # = ... ORDER BY date_done, id), the last subgroups of the run rules
        # and the chart (_spc_read_subgroups: the same, backwards, LIMIT n)
        # and the capability report, read from the index alone (INCLUDE),
        # whatever the history.
        if not sql.index_exists(self.env.cr, SPC_SUBGROUP_INDEX):
            self.env.cr.execute(
                SQL(
                    """
                    CREATE INDEX %s ON quality_inspection
                           (checkpoint_id, date_done, id)
                   INCLUDE (sample_size, workcenter_id, product_id, company_id,
                            %s)
                     WHERE state IN ('pass', 'fail') AND spc_size > 0
                    """,
                    SQL.identifier(SPC_SUBGROUP_INDEX),
                    SQL(", ").join(map(SQL.identifier, SPC_SUBGROUP_FIELDS)),
                )
            )
        return res

    @api.depends("spc_signal_ids")
    def _compute_spc_signal_count(self):
        groups = self.env["quality.spc.signal"]._read_group(
            [("inspection_id", "in", self._origin.ids)],
            ["inspection_id"],
            ["__count"],
        )
        counts = {inspection.id: count for inspection, count in groups}
        for inspection in self:
            inspection.spc_signal_count = counts.get(inspection._origin.id, 0)

    def _on_measures_changed(self, recorded):
        """The subgroups follow the measures; new values are checked against
        the run rules of their checkpoint."""
        res = super()._on_measures_changed(recorded)
        self._spc_store_subgroups()
        if recorded:
            for inspection in self:
                inspection.checkpoint_id._spc_evaluate(inspection)
        return res

    def _spc_store_subgroups(self):
        """Store the figures of these inspections' subgroups from their
        active measures, in one query: called where the measures are
        recorded (do_measure) or archived (_reopen): _on_measures_changed."""
        if not self:
            return
        self.env["quality.inspection.measure"].flush_model(
            ["inspection_id", "value", "active"]
        )
        self.env.cr.execute(subgroup_figures_update(SQL("i.id IN %s", tuple(self.ids))))
        self.invalidate_recordset(SPC_SUBGROUP_FIELDS)

    def action_view_spc_signals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_progress_sync_spc.quality_spc_signal_action"
        )
        action["domain"] = [("inspection_id", "=", self.id)]
        return action

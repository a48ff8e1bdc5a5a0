# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Shop Floor screen's side of the inspection: an inspection as the
work-order panel shows it, and the bus notification sent when results
change (shop_floor_notify.py)."""

from odoo import api, models

from .shop_floor_notify import INSPECTION_SHOP_FLOOR_FIELDS, notify_shop_floor

STAGE_ORDER = {"first_article": 0, "patrol": 1, "final": 2}


class QualityInspection(models.Model):
    _inherit = "quality.inspection"

    @api.model_create_multi
    def create(self, vals_list):
        inspections = super().create(vals_list)
        notify_shop_floor(self.env, inspections.workorder_id)
        return inspections

    def write(self, vals):
        res = super().write(vals)
        if INSPECTION_SHOP_FLOOR_FIELDS & vals.keys():
            notify_shop_floor(self.env, self.workorder_id)
        return res

    def _sorted_for_shop_floor(self):
        """In the order they must happen: to do before done; first articles,
        then patrols, then finals; by checkpoint sequence, then creation."""
        return self.sorted(
            lambda i: (
                i.state != "todo",
                STAGE_ORDER.get(i.stage, 9),
                i.checkpoint_id.sequence,
                i.id,
            )
        )

    def _get_shop_floor_values(self):
        """One dict per inspection for the work-order panel."""
        stages = dict(self._fields["stage"]._description_selection(self.env))
        performers = dict(self._fields["performer"]._description_selection(self.env))
        states = dict(self._fields["state"]._description_selection(self.env))
        return [
            inspection._get_shop_floor_value(stages, performers, states)
            for inspection in self
        ]

    def _get_shop_floor_value(self, stages, performers, states):
        """The panel's dict of this inspection (labels given by the caller,
        read once for all)."""
        inspection = self
        waiting = inspection.state == "todo" and inspection._get_waiting_error()
        return {
            "id": inspection.id,
            "name": inspection.name,
            "title": inspection.checkpoint_id.name,
            "stage": inspection.stage,
            "stage_label": stages.get(inspection.stage, ""),
            "performer": inspection.performer,
            "performer_label": performers.get(inspection.performer, ""),
            "check_type": inspection.check_type,
            "state": inspection.state,
            "state_label": states.get(inspection.state, ""),
            "blocking": inspection.blocking,
            "gate_blocking": inspection.gate_blocking,
            "can_record": inspection.can_record,
            "waiting": waiting or "",
            "sampled": bool(inspection.sampling_plan_id),
            "sample_size": inspection.sample_size,
            "norm": inspection.norm,
            "tolerance_min": inspection.tolerance_min,
            "tolerance_max": inspection.tolerance_max,
            "uom": inspection.uom_id.name or "",
            "instructions": inspection.instructions or "",
            "has_picture": bool(inspection.picture),
            "failure_reason": inspection.failure_reason or "",
            "disposition": inspection.disposition or "",
            "user": inspection.user_id.name or "",
            "measures": inspection.measure_ids.sorted("sample_no").mapped("value"),
        }

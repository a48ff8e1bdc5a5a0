# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Where a rework work order goes in the order and what it is, split by
concern from mrp_workorder.py (the loop itself is the nonconformance's)."""

from odoo import Command, models


class MrpWorkorderRework(models.AbstractModel):
    """Inherited by ``mrp.workorder`` (models/mrp_workorder.py): where
    the rework work order the nonconformance creates goes
    (:meth:`_make_room_after`) and what it is
    (:meth:`_prepare_rework_workorder_vals`)."""

    _name = "mrp.workorder.rework"
    _description = "Work Order Rework"

    def _get_next_workorders(self):
        """The work orders of the next operations: a rework work order
        inserted after these is passed through to the ones after it."""
        following = self.needed_by_workorder_ids.filtered(
            lambda wo: wo.state != "cancel"
        )
        reworks = following.filtered("rework_of_id")
        if reworks:
            following = (following - reworks) | reworks._get_next_workorders()
        return following

    def _make_room_after(self):
        """Renumber the work orders of the order by tens, keeping their order,
        and return a free sequence right after this one: Odoo links work
        orders in sequence order, so the rework must sit between this one and
        the next."""
        self.ensure_one()
        ordered = self.production_id.workorder_ids.sorted(
            lambda wo: (wo.sequence, wo.id)
        )
        room = 0
        for index, workorder in enumerate(ordered, start=1):
            if workorder.sequence != index * 10:
                workorder.sudo().sequence = index * 10
            if workorder == self:
                room = index * 10 + 5
        return room

    def _prepare_rework_workorder_vals(self, inspection):
        self.ensure_one()
        checkpoint = inspection.checkpoint_id
        workcenter = checkpoint.rework_workcenter_id or self.workcenter_id
        reworked = self._get_reworked_workorders()[-1:] or self
        return {
            # Language-neutral: the operation as typed and the failed
            # inspection; "Rework" is added in the reader's language by
            # ``_compute_display_name``.
            "name": f"{reworked.name} ({inspection.name})",
            "production_id": self.production_id.id,
            "workcenter_id": workcenter.id,
            "product_uom_id": self.product_uom_id.id,
            "duration_expected": checkpoint.rework_duration or self.duration_expected,
            "blocked_by_workorder_ids": [Command.link(self.id)],
            "rework_of_id": self.id,
            "rework_nonconformance_id": inspection.nonconformance_id.id,
            # Its inspection is the re-inspection, created with it: it went
            # through what confirmation does for the others (a checkpoint of
            # its work center would otherwise refuse its Done forever).
            "quality_confirmed": True,
        }

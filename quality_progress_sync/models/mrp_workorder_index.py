# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The indexes of the work orders that the add-on's screens, KPIs and crons
read through: a plant keeps years of done work orders, and these read the
few open ones, or the last days' done ones, whatever the history."""

from odoo import models
from odoo.tools import sql

# The states of a work order not finished: named, not excluded, in the
# domains that should use the index on them (``state not in (...)`` also
# matches an empty state, ``OR state IS NULL``, which no index serves).
OPEN_STATES = ("pending", "waiting", "ready", "progress")


class MrpWorkorderIndex(models.AbstractModel):
    """Inherited by ``mrp.workorder`` (models/mrp_workorder.py), whose
    ``init`` creates them (:meth:`_create_quality_indexes`)."""

    _name = "mrp.workorder.index"
    _description = "Work Order Indexes"

    def _create_quality_indexes(self):
        """Called by ``mrp.workorder.init`` (its table's, not this
        abstract model's)."""
        # The open work orders of a work center: the Progress & Quality
        # kanban's columns ("Not Done": state IN OPEN_STATES AND
        # workcenter_id = ...), the late ones (is_late: state IN OPEN_STATES
        # AND date_finished < now; the KPIs, the late-patrol cron) and the
        # open part of the first-pass yield (mrp.workcenter._get_quality_kpis).
        sql.create_index(
            self.env.cr,
            "mrp_workorder_open_index",
            self._table,
            ["workcenter_id", "date_finished"],
            where="state IN ('pending', 'waiting', 'ready', 'progress')",
        )
        # The work orders a work center finished since a date: the on-time
        # rate and the done part of the first-pass yield over the KPIs'
        # window (state = 'done' AND date_finished >= since).
        sql.create_index(
            self.env.cr,
            "mrp_workorder_done_index",
            self._table,
            ["workcenter_id", "date_finished"],
            where="state = 'done'",
        )

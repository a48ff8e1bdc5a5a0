# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Work orders remember their operators from now on: fill them in from the
time logs recorded before this version."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        INSERT INTO quality_workorder_operator_rel (workorder_id, user_id)
        SELECT DISTINCT workorder_id, user_id
          FROM mrp_workcenter_productivity
         WHERE workorder_id IS NOT NULL AND user_id IS NOT NULL
        ON CONFLICT DO NOTHING
        """
    )

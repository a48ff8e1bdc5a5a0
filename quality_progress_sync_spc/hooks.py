# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tools import SQL

from .models.quality_spc_query import subgroup_figures_update


def post_init_hook(env):
    """Store the figures of the subgroups measured before the module was
    installed (the inspections with measures), in one statement."""
    env.cr.execute(
        subgroup_figures_update(
            SQL(
                "i.id IN (SELECT DISTINCT inspection_id"
                " FROM quality_inspection_measure)"
            )
        )
    )
    env["quality.inspection"].invalidate_model()

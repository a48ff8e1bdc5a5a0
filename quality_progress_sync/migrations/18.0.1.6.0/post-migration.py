# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A first article's measure takes one value per sample unit its checkpoint
asks for (the points of its one piece), no longer a single value: the SPC
subgroup of a first-article checkpoint is its sample size too."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    checkpoints = (
        env["quality.checkpoint"]
        .with_context(active_test=False)
        .search([("stage", "=", "first_article")])
    )
    checkpoints._compute_spc_subgroup_size()
    checkpoints.flush_recordset()

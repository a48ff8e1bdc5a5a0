# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sampling plans and table cells now belong to a standard. Until this
version the only tables were those of ANSI/ASQ Z1.4 (= MIL-STD-105E): the
existing plans and cells are Z1.4's, so the plans keep their results. New
plans default to ISO 2859-1:1999."""

from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column


def migrate(cr, version):
    if not version:
        return
    for table in ("quality_sampling_plan", "quality_sampling_table_cell"):
        if not column_exists(cr, table, "standard"):
            create_column(cr, table, "standard", "varchar")
        cr.execute(
            SQL(
                "UPDATE %s SET standard = 'ansi_z14' WHERE standard IS NULL",
                SQL.identifier(table),
            )
        )

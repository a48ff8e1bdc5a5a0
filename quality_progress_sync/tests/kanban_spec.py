# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Field specs of a work-order kanban read (``web_search_read``), shared by
the query-budget tests and bench/bench.py (which loads this file by path:
keep it free of imports)."""

M2O = {"fields": {"display_name": {}}}
# The fields of Odoo's work-order kanban (mrp.workcenter_line_kanban) ...
ODOO_KANBAN_SPEC = {
    "workcenter_id": M2O,
    "product_uom_id": M2O,
    "working_user_ids": M2O,
    "working_state": {},
    "date_start": {},
    "production_date": {},
    "production_id": M2O,
    "name": {},
    "state": {},
    "product_id": M2O,
    "qty_production": {},
    "finished_lot_id": M2O,
    "last_working_user_id": M2O,
}
# ... and the quality fields a progress-quality kanban adds.
QUALITY_KANBAN_SPEC = dict(
    ODOO_KANBAN_SPEC,
    inspection_state={},
    inspection_todo_count={},
    inspection_pass_count={},
    inspection_fail_count={},
    quality_blocked={},
    blocking_reason={},
)

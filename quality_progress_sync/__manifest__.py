# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Quality Progress Sync",
    "summary": "Bind first-article, patrol and final inspections to work orders "
    "and refuse Done until they pass",
    "version": "18.0.1.2.0",
    "category": "Manufacturing/Quality",
    "website": "https://github.com/quality-progress-sync/quality_progress_sync",
    "author": "quality_progress_sync contributors",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["mrp", "mail", "barcodes"],
    "data": [
        "security/quality_progress_sync_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "data/quality_nonconformance_data.xml",
        "data/quality.sampling.code.letter.csv",
        "data/quality.sampling.lot.band.csv",
        "data/quality.sampling.table.cell.csv",
        "wizards/quality_inspection_reopen_views.xml",
        "wizards/quality_inspection_measure_wizard_views.xml",
        "wizards/quality_inspection_disposition_views.xml",
        "wizards/quality_inspection_fail_views.xml",
        "wizards/quality_progress_report_wizard_views.xml",
        "views/quality_checkpoint_views.xml",
        "views/quality_inspection_views.xml",
        "views/mrp_routing_workcenter_views.xml",
        "views/mrp_workorder_views.xml",
        "views/mrp_production_views.xml",
        "views/quality_nonconformance_views.xml",
        "views/mrp_workcenter_views.xml",
        "views/res_config_settings_views.xml",
        "views/quality_sampling_plan_views.xml",
        "views/quality_progress_sync_menus.xml",
        "views/shop_floor_views.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "quality_progress_sync/static/src/css/progress_quality_kanban.css",
            "quality_progress_sync/static/src/shop_floor/*",
        ],
        # Odoo loads its graph views on demand: the inspections' graph with them.
        "web.assets_backend_lazy": [
            "quality_progress_sync/static/src/views/quality_inspection_graph.js",
        ],
        "web.assets_tests": [
            "quality_progress_sync/static/src/tours/progress_quality_tour.js",
            "quality_progress_sync/static/src/tours/quality_fail_tour.js",
            "quality_progress_sync/static/src/tours/shop_floor_tour.js",
        ],
    },
    "demo": [
        "demo/quality_progress_sync_demo.xml",
    ],
}

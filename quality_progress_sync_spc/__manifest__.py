# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Quality Progress Sync - SPC",
    "summary": "Control charts, run rules and process capability on measures",
    "version": "18.0.1.0.0",
    "category": "Manufacturing/Quality",
    "website": "https://github.com/quality-progress-sync/quality_progress_sync",
    "author": "quality_progress_sync contributors",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "auto_install": True,
    "depends": ["quality_progress_sync"],
    "data": [
        "security/quality_spc_security.xml",
        "security/ir.model.access.csv",
        "wizards/quality_spc_limits_wizard_views.xml",
        "views/quality_checkpoint_spc_views.xml",
        "views/quality_checkpoint_containment_spc_views.xml",
        "views/quality_spc_signal_views.xml",
        "views/quality_inspection_spc_views.xml",
        "views/mrp_workcenter_spc_views.xml",
        "views/quality_spc_capability_views.xml",
        "views/quality_spc_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "quality_progress_sync_spc/static/src/spc_chart/**/*",
        ],
        "web.assets_tests": [
            "quality_progress_sync_spc/static/src/tours/spc_chart_tour.js",
        ],
    },
    "demo": [
        "demo/quality_spc_demo.xml",
    ],
    "post_init_hook": "post_init_hook",
}

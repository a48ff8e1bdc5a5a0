# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Quality Progress Sync - Shop Floor",
    "summary": "The touch screen at the machine: work orders and their inspections",
    "version": "18.0.1.0.0",
    "category": "Manufacturing/Quality",
    "website": "https://github.com/quality-progress-sync/quality_progress_sync",
    "author": "quality_progress_sync contributors",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    # With the core (barcodes then comes along): True would wait for all
    # the dependencies, and the core no longer installs barcodes.
    "auto_install": ["quality_progress_sync"],
    "depends": ["quality_progress_sync", "barcodes", "bus"],
    "data": [
        "views/shop_floor_views.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "quality_progress_sync_shop_floor/static/src/shop_floor/*",
        ],
        "web.assets_unit_tests": [
            "quality_progress_sync_shop_floor/static/tests/**/*.test.js",
        ],
        "web.assets_tests": [
            "quality_progress_sync_shop_floor/static/tests/tours/**/*",
        ],
    },
}

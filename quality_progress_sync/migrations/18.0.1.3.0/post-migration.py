# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An inspection keeps the lot it judged from now on (it followed its order's
current lot before): fill it in for the done inspections from their order's
current lot, the best record left of it."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE quality_inspection inspection
           SET lot_id = production.lot_producing_id
          FROM mrp_production production
         WHERE inspection.production_id = production.id
           AND inspection.state IN ('pass', 'fail')
           AND inspection.lot_id IS NULL
           AND production.lot_producing_id IS NOT NULL
        """
    )

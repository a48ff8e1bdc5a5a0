# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.addons.quality_progress_sync.tests.common import QualityProgressCase

from .spc_published import PISTONRINGS_TOLERANCES


class SpcCase(QualityProgressCase):
    """Builders of the SPC tests: a measure checkpoint on the cutting with
    statistical process control, subgroups recorded through ``do_measure``
    on orders of their own."""

    @classmethod
    def _create_spc_checkpoint(cls, **vals):
        lower, upper = PISTONRINGS_TOLERANCES
        defaults = {
            "name": "Ring diameter",
            "operation_id": cls.op_cut.id,
            "stage": "patrol",
            "performer": "inspector",
            "check_type": "measure",
            "norm": 74.0,
            "tolerance_min": lower,
            "tolerance_max": upper,
            "sample_size": 5,
            "on_failure": "alert",
            "responsible_id": cls.manager.id,
            "spc_enabled": True,
        }
        return cls._create_checkpoint(**dict(defaults, **vals))

    @classmethod
    def _create_productions(cls, count, bom=None):
        """``count`` confirmed orders of one piece of ``bom``'s product."""
        bom = bom or cls.bom
        product = bom.product_tmpl_id.product_variant_id
        productions = cls.env["mrp.production"].create(
            [
                {
                    "product_id": product.id,
                    "product_uom_id": product.uom_id.id,
                    "product_qty": 1.0,
                    "bom_id": bom.id,
                }
                for __ in range(count)
            ]
        )
        productions.action_confirm()
        return productions

    @classmethod
    def _record_subgroups(cls, checkpoint, subgroups, user=None, bom=None):
        """Record ``subgroups`` (lists of values) in this order, one new order
        each, as ``user`` (the inspector); their inspections."""
        productions = cls._create_productions(len(subgroups), bom=bom)
        inspections = productions.inspection_ids.filtered(
            lambda i: i.checkpoint_id == checkpoint
        ).sorted("id")
        for inspection, values in zip(inspections, subgroups, strict=True):
            inspection.with_user(user or cls.inspector).do_measure(list(values))
        return inspections

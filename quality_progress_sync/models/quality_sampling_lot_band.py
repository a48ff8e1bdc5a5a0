# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models

# Smallest lot size of Table 1: smaller lots use the first band.
FIRST_LOT_SIZE = 2
# Inspection level (quality.sampling.plan.inspection_level) -> column of Table 1.
LEVEL_FIELDS = {
    "S-1": "code_s1_id",
    "S-2": "code_s2_id",
    "S-3": "code_s3_id",
    "S-4": "code_s4_id",
    "I": "code_i_id",
    "II": "code_ii_id",
    "III": "code_iii_id",
}


class QualitySamplingLotBand(models.Model):
    """A row of Table 1: lot size band -> sample size code letters.

    The fifteen records ship as data (``data/quality.sampling.lot.band.csv``);
    ISO 2859-1 Table 1 and ANSI/ASQ Z1.4 Table I are the same table.
    """

    _name = "quality.sampling.lot.band"
    _description = "Lot Size Band (Sample Size Code Letters)"
    _order = "lot_min"

    name = fields.Char(compute="_compute_name")
    sequence = fields.Integer(default=10)
    lot_min = fields.Integer(string="From", required=True)
    lot_max = fields.Integer(string="To", help="Zero for the last band (and over).")
    code_s1_id = fields.Many2one(
        "quality.sampling.code.letter", string="S-1", required=True
    )
    code_s2_id = fields.Many2one(
        "quality.sampling.code.letter", string="S-2", required=True
    )
    code_s3_id = fields.Many2one(
        "quality.sampling.code.letter", string="S-3", required=True
    )
    code_s4_id = fields.Many2one(
        "quality.sampling.code.letter", string="S-4", required=True
    )
    code_i_id = fields.Many2one(
        "quality.sampling.code.letter", string="I", required=True
    )
    code_ii_id = fields.Many2one(
        "quality.sampling.code.letter", string="II", required=True
    )
    code_iii_id = fields.Many2one(
        "quality.sampling.code.letter", string="III", required=True
    )

    _sql_constraints = [
        (
            "lot_min_uniq",
            "unique(lot_min)",
            "Two lot size bands start at the same size.",
        ),
    ]

    @api.depends("lot_min", "lot_max")
    def _compute_name(self):
        for band in self:
            if band.lot_max:
                band.name = f"{band.lot_min} - {band.lot_max}"
            else:
                band.name = self.env._("%(lot_min)s and over", lot_min=band.lot_min)

    @api.model
    def _get_code_letter(self, lot_size, inspection_level):
        """Code letter of Table 1 for a lot of ``lot_size`` units.

        ``lot_size`` is a positive integer (see
        ``quality.sampling.plan._check_lot_size``); a lot of one unit uses the
        first band, as Table 1 starts at two units.
        """
        band = self.search(
            [("lot_min", "<=", max(lot_size, FIRST_LOT_SIZE))],
            order="lot_min desc",
            limit=1,
        )
        return band[LEVEL_FIELDS[inspection_level]]

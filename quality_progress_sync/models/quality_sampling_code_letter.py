# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class QualitySamplingCodeLetter(models.Model):
    """A sample size code letter of ISO 2859-1 and ANSI/ASQ Z1.4.

    The records ship as data (``data/quality.sampling.code.letter.csv``):
    letters A to R, plus S that only the tightened master table uses. Both
    standards give each letter the same sample sizes.
    """

    _name = "quality.sampling.code.letter"
    _description = "Sample Size Code Letter"
    _order = "sequence, id"

    name = fields.Char(string="Code Letter", required=True)
    sequence = fields.Integer(default=10)
    sample_size = fields.Integer(
        required=True,
        help="Sample size of this letter under normal and tightened inspection "
        "(Tables 2-A and 2-B).",
    )
    reduced_sample_size = fields.Integer(
        help="Sample size of this letter under reduced inspection (Table 2-C); "
        "zero when the reduced table has no such row.",
    )

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A code letter can only be defined once."),
    ]

    def _get_sample_size(self, severity):
        """Sample size of this letter under ``severity`` inspection."""
        self.ensure_one()
        if severity == "reduced":
            return self.reduced_sample_size
        return self.sample_size

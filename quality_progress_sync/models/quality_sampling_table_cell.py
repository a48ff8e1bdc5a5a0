# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .quality_sampling_plan import AQLS, SEVERITIES, STANDARDS

CELL_KINDS = [
    ("plan", "Sampling plan"),
    ("down", "Use the first sampling plan below the arrow"),
    ("up", "Use the first sampling plan above the arrow"),
]
ARROW_STEPS = {"down": 1, "up": -1}


class QualitySamplingTableCell(models.Model):
    """A cell of the single sampling master tables of a standard.

    The normal, tightened and reduced tables of each standard ship as data
    (``data/quality.sampling.table.cell.csv``), arrows included: a cell is
    either a plan (Ac, Re) or an arrow to the first plan below or above it in
    the same AQL column, whose code letter (and sample size) is then used.

    - ``iso2859_1``: ISO 2859-1:1999 Tables 2-A, 2-B and 2-C (GB/T
      2828.1-2012 prints the same tables), transcribed from GB/T 2828.1-2012
      and checked against the tests' fixture, typed from other transcriptions
      (``tests/iso2859_1_tables.py``).
    - ``ansi_z14``: ANSI/ASQ Z1.4 Tables II-A, II-B and II-C (those of
      MIL-STD-105E), checked against ``tests/ansi_z14_tables.py``.
    """

    _name = "quality.sampling.table.cell"
    _description = "Sampling Master Table Cell"
    _order = "standard, severity, code_letter_id, id"

    standard = fields.Selection(STANDARDS, required=True, index=True)
    severity = fields.Selection(SEVERITIES, required=True, index=True)
    code_letter_id = fields.Many2one(
        "quality.sampling.code.letter", required=True, ondelete="cascade"
    )
    aql = fields.Selection(AQLS, string="AQL", required=True, index=True)
    kind = fields.Selection(CELL_KINDS, required=True, default="plan")
    accept_number = fields.Integer(string="Ac", help="Acceptance number.")
    reject_number = fields.Integer(string="Re", help="Rejection number.")

    _sql_constraints = [
        (
            "cell_uniq",
            "unique(standard, severity, code_letter_id, aql)",
            "A master table has one cell per code letter and AQL.",
        ),
    ]

    @api.depends(
        "standard",
        "severity",
        "code_letter_id",
        "aql",
        "kind",
        "accept_number",
        "reject_number",
    )
    def _compute_display_name(self):
        for cell in self:
            content = (
                f"{cell.accept_number}/{cell.reject_number}"
                if cell.kind == "plan"
                else {"down": "↓", "up": "↑"}.get(cell.kind, "")
            )
            cell.display_name = (
                f"{cell.standard} {cell.severity} {cell.code_letter_id.name} "
                f"{cell.aql}: {content}"
            )

    @api.constrains("kind", "accept_number", "reject_number")
    def _check_numbers(self):
        for cell in self.filtered(lambda c: c.kind == "plan"):
            if not 0 <= cell.accept_number < cell.reject_number:
                raise ValidationError(
                    self.env._(
                        "The acceptance number (%(accept)s) must be at least zero "
                        "and smaller than the rejection number (%(reject)s).",
                        accept=cell.accept_number,
                        reject=cell.reject_number,
                    )
                )

    @api.model
    def _get_cell(self, standard, severity, code_letter, aql):
        """The cell of ``code_letter`` (a record or a name) in the ``aql``
        column of a table, as printed (a plan or an arrow); may be empty."""
        letter = (
            [("code_letter_id.name", "=", code_letter)]
            if isinstance(code_letter, str)
            else [("code_letter_id", "=", code_letter.id)]
        )
        return self.search(
            [*self._get_column_domain(standard, severity, aql), *letter], limit=1
        )

    @api.model
    def _get_column_domain(self, standard, severity, aql):
        return [
            ("standard", "=", standard),
            ("severity", "=", severity),
            ("aql", "=", aql),
        ]

    @api.model
    def _get_plan_cell(self, standard, severity, code_letter, aql):
        """The plan cell for ``code_letter`` in the ``aql`` column of a table
        of ``standard``.

        Arrows are followed as both standards say: "use the first sampling
        plan below (above) the arrow", in the same column; the plan found
        brings its own code letter and sample size.
        """
        column = self.search(self._get_column_domain(standard, severity, aql)).sorted(
            lambda cell: (cell.code_letter_id.sequence, cell.code_letter_id.id)
        )
        index = next(
            (i for i, cell in enumerate(column) if cell.code_letter_id == code_letter),
            None,
        )
        if index is None:
            raise UserError(
                self.env._(
                    "The %(severity)s master table has no cell for code letter "
                    "%(letter)s and AQL %(aql)s.",
                    severity=severity,
                    letter=code_letter.name,
                    aql=aql,
                )
            )
        step = ARROW_STEPS.get(column[index].kind, 0)
        while column[index].kind != "plan":
            index += step
            if not 0 <= index < len(column):
                raise UserError(
                    self.env._(
                        "The arrow of the %(severity)s master table for code letter "
                        "%(letter)s and AQL %(aql)s leads to no sampling plan.",
                        severity=severity,
                        letter=code_letter.name,
                        aql=aql,
                    )
                )
        return column[index]

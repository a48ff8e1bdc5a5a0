# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The cost of poor quality: one row per cost of a nonconformance, read by
the Quality report, the nonconformance's form and the work centers' KPIs
(``mrp.workcenter._add_copq_kpis``). Its SQL is the one definition:

- scrap: a scrap order of the nonconformance (from its creation, the
  disposition), its quantity in the product's unit at the product's cost
  (``standard_price`` in the scrap's company, Odoo's default cost when the
  product has none there), dated by its validation, else its creation;
- rework: a done rework work order of the nonconformance, its real duration
  at the cost per hour Odoo stored on it when it was done (the work
  center's ``costs_hour`` then, for the whole duration, even when the cost
  changed while it ran: a later change of the work center's cost leaves it
  as it was; Odoo's fallback, the work center's current cost, when it
  stored none or 0), plus its consumed components at their cost, dated by
  its end. The re-inspection is recorded on the rework work order: its
  time is in that duration, an inspection records none of its own;
- concession: a failed inspection of the nonconformance used as is
  (counted, no amount), dated by the decision.

Each row belongs to its nonconformance's work center (where the failure
was found, whichever work center reworked it), product and company, in the
company's currency."""

from odoo import api, fields, models
from odoo.tools import SQL, drop_view_if_exists

COST_TYPES = [
    ("scrap", "Scrap"),
    ("rework", "Rework"),
    ("concession", "Concession"),
]


def _cost_sql(product, company):
    """The cost of one unit of ``product`` in ``company`` (SQL columns):
    Odoo's company-dependent ``standard_price``, else the default of that
    company, else the global default, else 0."""
    return SQL(
        """COALESCE(
            (%(product)s.standard_price ->> %(company)s::text)::numeric,
            (SELECT d.value FROM cost_default d WHERE d.company_id = %(company)s),
            (SELECT d.value FROM cost_default d WHERE d.company_id IS NULL),
            0)""",
        product=product,
        company=company,
    )


class QualityCostReport(models.Model):
    _name = "quality.cost.report"
    _description = "Cost of Poor Quality"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "nonconformance_id"
    _depends = {
        "quality.nonconformance": [
            "workorder_id",
            "production_id",
            "workcenter_id",
            "product_id",
            "company_id",
        ],
        "stock.scrap": [
            "quality_nonconformance_id",
            "scrap_qty",
            "product_uom_id",
            "product_id",
            "company_id",
            "date_done",
        ],
        "mrp.workorder": [
            "rework_nonconformance_id",
            "state",
            "date_finished",
            "duration",
            "costs_hour",
            "workcenter_id",
        ],
        "stock.move": ["workorder_id", "state", "product_qty", "product_id"],
        "quality.inspection": ["nonconformance_id", "state", "disposition"],
        "product.product": ["standard_price"],
        "mrp.workcenter": ["costs_hour"],
    }

    date = fields.Datetime(readonly=True)
    cost_type = fields.Selection(COST_TYPES, string="Cost", readonly=True)
    nonconformance_id = fields.Many2one("quality.nonconformance", readonly=True)
    workorder_id = fields.Many2one(
        "mrp.workorder",
        string="Failed Work Order",
        readonly=True,
        help="The work order whose failure opened the nonconformance.",
    )
    production_id = fields.Many2one(
        "mrp.production", string="Manufacturing Order", readonly=True
    )
    workcenter_id = fields.Many2one(
        "mrp.workcenter",
        string="Work Center",
        readonly=True,
        help="Where the failure was found (its rework may run elsewhere).",
    )
    product_id = fields.Many2one("product.product", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    scrap_id = fields.Many2one("stock.scrap", string="Scrap Order", readonly=True)
    rework_workorder_id = fields.Many2one(
        "mrp.workorder", string="Rework Work Order", readonly=True
    )
    inspection_id = fields.Many2one(
        "quality.inspection", string="Inspection Used As Is", readonly=True
    )
    scrap_qty = fields.Float(
        string="Scrapped Quantity",
        digits="Product Unit of Measure",
        readonly=True,
        help="In the product's unit of measure.",
    )
    rework_hours = fields.Float(
        string="Rework Time (Hours)",
        readonly=True,
        help="Real duration of the done rework work orders.",
    )
    scrap_cost = fields.Monetary(
        readonly=True, help="Scrapped quantity at the product's cost."
    )
    rework_cost = fields.Monetary(
        readonly=True,
        help="Real duration of the rework work orders at the cost per hour "
        "stored on them when they were done.",
    )
    component_cost = fields.Monetary(
        string="Rework Components Cost",
        readonly=True,
        help="Components consumed by the rework work orders, at their cost.",
    )
    total_cost = fields.Monetary(
        string="Cost of Poor Quality",
        readonly=True,
        help="Scrap, rework time and rework components.",
    )
    concession_count = fields.Integer(
        string="Concessions",
        readonly=True,
        help="Failed inspections used as is.",
    )

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._get_view_query(),
            )
        )

    @api.model
    def _get_workorder_domain(self, workorder_domain):
        """The rows of the nonconformances of the work orders of
        ``workorder_domain``, as a domain on ``nonconformance_id`` with the
        ids listed: PostgreSQL pushes a list of ids into the view's three
        branches (each read through its index), not a subquery, with which
        the whole view is computed first (127 ms at 200,000 work orders,
        ``bench/run --scale L``). The ids are those of the work orders'
        nonconformances whoever may read them; the report's record rules
        still apply to its rows."""
        nonconformances = (
            self.env["quality.nonconformance"]
            .sudo()
            .search([("workorder_id", "any", workorder_domain)])
        )
        return [("nonconformance_id", "in", nonconformances.ids)]

    def _get_view_query(self):
        """The rows (see the module's docstring): scraps, done rework work
        orders, concessions; ids unique across the three (row kind in the
        two low bits of the source's id)."""
        return SQL(
            """
            WITH cost_default AS (
                SELECT d.company_id, NULLIF(d.json_value, 'null')::numeric AS value
                  FROM ir_default d
                  JOIN ir_model_fields f ON f.id = d.field_id
                 WHERE f.model = 'product.product' AND f.name = 'standard_price'
                   AND d.user_id IS NULL AND d.condition IS NULL
            )
            SELECT r.id, r.date, r.cost_type, r.nonconformance_id,
                   nc.workorder_id, nc.production_id, nc.workcenter_id,
                   COALESCE(nc.product_id, r.source_product_id) AS product_id,
                   nc.company_id, company.currency_id,
                   r.scrap_id, r.rework_workorder_id, r.inspection_id,
                   r.scrap_qty::float8 AS scrap_qty,
                   r.rework_hours::float8 AS rework_hours,
                   r.scrap_cost::float8 AS scrap_cost,
                   r.rework_cost::float8 AS rework_cost,
                   r.component_cost::float8 AS component_cost,
                   (r.scrap_cost + r.rework_cost + r.component_cost)::float8
                       AS total_cost,
                   r.concession_count
              FROM (%(scraps)s UNION ALL %(reworks)s UNION ALL %(concessions)s) r
              JOIN quality_nonconformance nc ON nc.id = r.nonconformance_id
              JOIN res_company company ON company.id = nc.company_id
            """,
            scraps=self._get_scrap_query(),
            reworks=self._get_rework_query(),
            concessions=self._get_concession_query(),
        )

    def _get_scrap_query(self):
        return SQL(
            """
            SELECT s.id::bigint * 4 + 1 AS id,
                   COALESCE(s.date_done, s.create_date) AS date,
                   'scrap' AS cost_type,
                   s.quality_nonconformance_id AS nonconformance_id,
                   s.product_id AS source_product_id, s.id AS scrap_id,
                   NULL::integer AS rework_workorder_id, NULL::integer AS inspection_id,
                   qty.value AS scrap_qty, 0::numeric AS rework_hours,
                   qty.value * %(cost)s AS scrap_cost,
                   0.0 AS rework_cost, 0.0 AS component_cost, 0 AS concession_count
              FROM stock_scrap s
              JOIN product_product pp ON pp.id = s.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              JOIN uom_uom scrap_uom ON scrap_uom.id = s.product_uom_id
              JOIN uom_uom product_uom ON product_uom.id = pt.uom_id
             CROSS JOIN LATERAL (
                SELECT (s.scrap_qty / scrap_uom.factor * product_uom.factor)::numeric
                       AS value
             ) qty
             WHERE s.quality_nonconformance_id IS NOT NULL
            """,
            cost=_cost_sql(SQL("pp"), SQL("s.company_id")),
        )

    def _get_rework_query(self):
        return SQL(
            """
            SELECT w.id::bigint * 4 + 2, w.date_finished, 'rework',
                   w.rework_nonconformance_id,
                   NULL::integer, NULL::integer, w.id, NULL::integer,
                   0.0, hours.value, 0.0,
                   hours.value * COALESCE(NULLIF(w.costs_hour, 0), wc.costs_hour, 0),
                   COALESCE(components.cost, 0), 0
              FROM mrp_workorder w
              JOIN mrp_workcenter wc ON wc.id = w.workcenter_id
             CROSS JOIN LATERAL (
                SELECT (COALESCE(w.duration, 0) / 60.0)::numeric AS value
             ) hours
              LEFT JOIN LATERAL (
                SELECT SUM(m.product_qty * %(cost)s) AS cost
                  FROM stock_move m
                  JOIN product_product pp ON pp.id = m.product_id
                 WHERE m.workorder_id = w.id AND m.state = 'done'
                   AND m.raw_material_production_id IS NOT NULL
             ) components ON TRUE
             WHERE w.rework_nonconformance_id IS NOT NULL AND w.state = 'done'
            """,
            cost=_cost_sql(SQL("pp"), SQL("m.company_id")),
        )

    def _get_concession_query(self):
        return SQL(
            """
            SELECT i.id::bigint * 4 + 3, i.disposition_date, 'concession',
                   i.nonconformance_id,
                   NULL::integer, NULL::integer, NULL::integer, i.id,
                   0.0, 0.0, 0.0, 0.0, 0.0, 1
              FROM quality_inspection i
             WHERE i.nonconformance_id IS NOT NULL AND i.state = 'fail'
               AND i.disposition = 'concession'
            """
        )

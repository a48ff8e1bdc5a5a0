# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.6.0, each step a function:

- produced is what was produced: 0 when a work order starts, what its
  operator reports while it runs (``quality_qty_reported``, new: nothing
  reported yet on the running work orders), the done quantity once done
  (``quality_qty_produced``); the progress follows from it. The running work
  orders showed the whole quantity from their start: their progress is
  computed again, as are those of the done ones (100% whatever they made);
- a first article's measure takes one value per sample unit its checkpoint
  asks for (the points of its one piece), no longer a single value: the SPC
  subgroup of a first-article checkpoint is its sample size too;
- the SPC queries read the figures of each subgroup stored on its
  inspection (n, mean, range, standard deviation, sum and sum of squares of
  its active measures) instead of aggregating every measure: they are filled
  for the inspections measured before, in one statement, with the aggregates
  the queries computed until now (on the measures' exact NUMERIC values).
  The index of the subgroups (quality_inspection_spc_subgroup_index)
  replaces the index of their history."""

from odoo.tools import sql


def _reset_produced(cr):
    cr.execute(
        "UPDATE mrp_workorder SET quality_qty_reported = 0"
        " WHERE quality_qty_reported IS NULL"
    )
    cr.execute(
        """
        UPDATE mrp_workorder
           SET quality_qty_produced = CASE
                   WHEN state = 'done' THEN COALESCE(qty_produced, 0)
                   WHEN state = 'progress' THEN COALESCE(quality_qty_reported, 0)
                   ELSE 0
               END
        """
    )
    cr.execute(
        """
        UPDATE mrp_workorder workorder
           SET progress_percent = CASE
                   WHEN production.product_qty > 0 THEN LEAST(
                       100.0,
                       100.0 * workorder.quality_qty_produced / production.product_qty
                   )
                   ELSE 0
               END
          FROM mrp_production production
         WHERE production.id = workorder.production_id
        """
    )


def _first_article_subgroups(cr):
    # SPC moved to quality_progress_sync_spc: its columns exist only if the
    # database had them (spc_subgroup_size follows the sample size).
    if not sql.column_exists(cr, "quality_checkpoint", "spc_subgroup_size"):
        return
    cr.execute(
        "UPDATE quality_checkpoint SET spc_subgroup_size = sample_size"
        " WHERE stage = 'first_article'"
    )


def _spc_subgroup_figures(cr):
    cr.execute("DROP INDEX IF EXISTS quality_inspection_spc_history_index")
    if not sql.column_exists(cr, "quality_inspection", "spc_size"):
        return
    cr.execute(
        """
        UPDATE quality_inspection i
           SET spc_size = s.size, spc_mean = s.mean, spc_range = s.spread,
               spc_stddev = s.stddev, spc_sum = s.total,
               spc_sum_squares = s.squares
          FROM (SELECT inspection_id, count(*) AS size, avg(value) AS mean,
                       max(value) - min(value) AS spread,
                       stddev_samp(value) AS stddev, sum(value) AS total,
                       sum(value * value) AS squares
                  FROM quality_inspection_measure
                 WHERE active
              GROUP BY inspection_id) s
         WHERE s.inspection_id = i.id
        """
    )


def migrate(cr, version):
    if not version:
        return
    _reset_produced(cr)
    _spc_subgroup_figures(cr)
    _first_article_subgroups(cr)

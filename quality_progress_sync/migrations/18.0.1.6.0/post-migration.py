# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The SPC queries read the figures of each subgroup stored on its
inspection (n, mean, range, standard deviation, sum and sum of squares of
its active measures) instead of aggregating every measure: fill them for the
inspections measured before, in one statement, with the aggregates the
queries computed until now (on the measures' exact NUMERIC values). The
index of the subgroups (quality_inspection_spc_subgroup_index) replaces the
index of their history."""


def migrate(cr, version):
    if not version:
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
    cr.execute("DROP INDEX IF EXISTS quality_inspection_spc_history_index")

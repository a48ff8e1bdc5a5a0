# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The SQL of statistical process control: the figures stored on each
subgroup's inspection, the summaries the limits and the capability are
computed from, and the subgroups the run rules and the chart read."""

from odoo.tools import SQL

from . import quality_spc

# The figures of an inspection's subgroup (its active measures), stored when
# the measures are recorded or archived (_spc_store_subgroups): the limits,
# the capability and the chart read them (quality_checkpoint.py) instead
# of aggregating every measure of the history.
SPC_SUBGROUP_FIELDS = (
    "spc_size",
    "spc_mean",
    "spc_range",
    "spc_stddev",
    "spc_sum",
    "spc_sum_squares",
)

SPC_SUBGROUP_INDEX = "quality_inspection_spc_subgroup_index"


def subgroup_figures_update(where):
    """The UPDATE that stores the figures of the inspections ``where``
    selects (alias ``i``) from their active measures: none gives a size of 0.
    In SQL, on the measures' exact NUMERIC values, as the summaries of the
    subgroups always were (the post_init_hook fills them the same way)."""
    return SQL(
        """
        UPDATE quality_inspection i
           SET spc_size = s.size, spc_mean = s.mean, spc_range = s.spread,
               spc_stddev = s.stddev, spc_sum = s.total,
               spc_sum_squares = s.squares
          FROM (SELECT i.id, count(m.id) AS size, avg(m.value) AS mean,
                       max(m.value) - min(m.value) AS spread,
                       stddev_samp(m.value) AS stddev, sum(m.value) AS total,
                       sum(m.value * m.value) AS squares
                  FROM quality_inspection i
             LEFT JOIN quality_inspection_measure m
                    ON m.inspection_id = i.id AND m.active
                 WHERE %s
              GROUP BY i.id) s
         WHERE s.id = i.id
        """,
        where,
    )


# Digits of the limits, means and sigmas: finer than the measures.
SPC_DIGITS = (16, 6)
SPC_INDEX_DIGITS = (16, 2)
# Fewest subgroups to compute limits from; below PROVISIONAL they are shown
# as provisional (ISO 7870-2 asks for 20 to 25 subgroups).
SPC_MIN_SUBGROUPS = 2
SPC_PROVISIONAL_SUBGROUPS = 20
# What the SPC queries read of an inspection (flushed before them, and the
# dependencies of the capability view): done inspections of the checkpoint's
# subgroup size, and the figures of their subgroups, stored when their
# measures are recorded (quality_inspection.py).
SPC_INSPECTION_FIELDS = (
    "checkpoint_id",
    "state",
    "sample_size",
    "date_done",
    "workcenter_id",
    "product_id",
    "company_id",
    *SPC_SUBGROUP_FIELDS,
)
# The subgroups of the SPC queries: inspections (alias ``i``) of their
# checkpoint (alias ``c``) done, of its subgroup size, with measures.
SUBGROUPS_SQL = SQL(
    "i.state IN ('pass', 'fail') AND i.sample_size = c.spc_subgroup_size "
    "AND i.spc_size > 0"
)

# The columns of a summary (:func:`spc_summary_query`) from its points: the
# overall sigma from the sums of the values and of their squares.
SUMMARY_AGGREGATES_SQL = SQL(
    """
    min(id) AS id,
    count(*) AS subgroup_count,
    sum(size) AS measure_count,
    avg(mean) AS grand_mean,
    avg(spread) AS mean_range,
    avg(stddev) AS mean_stddev,
    avg(moving_range) AS mean_moving_range,
    sqrt(greatest(0, (sum(squares) - sum(total) * sum(total) / sum(size))
         / nullif(sum(size) - 1, 0))) AS stddev_overall,
    min(date_done) AS first_date,
    max(date_done) AS last_date
    """
)


def spc_summary_query(where, keys=()):
    """One row per checkpoint (and per ``keys``, columns of the inspection)
    with the aggregates of its subgroups that the limits and the capability
    are computed from (:class:`quality_spc.Summary`): in one query, over the
    figures stored on each subgroup's inspection. ``where`` filters the
    inspections (alias ``i``); the moving ranges run within each row's
    subgroups, in recording order."""
    keys = ("checkpoint_id", *keys)
    return SQL(
        """
        WITH point AS (
            SELECT i.id, %(inspection_keys)s, i.date_done, i.spc_size AS size,
                   i.spc_mean AS mean, i.spc_range AS spread,
                   i.spc_stddev AS stddev, i.spc_sum AS total,
                   i.spc_sum_squares AS squares,
                   abs(i.spc_mean - lag(i.spc_mean) OVER (
                       PARTITION BY %(inspection_keys)s ORDER BY i.date_done, i.id
                   )) AS moving_range
              FROM quality_inspection i
              JOIN quality_checkpoint c ON c.id = i.checkpoint_id
             WHERE %(subgroups)s AND %(where)s
        )
        SELECT %(keys)s, %(aggregates)s
          FROM point
      GROUP BY %(keys)s
        """,
        inspection_keys=SQL(", ").join(SQL.identifier("i", key) for key in keys),
        keys=SQL(", ").join(SQL.identifier(key) for key in keys),
        subgroups=SUBGROUPS_SQL,
        where=where,
        aggregates=SUMMARY_AGGREGATES_SQL,
    )


def summary_from_row(row):
    """A :class:`quality_spc.Summary` from a row of :func:`spc_summary_query`
    (a dict, or a record of the capability report)."""

    def number(value):
        return None if value is None else float(value)

    return quality_spc.Summary(
        subgroup_count=int(row["subgroup_count"] or 0),
        measure_count=int(row["measure_count"] or 0),
        grand_mean=number(row["grand_mean"]),
        mean_range=number(row["mean_range"]),
        mean_stddev=number(row["mean_stddev"]),
        mean_moving_range=number(row["mean_moving_range"]),
        stddev_overall=number(row["stddev_overall"]),
    )


# The active measures of a subgroup's inspection (alias ``i``), in order.
SPC_VALUES_SQL = SQL(
    """(SELECT array_agg(m.value ORDER BY m.sample_no, m.id)
          FROM quality_inspection_measure m
         WHERE m.inspection_id = i.id AND m.active)"""
)


def subgroup_from_row(row):
    """A subgroup of :meth:`QualityCheckpoint._spc_read_subgroups` from its
    row: the numbers as floats."""

    def number(value):
        return None if value is None else float(value)

    return dict(
        row,
        values=[float(value) for value in row["values"] or ()],
        mean=float(row["mean"]),
        spread=float(row["spread"]),
        stddev=number(row["stddev"]),
    )

# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Generated texts are no longer stored in their creator's language: they are
built for the reader from their parts. Keep what users typed, as typed:

- nonconformances: the checkpoint of their failure; the old title only when
  it is not the generated English one;
- inspections: a failure reason or a disposition reason only when it is not
  generated (the checkpoint's message, the measures, the sample's count, the
  automatic disposition);
- rework work orders: named from their operation and failed inspection, the
  word "Rework" being added in the reader's language."""

from odoo.tools import SQL


def _has_column(cr, table, column):
    cr.execute(
        SQL(
            "SELECT 1 FROM information_schema.columns"
            " WHERE table_name = %s AND column_name = %s",
            table,
            column,
        )
    )
    return bool(cr.fetchone())


def migrate(cr, version):
    if not version:
        return
    _set_nonconformance_checkpoints(cr)
    _keep_custom_titles(cr)
    _keep_failure_notes(cr)
    _keep_disposition_notes(cr)
    _rename_rework_workorders(cr)


def _set_nonconformance_checkpoints(cr):
    """A nonconformance's checkpoint: that of its first inspection."""
    cr.execute(
        """
        UPDATE quality_nonconformance nc
           SET checkpoint_id = first.checkpoint_id
          FROM (
                SELECT DISTINCT ON (nonconformance_id) nonconformance_id,
                       checkpoint_id
                  FROM quality_inspection
                 WHERE nonconformance_id IS NOT NULL
              ORDER BY nonconformance_id, id
               ) first
         WHERE first.nonconformance_id = nc.id AND nc.checkpoint_id IS NULL
        """
    )


def _keep_custom_titles(cr):
    """The title of a nonconformance when it is not the generated one."""
    if not _has_column(cr, "quality_nonconformance", "title"):
        return
    cr.execute(
        """
            UPDATE quality_nonconformance nc
               SET custom_title = nc.title
              FROM quality_nonconformance n
         LEFT JOIN quality_checkpoint c ON c.id = n.checkpoint_id
         LEFT JOIN mrp_workorder w ON w.id = n.workorder_id
         LEFT JOIN mrp_production p ON p.id = w.production_id
             WHERE n.id = nc.id
               AND nc.custom_title IS NULL
               AND nc.title IS DISTINCT FROM (
                   (c.name ->> 'en_US') || ' failed on ' || p.name || ' - ' || w.name
               )
            """
    )


def _keep_failure_notes(cr):
    """The failure reason of an inspection when it is not generated."""
    if not _has_column(cr, "quality_inspection", "failure_reason"):
        return
    cr.execute(
        """
            UPDATE quality_inspection i
               SET failure_note = i.failure_reason
              FROM quality_checkpoint c
             WHERE c.id = i.checkpoint_id
               AND i.failure_note IS NULL
               AND i.failure_reason IS NOT NULL
               AND i.check_type != 'measure'
               AND i.sampling_plan_id IS NULL
               AND i.failure_reason NOT IN (
                   SELECT value FROM jsonb_each_text(coalesce(c.failure_message, '{}'))
               )
            """
    )


def _keep_disposition_notes(cr):
    """The disposition reason of an inspection when it is not the automatic
    one."""
    if not _has_column(cr, "quality_inspection", "disposition_reason"):
        return
    cr.execute(
        """
            UPDATE quality_inspection
               SET disposition_automatic = disposition_reason
                       LIKE 'Automatic: failure policy of checkpoint %',
                   disposition_note = CASE
                       WHEN disposition_reason
                            LIKE 'Automatic: failure policy of checkpoint %'
                       THEN NULL ELSE disposition_reason END
             WHERE disposition IS NOT NULL AND disposition_note IS NULL
            """
    )


def _rename_rework_workorders(cr):
    """A rework work order's name: its operation's and failed inspection's."""
    cr.execute(
        """
        UPDATE mrp_workorder w
           SET name = origin.name || ' (' || failed.name || ')'
          FROM quality_inspection reinspection
          JOIN quality_inspection failed
            ON failed.id = reinspection.origin_inspection_id,
               mrp_workorder origin
         WHERE reinspection.workorder_id = w.id
           AND origin.id = w.rework_of_id
        """
    )

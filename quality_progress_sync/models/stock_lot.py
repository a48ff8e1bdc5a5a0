# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The quality hold of a lot: set and cleared by containments only
(``quality.containment``), read where the lot would leave stock
(``stock_move_line_hold.py``)."""

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.query import Query


class _SharedLockQuery(Query):
    """The ORM's own read of some rows, which also locks them ``FOR
    SHARE``: a hold written meanwhile by another transaction makes this one
    fail to serialize (Odoo retries it), and one written before is read."""

    def select(self, *args):
        return SQL("%s FOR SHARE", super().select(*args))


class StockLot(models.Model):
    _name = "stock.lot"
    _inherit = ["stock.lot", "quality.protected.mixin"]
    # Set and cleared by the containments only.
    _quality_protected_fields = frozenset({"quality_hold"})

    quality_hold = fields.Boolean(
        readonly=True,
        copy=False,
        index=True,
        help="Suspect since a failed inspection (Quality > Containments): "
        "neither delivered, moved out of stock, scrapped, unbuilt nor "
        "consumed until a Quality Manager decides it.",
    )
    quality_containment_line_ids = fields.One2many(
        "quality.containment.line",
        "lot_id",
        string="Containments",
        readonly=True,
        groups="stock.group_stock_user,mrp.group_mrp_user",
    )

    def _quality_lock_and_read(self):
        """Read these lots' columns into the cache, their rows locked ``FOR
        SHARE``, in one query: the query Odoo makes anyway the first time
        it reads a lot of a transfer (its company, its name), so that a
        transfer with lots pays nothing more to see their hold, and cannot
        miss one written by a containment opened at the same moment."""
        lots = self.sudo()
        if not lots:
            return
        query = _SharedLockQuery(lots.env, lots._table, lots._table_sql)
        query.set_result_ids(lots.ids, ordered=False)
        columns = [
            field
            for field in lots._fields.values()
            if field.store and field.column_type and field.prefetch is True
        ]
        lots._fetch_query(query, columns)

    def _quality_lock_for_update(self):
        """Lock these lots' rows before they are held or released: a
        transfer validated meanwhile waits, then fails to serialize and is
        retried by Odoo against the hold."""
        if self.ids:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM stock_lot WHERE id IN %s FOR NO KEY UPDATE",
                    tuple(self.ids),
                )
            )

    @api.model
    def _quality_update_hold(self, lots):
        """Hold ``lots`` while a containment line still holds them, release
        them otherwise. Their rows are locked first."""
        lots = lots.sudo()
        if not lots:
            return
        lots._quality_lock_for_update()
        holding = (
            self.env["quality.containment.line"]
            .sudo()
            .search(
                [("lot_id", "in", lots.ids), ("holds_stock", "=", True)],
            )
            .lot_id
        )
        (holding - holding.filtered("quality_hold")).write({"quality_hold": True})
        released = lots.filtered("quality_hold") - holding
        released.write({"quality_hold": False})

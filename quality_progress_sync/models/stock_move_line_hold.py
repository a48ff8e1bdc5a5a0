# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The hold of suspect stock, at the one place every path takes: a move
line taking quantity out of a location (``_synchronize_quant``), whether it
is done by a delivery, a backorder, a batch or an immediate transfer, an
internal transfer, a scrap, an unbuild, a manufacturing order's consumption,
an inventory adjustment, or a done move line created or rewritten.

Refused there: a held lot (``stock.lot.quality_hold``) leaving a stock
location, and anything leaving a quarantine location
(``stock.location.quality_quarantine``), except through a containment's own
decision (:func:`quality_hold_allowed`) or the rework order a Quality
Manager decided for it. The lots' rows are locked ``FOR SHARE`` by the
entry points, in the read Odoo makes of them anyway (see
``stock.lot._quality_lock_and_read``)."""

from contextlib import contextmanager

from odoo import api, models
from odoo.exceptions import UserError

# What a containment's decision moves, for the duration of its call: on the
# cursor, never in the context, which any RPC caller sets.
ALLOWED = "quality_progress_sync.hold_allowed"
# The locations a held lot does not leave.
HELD_USAGES = ("internal", "transit")
# Written on a done move line, they move its quants again.
QUANT_FIELDS = frozenset(
    {"quantity", "lot_id", "location_id", "location_dest_id", "product_uom_id"}
)


@contextmanager
def quality_hold_allowed(env, lots=None, locations=None):
    """Inside, ``lots`` and what waits in ``locations`` may move: the
    containment's decision (release, scrap) moves them itself."""
    allowed = env.cr.cache.setdefault(ALLOWED, {"lots": set(), "locations": set()})
    added_lots = set(lots.ids if lots else ()) - allowed["lots"]
    added_locations = set(locations.ids if locations else ()) - allowed["locations"]
    allowed["lots"] |= added_lots
    allowed["locations"] |= added_locations
    try:
        yield
    finally:
        allowed["lots"] -= added_lots
        allowed["locations"] -= added_locations


def _is_allowed(env, kind, record_id):
    return record_id in env.cr.cache.get(ALLOWED, {}).get(kind, ())


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    @api.model_create_multi
    def create(self, vals_list):
        # A move line created done (on a done move or transfer) moves the
        # quants at once, without _synchronize_quant: checked once made,
        # which the refusal rolls back (the lock holds until the end of the
        # transaction, taken before or after).
        lines = super().create(vals_list)
        done = lines.filtered(lambda ml: ml.state == "done")
        done._get_holdable_lots()._quality_lock_and_read()
        for line in done:
            line._check_quality_hold(line.location_id, line.lot_id)
        return lines

    def write(self, vals):
        # A done move line rewritten (quantity, lot, locations) moves the
        # quants again.
        done = QUANT_FIELDS & vals.keys() and self.filtered(
            lambda ml: ml.state == "done"
        )
        if done:
            lots = done._get_holdable_lots()
            if isinstance(vals.get("lot_id"), int):
                lots |= lots.browse(vals["lot_id"])
            lots._quality_lock_and_read()
        return super().write(vals)

    def _action_done(self):
        self._get_holdable_lots()._quality_lock_and_read()
        return super()._action_done()

    def _get_holdable_lots(self):
        """The lots these lines take out of a stock location: the ones a
        hold keeps (a lot made by an order comes from production)."""
        return self.filtered(
            lambda ml: ml.lot_id and ml.location_id.usage in HELD_USAGES
        ).lot_id

    def _synchronize_quant(
        self, quantity, location, action="available", in_date=False, **quants_value
    ):
        if action == "available" and quantity < 0:
            self._check_quality_hold(location, quants_value.get("lot", self.lot_id))
        return super()._synchronize_quant(
            quantity, location, action=action, in_date=in_date, **quants_value
        )

    def _check_quality_hold(self, location, lot):
        """Refuse taking quantity of ``lot`` (or of an untracked product)
        out of ``location`` when it is held. Reads only what Odoo has read
        already (the lot, the location) until something is held."""
        self.ensure_one()
        if location.quality_quarantine:
            if not _is_allowed(self.env, "locations", location.id):
                self._raise_quarantine(location)
            return
        if not (location.usage in HELD_USAGES and lot and lot.quality_hold):
            return
        if _is_allowed(self.env, "lots", lot.id) or self._is_quality_rework(lot):
            return
        self._raise_held_lot(lot)

    def _is_quality_rework(self, lot):
        """Whether this line is the consumption, by the rework order a
        Quality Manager decided, of the held ``lot``."""
        production = self.move_id.raw_material_production_id
        if not production:
            return False
        return bool(
            self.env["quality.containment.line"]
            .sudo()
            .search_count(
                [
                    ("lot_id", "=", lot.id),
                    ("rework_production_id", "=", production.id),
                ],
                limit=1,
            )
        )

    def _raise_held_lot(self, lot):
        containments = (
            self.env["quality.containment.line"]
            .sudo()
            .search([("lot_id", "=", lot.id), ("holds_stock", "=", True)])
            .containment_id
        )
        raise UserError(
            self.env._(
                "Lot %(lot)s is on quality hold (containment %(containments)s): "
                "it is neither delivered, moved, scrapped, unbuilt nor consumed "
                "until a Quality Manager decides it in Quality > Containments.",
                lot=lot.display_name,
                containments=", ".join(containments.mapped("name")) or "-",
            )
        )

    def _raise_quarantine(self, location):
        raise UserError(
            self.env._(
                "%(product)s in %(location)s waits for a containment's decision: "
                "only a Quality Manager's release, rework or scrap in Quality > "
                "Containments takes it out.",
                product=self.product_id.display_name,
                location=location.display_name,
            )
        )

# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The quality gate of the work order: what keeps it from Done, and what
keeps it from starting. Every path to Done (buttons, Mark as Done, writes of
``state``) calls :meth:`_check_quality_gate`; every way to start calls
:meth:`_check_can_start`. Both read the inspections themselves, never a flag
a user could write."""

from odoo import api, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL

from .quality_guard import check_done_kept

# What the gate reads of the inspections: the blocking ones (``gate_blocking``,
# indexed: its one definition), and first articles reworked or scrapped, which
# hold their work order until their re-inspection or the next first article
# clears it (see :func:`is_first_article_cleared`).
GATE_BLOCKING_DOMAIN = [("gate_blocking", "=", True)]
FIRST_PIECE_HANDLED_DOMAIN = [
    ("stage", "=", "first_article"),
    ("state", "=", "fail"),
    ("disposition", "in", ("rework", "scrap")),
]
GATE_DOMAIN = expression.OR([GATE_BLOCKING_DOMAIN, FIRST_PIECE_HANDLED_DOMAIN])

# The links that say which work order comes next (cross-checks hold it).
DEPENDENCY_FIELDS = {"blocked_by_workorder_ids", "needed_by_workorder_ids"}
# What a done work order produced: a record (the certificate prints its lot).
DONE_KEPT_FIELDS = frozenset({"finished_lot_id", "qty_producing"})


def is_first_article_cleared(inspection, first_articles):
    """Whether this first article no longer holds its work order: passed;
    conceded; reworked with a re-inspection cleared; or scrapped with a
    later first article of the work order (``first_articles``) cleared."""
    if inspection.state == "pass":
        return True
    if inspection.state != "fail":
        return False
    if inspection.disposition == "concession":
        return True
    if inspection.disposition == "rework":
        return any(
            is_first_article_cleared(reinspection, first_articles)
            for reinspection in inspection.reinspection_ids
            if reinspection.state != "cancel"
        )
    if inspection.disposition == "scrap":
        return any(
            is_first_article_cleared(later, first_articles)
            for later in first_articles
            if later.id > inspection.id
        )
    return False


def split_gate(found):
    """(blocking inspections, work orders whose first piece is not cleared)
    of the inspections ``found`` by :data:`GATE_DOMAIN`."""
    handled_first = found.filtered(
        lambda i: (
            i.stage == "first_article"
            and i.state == "fail"
            and i.disposition in ("rework", "scrap")
        )
    )
    held = handled_first.workorder_id.filtered(
        lambda wo: not wo._is_first_article_passed()
    )
    return found - handled_first, held


class MrpWorkorderGate(models.AbstractModel):
    """Inherited by ``mrp.workorder`` (models/mrp_workorder.py), whose
    ``write`` calls :meth:`_check_quality_write` and
    :meth:`_get_write_held_links`, and whose buttons and screens read the
    gate (:meth:`_read_gate`, :meth:`_check_can_start`)."""

    _name = "mrp.workorder.gate"
    _description = "Work Order Quality Gate"

    def _check_quality_write(self, vals):
        """The quality rules of a user's write: Done passes the gate, a start
        passes the start rules, a cancel or a move to another order keeps
        what holds the order. Not the superuser's."""
        if self.env.su:
            return
        check_done_kept(self, vals, DONE_KEPT_FIELDS)
        if "production_id" in vals:
            self._check_production_kept(vals["production_id"])
        state = vals.get("state")
        if state in ("progress", "done"):
            self._check_can_reach(state)
        elif state == "cancel":
            self._filter_open()._check_cancel_with_inspections()

    def _check_can_reach(self, state):
        """Refuse starting (``progress``) or finishing (``done``) these work
        orders unless the start rules and, for Done, the gate pass. While
        the gate of their orders and of the orders of the work orders they
        wait for is clear (one cached read, see ``_is_quality_gate_clear``:
        Odoo writes Done one work order at a time), only a work center's
        quality hold and inspections never created can hold them, and
        ``state`` (which Odoo may have to recompute for the whole order) is
        read only when one of those is there."""
        productions = self.production_id | self.blocked_by_workorder_ids.production_id
        if not productions._is_quality_gate_clear():
            to_change = self._filter_open()
            to_change.filtered(lambda wo: wo.state != "progress")._check_can_start()
            if state == "done":
                to_change._check_quality_gate()
            return
        if state == "done":
            self.filtered(
                lambda wo: not wo.quality_confirmed
            )._filter_open()._check_quality_confirmed()
        if self.workcenter_id.sudo().filtered("quality_hold"):
            self._filter_open().filtered(
                lambda wo: wo.state != "progress"
            ).workcenter_id._check_quality_hold()

    def _get_write_held_links(self, vals):
        """The dependency links a pending cross-check holds, read before a
        user's write of the dependencies (see :meth:`_check_cross_links_kept`):
        none while the gate of the orders on either side of their links is
        clear (read once into the cache, see ``_is_quality_gate_clear``:
        Odoo links the work orders of an order one by one)."""
        if self.env.su or not DEPENDENCY_FIELDS & vals.keys():
            return set()
        linked = self | self.blocked_by_workorder_ids | self.needed_by_workorder_ids
        if linked.production_id._is_quality_gate_clear():
            return set()
        return self._get_cross_held_links()

    def _check_production_kept(self, production_id):
        """A work order with inspections stays on its order: moved away, it
        would take what holds the order with it."""
        moved = self.filtered(
            lambda wo: (
                wo.production_id.id != production_id
                and wo.inspection_ids.filtered(lambda i: i.state != "cancel")
            )
        )
        if moved:
            raise UserError(
                self.env._(
                    "%(names)s have inspections: they stay on their "
                    "manufacturing order.",
                    names=", ".join(moved.mapped("display_name")),
                )
            )

    def _check_cancel_with_inspections(self):
        """Cancelling one work order would cancel the inspections that hold
        its manufacturing order: only the order as a whole is cancelled."""
        blocked = self._get_gate_inspections(include_cross=True).workorder_id
        if blocked:
            raise UserError(
                self.env._(
                    "%(names)s cannot be cancelled while blocking inspections are "
                    "open: pass them, or cancel the manufacturing order.",
                    names=", ".join(blocked.mapped("display_name")),
                )
            )

    def _read_gate(self, include_cross=False):
        """What keeps these work orders from Done, read from the database by
        the inspections' own fields (``gate_blocking``, computed from their
        state, disposition, blocking and stage, which only the inspections'
        actions write): no stored flag of the work order is trusted. In one
        query:

        - the blocking inspections to do, or failed without a disposition
          (a first article always blocks);
        - the work orders whose first piece is not cleared: a first article
          reworked or scrapped holds until its re-inspection, or the next
          first article, passes.

        Cross-checks are done after the operation, before the next one
        starts: they hold the next work order and the manufacturing order,
        not this one (``include_cross`` adds them)."""
        Inspection = self.env["quality.inspection"]
        if not self.ids:
            return Inspection, self.browse()
        found = Inspection.sudo().search(
            self._get_gate_domain(include_cross), order="id"
        )
        return split_gate(found)

    def _get_gate_inspections(self, include_cross=False):
        """Inspections that keep these work orders from Done (see
        :meth:`_read_gate`)."""
        return self._read_gate(include_cross=include_cross)[0]

    def _get_gate_domain(self, include_cross=False):
        """The inspections :meth:`_read_gate` reads: the blocking ones
        (``gate_blocking``, indexed: its one definition), and first articles
        reworked or scrapped."""
        gate_domain = list(GATE_BLOCKING_DOMAIN)
        if not include_cross:
            gate_domain.append(("performer", "!=", "cross"))
        return expression.AND(
            [
                [("workorder_id", "in", self.ids)],
                expression.OR([gate_domain, FIRST_PIECE_HANDLED_DOMAIN]),
            ]
        )

    def _get_unconfirmed_inspected(self):
        """These work orders that were never confirmed (their order is a
        draft, or they were created or set to a state without going through
        confirmation) while checkpoints apply to them: their inspections
        were never created, so nothing of theirs can be judged. Reads the
        checkpoints only when such a work order is there."""
        unconfirmed = self.filtered(
            lambda wo: not wo.quality_confirmed and wo.state != "cancel"
        )
        if not unconfirmed:
            return unconfirmed
        checkpoints = (
            self.env["quality.checkpoint"]
            .sudo()
            .search(self.env["quality.checkpoint"]._get_workorder_domain(unconfirmed))
        )
        return unconfirmed.filtered(
            lambda wo: any(c._matches_workorder(wo) for c in checkpoints)
        )

    def _check_quality_confirmed(self):
        """Refuse Done (or a certificate) for work orders whose checkpoints
        never created their inspections (:meth:`_get_unconfirmed_inspected`)."""
        unconfirmed = self._get_unconfirmed_inspected()
        if unconfirmed:
            raise UserError(
                self.env._(
                    "%(workorders)s cannot be done: %(productions)s was never "
                    "confirmed, so the inspections its checkpoints require were "
                    "never created. Confirm the order, then record them.",
                    workorders=", ".join(unconfirmed.mapped("display_name")),
                    productions=", ".join(
                        unconfirmed.production_id.mapped("display_name")
                    ),
                )
            )

    def _check_quality_gate(self, include_cross=False):
        """Refuse Done while a blocking inspection is to do or failed without
        a disposition, while the first piece is not cleared (see
        :meth:`_read_gate`), or when the inspections were never created
        (:meth:`_check_quality_confirmed`)."""
        self._check_quality_confirmed()
        inspections, first_piece_held = self._read_gate(include_cross=include_cross)
        if not inspections and not first_piece_held:
            return True
        messages = [
            self.env._(
                "Work order %(workorder)s cannot be finished until its blocking "
                "inspections pass:\n%(reasons)s",
                workorder=workorder.display_name,
                reasons=workorder._get_blocking_reason(
                    inspections.filtered(lambda i, wo=workorder: i.workorder_id == wo)
                ),
            )
            for workorder in inspections.workorder_id
        ]
        messages += [
            self.env._(
                "Work order %(workorder)s cannot be finished until its first piece "
                "is cleared: the re-inspection of its reworked first article "
                "(%(names)s) has not passed yet.",
                workorder=workorder.display_name,
                names=", ".join(
                    workorder._get_first_article_inspections().mapped("name")
                ),
            )
            for workorder in first_piece_held - inspections.workorder_id
        ]
        raise UserError("\n\n".join(messages))

    def _get_blocking_reason(self, blocking_inspections):
        """Text telling the operator what keeps the work order from Done."""
        self.ensure_one()
        return self._format_blocking_reason(
            [
                (i.name, i.state, i.performer, i.checkpoint_id.name)
                for i in blocking_inspections.sorted("id")
            ],
            self._get_blocking_templates(),
        )

    @api.model
    def _read_blocking_rows(self, workorder_ids):
        """(work order id, name, state, performer, checkpoint name in the
        reader's language) of the inspections that block these work orders,
        in one query: the work order is readable and the text names what
        blocks it, whoever may read the inspections."""
        read = ["workorder_id", "name", "state", "performer", "checkpoint_id"]
        self.env["quality.inspection"].flush_model([*read, "gate_blocking"])
        self.env["quality.checkpoint"].flush_model(["name"])
        self.env.cr.execute(
            SQL(
                """
                SELECT i.workorder_id, i.name, i.state, i.performer,
                       COALESCE(c.name ->> %(lang)s, c.name ->> 'en_US')
                  FROM quality_inspection i
                  JOIN quality_checkpoint c ON c.id = i.checkpoint_id
                 WHERE i.workorder_id = ANY(%(ids)s) AND i.gate_blocking
              ORDER BY i.id
                """,
                lang=self.env.lang or "en_US",
                ids=list(workorder_ids),
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _get_blocking_templates(self):
        """The blocking reason's lines in the reader's language, by state and
        performer, to fill with an inspection's name and title."""
        return {
            "fail": self.env._(
                "%(name)s (%(title)s) failed: an inspector decides its "
                "disposition (rework, scrap) or a Quality Manager a "
                "concession."
            ),
            "cross": self.env._(
                "%(name)s (%(title)s) is a cross-check still to do: the "
                "operator of the next operation records it before starting."
            ),
            "inspector": self.env._(
                "%(name)s (%(title)s) is still to do, by an inspector."
            ),
            "self": self.env._(
                "%(name)s (%(title)s) is still to do, by the operator or an inspector."
            ),
        }

    @api.model
    def _format_blocking_reason(self, rows, templates):
        """One line per (name, state, performer, title) row, or False."""
        lines = [
            templates["fail" if state == "fail" else performer]
            % {"name": name, "title": title}
            for name, state, performer, title in rows
        ]
        return "\n".join(lines) or False

    def _get_first_article_inspections(self):
        return self.inspection_ids.filtered(
            lambda i: i.stage == "first_article" and i.state != "cancel"
        )

    def _is_first_article_passed(self):
        """Whether the first piece of this work order is cleared: each of its
        first articles passed, was conceded, was reworked and the rework's
        re-inspection cleared, or was scrapped and a later first article of
        the work order cleared."""
        self.ensure_one()
        first_articles = self._get_first_article_inspections()
        return all(
            is_first_article_cleared(inspection, first_articles)
            for inspection in first_articles
        )

    def _get_first_article_holders(self):
        """The work orders of the same orders whose first piece is not
        cleared: nothing else of their order starts until it is, except their
        own rework work orders."""
        productions = self.production_id
        first_articles = self.env["quality.inspection"].search(
            [
                ("production_id", "in", productions.ids),
                ("stage", "=", "first_article"),
                ("state", "!=", "cancel"),
            ]
        )
        return first_articles.workorder_id.filtered(
            lambda wo: not wo._is_first_article_passed()
        )

    def _check_can_start(self):
        """Refuse starting while the work center is on quality hold, while a
        cross-check of the operations it waits for is to do or failed, or
        while another work order of the order waits for its first piece."""
        if not self:
            return
        self.workcenter_id._check_quality_hold()
        self._check_cross_gate()
        holders = self._get_first_article_holders()
        for workorder in self:
            reworked = workorder._get_reworked_workorders()
            waiting_for = holders.filtered(
                lambda wo, current=workorder, reworked=reworked: (
                    wo.production_id == current.production_id
                    and wo != current
                    and wo not in reworked
                )
            )
            if waiting_for:
                raise UserError(
                    self.env._(
                        "%(workorder)s cannot start before the first piece of "
                        "%(holders)s passes its first-article inspection "
                        "(%(names)s).",
                        workorder=workorder.display_name,
                        holders=", ".join(waiting_for.mapped("display_name")),
                        names=", ".join(
                            waiting_for._get_first_article_inspections().mapped("name")
                        ),
                    )
                )

    def _get_reworked_workorders(self):
        """The work orders this rework work order reworks, directly or not."""
        self.ensure_one()
        reworked = self.browse()
        current = self.rework_of_id
        while current and current not in reworked:
            reworked |= current
            current = current.rework_of_id
        return reworked

    def _check_cross_gate(self):
        """Refuse starting a work order while a cross-check of the operations
        it waits for is to do or failed."""
        pending = self.blocked_by_workorder_ids._get_gate_inspections(
            include_cross=True
        ).filtered(lambda i: i.performer == "cross")
        for workorder in self:
            # A rework work order is part of the work it reworks.
            previous = (
                workorder.blocked_by_workorder_ids
                - workorder._get_reworked_workorders()
            )
            mine = pending.filtered(lambda i, prev=previous: i.workorder_id in prev)
            if mine:
                raise UserError(
                    self.env._(
                        "Work order %(workorder)s cannot start before the "
                        "cross-check of the previous operation passes: %(names)s. "
                        "Its operator (not the one of the previous operation) "
                        "records it in the Quality tab of %(previous)s.",
                        workorder=workorder.display_name,
                        names=", ".join(mine.mapped("name")),
                        previous=", ".join(mine.workorder_id.mapped("display_name")),
                    )
                )

    def _get_cross_held_links(self):
        """(previous, next) dependency links of these work orders (on either
        side) that a pending cross-check of the previous one holds."""
        workorders = self | self.blocked_by_workorder_ids | self.needed_by_workorder_ids
        holding = workorders._get_gate_inspections(include_cross=True).filtered(
            lambda i: i.performer == "cross"
        )
        return {
            (previous.id, following.id)
            for previous in holding.workorder_id
            for following in previous.needed_by_workorder_ids
        }

    def _check_cross_links_kept(self, held_links):
        """Refuse a change of dependencies that frees a work order from the
        pending cross-check of the one before it."""
        Workorder = self.browse()
        for previous_id, following_id in held_links:
            previous = Workorder.browse(previous_id)
            following = Workorder.browse(following_id)
            if following not in previous.needed_by_workorder_ids:
                raise UserError(
                    self.env._(
                        "%(following)s waits for the cross-check of %(previous)s: "
                        "this dependency stays until the cross-check passes.",
                        following=following.display_name,
                        previous=previous.display_name,
                    )
                )

# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The certificate of conformity of a done manufacturing order: issued by the
quality team once every blocking inspection of the order has passed (or its
failure was reworked and passed, scrapped, or conceded: concessions are
printed as deviations), refused with the reason otherwise."""

from odoo import api, models
from odoo.exceptions import AccessError, UserError

from ..models.quality_guard import is_quality_inspector
from .quality_inspection_record import RECORD_MODEL


class ReportQualityCertificate(models.AbstractModel):
    _name = "report.quality_progress_sync.report_quality_certificate"
    _description = "Certificate of Conformity Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        productions = self.env["mrp.production"].browse(docids)
        self._check_can_certify(productions)
        return {
            "doc_ids": docids,
            "doc_model": "mrp.production",
            "docs": productions,
            "certificates": [
                self._prepare_certificate(production) for production in productions
            ],
        }

    @api.model
    def check_certificate(self, docids):
        """Refuse the certificate of the orders ``docids`` (their ids) before
        it is printed, with the reason: the Print menu calls this first, so
        that a refusal is a message in a dialog rather than an error page of
        the report's download or of its preview."""
        if not isinstance(docids, list | tuple) or not all(
            isinstance(docid, int) and not isinstance(docid, bool) and docid > 0
            for docid in docids
        ):
            raise UserError(
                self.env._(
                    "Print the certificate of orders given by their ids, not "
                    "%(value)r.",
                    value=docids,
                )
            )
        productions = self.env["mrp.production"].browse(docids).exists()
        if not productions:
            raise UserError(self.env._("Choose the orders to certify."))
        self._check_can_certify(productions)
        return True

    @api.model
    def _check_can_certify(self, productions):
        """Refuse a certificate to all but quality inspectors, and for
        orders that are not done or whose blocking inspections did not pass,
        naming them and what to do."""
        if not is_quality_inspector(self.env):
            raise AccessError(
                self.env._(
                    "Only the quality team (Quality / Inspector) issues "
                    "certificates of conformity."
                )
            )
        productions.check_access("read")
        errors = [
            error
            for production in productions
            for error in self._get_certificate_errors(production)
        ]
        if errors:
            raise UserError(
                self.env._("No certificate of conformity can be issued:")
                + "\n- "
                + "\n- ".join(errors)
            )

    @api.model
    def _get_certificate_errors(self, production):
        """Why ``production`` cannot be certified (empty when it can)."""
        errors = self._get_certificate_state_errors(production)
        errors += self._get_certificate_inspection_errors(production)
        errors += production._get_quality_hold_errors()
        return errors

    @api.model
    def _get_certificate_state_errors(self, production):
        """Why ``production`` cannot be certified yet: not done, or never
        confirmed (its inspections were never created)."""
        errors = []
        if production.state != "done":
            errors.append(
                self.env._(
                    "%(production)s is not done: a certificate is issued for "
                    "finished goods only. Finish the order first.",
                    production=production.display_name,
                )
            )
        unconfirmed = production.workorder_ids._get_unconfirmed_inspected()
        if unconfirmed:
            errors.append(
                self.env._(
                    "%(production)s was never confirmed: the inspections its "
                    "checkpoints require (%(workorders)s) were never created "
                    "nor passed.",
                    production=production.display_name,
                    workorders=", ".join(unconfirmed.mapped("display_name")),
                )
            )
        return errors

    @api.model
    def _get_certificate_inspection_errors(self, production):
        """The blocking inspections of ``production`` that stop its
        certificate: still to do, or failed and undecided."""
        errors = []
        inspections = self._get_blocking_inspections(production)
        todo = inspections.filtered(lambda i: i.state == "todo")
        if todo:
            errors.append(
                self.env._(
                    "%(production)s: %(names)s still to inspect. Record their "
                    "results first.",
                    production=production.display_name,
                    names=", ".join(todo.mapped("display_name")),
                )
            )
        undecided = inspections.filtered(
            lambda i: i.state == "fail" and not i.disposition
        )
        if undecided:
            errors.append(
                self.env._(
                    "%(production)s: %(names)s failed and wait for a decision. A "
                    "Quality Manager decides a rework, scrap or concession first.",
                    production=production.display_name,
                    names=", ".join(undecided.mapped("display_name")),
                )
            )
        return errors

    @api.model
    def _get_blocking_inspections(self, production):
        """The inspections a certificate relies on: the blocking ones and
        the first articles, cancelled ones aside."""
        return production.inspection_ids.filtered(
            lambda i: (i.blocking or i.stage == "first_article") and i.state != "cancel"
        )

    @api.model
    def _prepare_certificate(self, production):
        """The certificate of ``production``: the figures of its inspection
        record (``_get_counts``), released by the member of the quality team
        who issues it (only they may)."""
        inspections = self._get_blocking_inspections(production)
        return {
            "production": production,
            "released_by": self.env.user,
            "counts": self.env[RECORD_MODEL]._get_counts(production.inspection_ids),
            "concessions": inspections.filtered(
                lambda i: i.state == "fail" and i.disposition == "concession"
            ),
            "final": inspections.filtered(
                lambda i: i.stage == "final" and i.state == "pass"
            ).sorted("date_done"),
        }

# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Shop Floor screen's side of the inspection, split by concern from
quality_inspection.py: an inspection as the work-order panel shows it, and
the bus notification sent when results change."""

from collections import defaultdict

from odoo import api, models

from .quality_quantity import check_number

# The bus notification the Shop Floor screens listen to. It carries ids only:
# each screen reads what changed again, with its user's rights.
SHOP_FLOOR_NOTIFICATION = "quality_progress_sync/shop_floor"
# The channel a screen asks for; the server makes it the channels of the
# user's companies (ir_websocket.py): a company's notifications reach its
# users only.
SHOP_FLOOR_CHANNEL = "quality_progress_sync/shop_floor"
SHOP_FLOOR_PRECOMMIT_KEY = "quality_progress_sync.shop_floor"
# The context key of the screen that made a change (a token of the browser
# tab): the notification names it as its ``origin``, and that screen, which
# already read what it changed, ignores its own echo.
SHOP_FLOOR_ORIGIN_KEY = "shop_floor_screen"
# A change of these fields shows on the screens.
SHOP_FLOOR_FIELDS = {"state", "disposition", "picture", "measure_ids"}
STAGE_ORDER = {"first_article": 0, "patrol": 1, "final": 2}


def notify_shop_floor(env, workorders):
    """Tell the Shop Floor screens, once the transaction commits, that these
    work orders changed: one notification per transaction and company, on
    the company's Shop Floor channel (``SHOP_FLOOR_CHANNEL``), which the
    screens of its Manufacturing users listen to (ir_websocket.py). Its
    ``origin`` is the screen that made every change of the transaction
    (``SHOP_FLOOR_ORIGIN_KEY`` in the context), False otherwise."""
    if not workorders:
        return
    data = env.cr.precommit.data
    if SHOP_FLOOR_PRECOMMIT_KEY not in data:
        data[SHOP_FLOOR_PRECOMMIT_KEY] = {"changes": {}, "origins": set()}

        @env.cr.precommit.add
        def send():
            pending = data.pop(SHOP_FLOOR_PRECOMMIT_KEY, None)
            if pending:
                _send_shop_floor_notifications(env, pending)

    pending = data[SHOP_FLOOR_PRECOMMIT_KEY]
    pending["origins"].add(env.context.get(SHOP_FLOOR_ORIGIN_KEY) or False)
    for workorder in workorders.sudo():
        pending["changes"][workorder.id] = (
            workorder.workcenter_id.id,
            workorder.company_id.id,
        )


def _send_shop_floor_notifications(env, pending):
    """Send what ``notify_shop_floor`` gathered, one notification per
    company."""
    origins = pending["origins"]
    origin = next(iter(origins)) if len(origins) == 1 else False
    if not isinstance(origin, str):
        origin = False
    by_company = defaultdict(dict)
    for workorder_id, (workcenter_id, company_id) in pending["changes"].items():
        by_company[company_id][workorder_id] = workcenter_id
    for company_id, company_changes in sorted(by_company.items()):
        env["bus.bus"]._sendone(
            (env["res.company"].browse(company_id), SHOP_FLOOR_CHANNEL),
            SHOP_FLOOR_NOTIFICATION,
            {
                "workorder_ids": sorted(company_changes),
                "workcenter_ids": sorted(set(company_changes.values()) - {False}),
                "origin": origin,
            },
        )


# One concern of the model per file (readme/DEVELOP.md): hence R8180.
class QualityInspection(models.Model):
    _inherit = "quality.inspection"  # pylint: disable=R8180

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_failed_qty_value(vals)
        inspections = super().create(vals_list)
        notify_shop_floor(self.env, inspections.workorder_id)
        return inspections

    def write(self, vals):
        self._check_failed_qty_value(vals)
        res = super().write(vals)
        if SHOP_FLOOR_FIELDS & vals.keys():
            notify_shop_floor(self.env, self.workorder_id)
        return res

    def _check_failed_qty_value(self, vals):
        """The failed quantity the Shop Floor's fail dialog, or any caller,
        writes: a finite number, refused before it is written (Odoo's
        rounding crashes on NaN and infinity; its bounds are the constraint
        ``_check_failed_qty``)."""
        if "failed_qty" in vals:
            check_number(
                self.env, vals["failed_qty"], self.env._("The failed quantity")
            )

    def _sorted_for_shop_floor(self):
        """In the order they must happen: to do before done; first articles,
        then patrols, then finals; by checkpoint sequence, then creation."""
        return self.sorted(
            lambda i: (
                i.state != "todo",
                STAGE_ORDER.get(i.stage, 9),
                i.checkpoint_id.sequence,
                i.id,
            )
        )

    def _get_shop_floor_values(self):
        """One dict per inspection for the work-order panel."""
        stages = dict(self._fields["stage"]._description_selection(self.env))
        performers = dict(self._fields["performer"]._description_selection(self.env))
        states = dict(self._fields["state"]._description_selection(self.env))
        return [
            inspection._get_shop_floor_value(stages, performers, states)
            for inspection in self
        ]

    def _get_shop_floor_value(self, stages, performers, states):
        """The panel's dict of this inspection (labels given by the caller,
        read once for all)."""
        inspection = self
        waiting = inspection.state == "todo" and inspection._get_waiting_error()
        return {
            "id": inspection.id,
            "name": inspection.name,
            "title": inspection.checkpoint_id.name,
            "stage": inspection.stage,
            "stage_label": stages.get(inspection.stage, ""),
            "performer": inspection.performer,
            "performer_label": performers.get(inspection.performer, ""),
            "check_type": inspection.check_type,
            "state": inspection.state,
            "state_label": states.get(inspection.state, ""),
            "blocking": inspection.blocking,
            "gate_blocking": inspection.gate_blocking,
            "can_record": inspection.can_record,
            "waiting": waiting or "",
            "sampled": bool(inspection.sampling_plan_id),
            "sample_size": inspection.sample_size,
            "norm": inspection.norm,
            "tolerance_min": inspection.tolerance_min,
            "tolerance_max": inspection.tolerance_max,
            "uom": inspection.uom_id.name or "",
            "instructions": inspection.instructions or "",
            "has_picture": bool(inspection.picture),
            "failure_reason": inspection.failure_reason or "",
            "disposition": inspection.disposition or "",
            "user": inspection.user_id.name or "",
            "measures": inspection.measure_ids.sorted("sample_no").mapped("value"),
        }

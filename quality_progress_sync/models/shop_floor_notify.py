# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The bus notification that keeps every open Shop Floor screen up to date:
sent by the ``create`` and ``write`` of the inspections, the work orders and
the orders (a helper, not a model)."""

from collections import defaultdict

# The bus notification the Shop Floor screens listen to. It carries ids only:
# each screen reads what changed again, with its user's rights.
SHOP_FLOOR_NOTIFICATION = "quality_progress_sync/shop_floor"
# The channel a screen asks for; the server makes it the channels of the
# user's companies (ir_websocket.py): a company's notifications reach its
# users only.
SHOP_FLOOR_CHANNEL = "quality_progress_sync/shop_floor"
SHOP_FLOOR_PRECOMMIT_KEY = "quality_progress_sync.shop_floor"
# A change of these fields of an inspection, a work order or an order shows
# on the screens (their ``write``).
INSPECTION_SHOP_FLOOR_FIELDS = frozenset(
    {"state", "disposition", "picture", "measure_ids"}
)
WORKORDER_SHOP_FLOOR_FIELDS = frozenset(
    {
        "state",
        "qty_produced",
        "qty_producing",
        "date_start",
        "date_finished",
        "workcenter_id",
        "finished_lot_id",
    }
)
PRODUCTION_SHOP_FLOOR_FIELDS = frozenset({"qty_producing", "lot_producing_id", "state"})


def notify_shop_floor(env, workorders):
    """Tell the Shop Floor screens, once the transaction commits, that these
    work orders changed: one notification per transaction and company, on
    the company's Shop Floor channel (``SHOP_FLOOR_CHANNEL``), which the
    screens of its Manufacturing users listen to (ir_websocket.py)."""
    if not workorders:
        return
    data = env.cr.precommit.data
    if SHOP_FLOOR_PRECOMMIT_KEY not in data:
        data[SHOP_FLOOR_PRECOMMIT_KEY] = changed = {}

        @env.cr.precommit.add
        def send():
            changes = data.pop(SHOP_FLOOR_PRECOMMIT_KEY, {})
            by_company = defaultdict(dict)
            for workorder_id, (workcenter_id, company_id) in changes.items():
                by_company[company_id][workorder_id] = workcenter_id
            for company_id, company_changes in sorted(by_company.items()):
                env["bus.bus"]._sendone(
                    (env["res.company"].browse(company_id), SHOP_FLOOR_CHANNEL),
                    SHOP_FLOOR_NOTIFICATION,
                    {
                        "workorder_ids": sorted(company_changes),
                        "workcenter_ids": sorted(
                            set(company_changes.values()) - {False}
                        ),
                    },
                )

    else:
        changed = data[SHOP_FLOOR_PRECOMMIT_KEY]
    for workorder in workorders.sudo():
        changed[workorder.id] = (workorder.workcenter_id.id, workorder.company_id.id)

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
# The context key of the screen that made a change (a token of the browser
# tab): the notification names it as its ``origin``, and that screen, which
# already read what it changed, ignores its own echo.
SHOP_FLOOR_ORIGIN_KEY = "shop_floor_screen"
# A screen's token is short; anything else in that context key (any JSON
# value a client sends) is not repeated to every screen of the company.
MAX_ORIGIN_LENGTH = 64
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
    if not isinstance(origin, str) or len(origin) > MAX_ORIGIN_LENGTH:
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

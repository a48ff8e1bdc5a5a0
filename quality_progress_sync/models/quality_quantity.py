# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The quantities users send: a produced quantity, a failed quantity.

They come over RPC as any JSON value, NaN and infinity included (Python's
JSON reader takes them): Odoo's rounding of a float field crashes on those,
and a number beyond what the work order makes would scrap, or inspect,
that much. Each is checked here before anything is written."""

import math

from odoo.exceptions import ValidationError
from odoo.tools import float_compare

# The largest number PostgreSQL's integer columns hold (ids among them).
MAX_INTEGER = 2**31 - 1


def is_whole_number(value, maximum=MAX_INTEGER):
    """Whether ``value``, sent over RPC as any JSON value, is a whole number
    from 1 to ``maximum`` (None: no bound): an id, a sample number, a
    count. A boolean is not one (Python counts True as 1)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return False
    return maximum is None or value <= maximum


def check_number(env, value, label):
    """``value`` as a finite float. A boolean, a text, NaN, infinity or an
    integer too large for a float is refused with a clear error."""
    number = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:
            number = None
    if number is None or not math.isfinite(number):
        raise ValidationError(
            env._(
                "%(label)s must be a finite number, not %(value)r.",
                label=label,
                value=value,
            )
        )
    return number


def check_workorder_quantity(workorder, value, label, zero_allowed=False, maximum=None):
    """``value`` as a quantity of what ``workorder`` makes: a finite number,
    above zero (or zero when ``zero_allowed``), at most ``maximum`` (by
    default the quantity of its order, ``qty_production``, in the order's
    unit), at the unit's rounding."""
    env = workorder.env
    number = check_number(env, value, label)
    rounding = workorder.product_uom_id.rounding or 0.01
    if maximum is None:
        maximum = workorder.qty_production
    low = float_compare(number, 0.0, precision_rounding=rounding)
    if not (low < 0 or (low == 0 and not zero_allowed)) and (
        float_compare(number, maximum, precision_rounding=rounding) <= 0
    ):
        return number
    values = {
        "label": label,
        "maximum": maximum,
        "unit": workorder.product_uom_id.name or "",
        "workorder": workorder.display_name,
        "value": number,
    }
    if zero_allowed:
        message = env._(
            "%(label)s is from 0 to %(maximum)s %(unit)s (what %(workorder)s "
            "makes), not %(value)s.",
            **values,
        )
    else:
        message = env._(
            "%(label)s is above 0 and at most %(maximum)s %(unit)s (what "
            "%(workorder)s makes), not %(value)s.",
            **values,
        )
    raise ValidationError(message)


def check_failed_qty(inspection, value):
    """``value`` as the failed quantity of ``inspection``: above zero, at
    most what its work order makes. An order of less than one unit keeps
    the default of one unit (an inspection's ``failed_qty`` starts at 1)."""
    workorder = inspection.workorder_id
    return check_workorder_quantity(
        workorder,
        value,
        inspection.env._("The failed quantity"),
        maximum=max(workorder.qty_production, 1.0),
    )

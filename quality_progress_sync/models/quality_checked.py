# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a button has just checked, for the writes Odoo then makes one
record at a time (see :func:`quality_checked`): a helper of the work order's
Finish and of the quantity a work order reports to its order, not a model.
(The gate needs none: it is read once into the cache, see
``mrp.production._is_quality_gate_clear``.)"""

from contextlib import contextmanager

# {(model, what): {id: value}}. Kept on the cursor (``cr.cache``), never in
# the context, which any RPC caller sets; for the duration of the button's
# call only, and forgotten whenever an inspection is created or written.
CHECKED = "quality_progress_sync.checked"
NO_VALUE = object()


@contextmanager
def quality_checked(records, what, values=None):
    """Inside, :func:`is_quality_checked` says ``records`` passed ``what``
    (a state a work order is written to, ``"qty_reported"`` for an order's
    quantity reported by its work order):
    the caller has just checked it on all of them at once. Without this,
    each of the writes Odoo makes in turn would read the inspections again,
    and read ``state``, which Odoo recomputes lazily: reading it between
    writes recomputes the state of every work order of the order, once per
    work order. ``values``: {id: value} read by the caller for those writes
    (:func:`quality_checked_values`)."""
    checked = records.env.cr.cache.setdefault(CHECKED, {})
    known = checked.setdefault((records._name, what), {})
    added = {
        id_: values.get(id_) if values is not None else NO_VALUE
        for id_ in records.ids
        if id_ not in known
    }
    known.update(added)
    try:
        yield
    finally:
        for id_ in added:
            known.pop(id_, None)


def is_quality_checked(records, what, ids=()):
    """Whether ``records`` (and the records of the same model with ``ids``)
    are inside :func:`quality_checked` for ``what``, with no inspection
    created or written since."""
    known = records.env.cr.cache.get(CHECKED, {}).get((records._name, what))
    return bool(known) and known.keys() >= set(records.ids) and known.keys() >= set(ids)


def quality_checked_values(records, what):
    """{id: value} given to :func:`quality_checked` for ``records``."""
    known = records.env.cr.cache.get(CHECKED, {}).get((records._name, what), {})
    return {
        id_: known[id_]
        for id_ in records.ids
        if known.get(id_, NO_VALUE) is not NO_VALUE
    }


def forget_quality_checks(env):
    """An inspection changed: nothing checked before stands."""
    env.cr.cache.pop(CHECKED, None)

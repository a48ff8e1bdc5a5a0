# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may do what in the quality workflow, and how public methods take
their text arguments. The fields only the workflow sets are guarded by
``quality.protected.mixin`` (``quality_protected_mixin.py``)."""

from odoo.exceptions import UserError, ValidationError

MANAGER_GROUP = "quality_progress_sync.group_quality_manager"
INSPECTOR_GROUP = "quality_progress_sync.group_quality_inspector"


def is_quality_manager(env):
    return env.su or env.user.has_group(MANAGER_GROUP)


def is_quality_inspector(env):
    return env.su or env.user.has_group(INSPECTOR_GROUP)


def clean_text(env, value, label):
    """``value`` as a stripped text, False when empty: what a public method
    takes for a reason. Anything but a text (a list, a dict, a number) is
    refused with a clear error."""
    if value in (None, False):
        return False
    if not isinstance(value, str):
        raise ValidationError(
            env._("%(label)s must be a text, not %(value)r.", label=label, value=value)
        )
    return value.strip() or False


def is_person(user):
    """Whether ``user`` can own quality work: an internal user, never OdooBot
    (the superuser) nor a portal user."""
    return bool(user) and not user.share and not user._is_superuser()


def check_done_kept(records, vals, frozen):
    """Refuse a user's write of the ``frozen`` fields (what was produced,
    which lot) on done ``records``: a done order is a record, its
    certificate prints them. ``state`` is read only when such a field is
    written."""
    if records.env.su or not frozen & vals.keys():
        return
    done = records.filtered(lambda record: record.state == "done")
    if done:
        raise UserError(
            records.env._(
                "%(names)s are done: what they produced and its lot are a "
                "record and stay as they are.",
                names=", ".join(done.mapped("display_name")),
            )
        )

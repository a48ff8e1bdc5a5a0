# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What users may not write: the fields that only the quality workflow sets.

Every public method and every field is reachable over RPC with any value: a
view's ``readonly`` protects nothing. The add-on writes these fields as
superuser (``sudo()``); users, whatever their group, are refused.
"""

from odoo.exceptions import UserError, ValidationError

MANAGER_GROUP = "quality_progress_sync.group_quality_manager"
INSPECTOR_GROUP = "quality_progress_sync.group_quality_inspector"


def check_protected_fields(records, vals, protected):
    """Refuse ``vals`` (of a ``create`` or ``write`` on ``records``) when it
    sets one of the ``protected`` fields and the caller is not superuser."""
    if records.env.su:
        return
    forbidden = sorted(protected & vals.keys())
    if forbidden:
        labels = ", ".join(
            records._fields[name]._description_string(records.env) for name in forbidden
        )
        raise UserError(
            records.env._(
                "%(fields)s (%(model)s) follow the quality workflow: they are "
                "set by its actions, never written directly.",
                fields=labels,
                model=records._description,
            )
        )


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

# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one write guard of the add-on: the fields that only the quality
workflow sets, declared once per model, refused to users on every path.

Every public method and every field is reachable over RPC with any value: a
view's ``readonly`` protects nothing. A guarded model inherits
``quality.protected.mixin`` and declares, in its class body:

- ``_quality_protected_fields``: never given by a user, neither to
  ``create`` nor to ``write``;
- ``_quality_fixed_fields``: given at ``create``, never changed after.

Extensions of the model (another file, another module) declare theirs the
same way: the sets of every class of the model are joined. The guard holds
on ``create``, ``write`` and ``copy`` (``default`` is checked; the copy
starts where the workflow starts: the protected values are not copied), and
on the x2many commands of another record, which Odoo turns into these same
calls. The add-on's own code writes them as superuser (``sudo()``).

A superuser write made by Odoo on a user's behalf (``res.users``'
self-writeable fields) would pass: no field of the add-on that reaches a
guarded model is self-writeable (see ``res_users.py``).
"""

from odoo import api, models
from odoo.exceptions import UserError


class QualityProtectedMixin(models.AbstractModel):
    _name = "quality.protected.mixin"
    _description = "Fields Only The Quality Workflow Sets"

    _quality_protected_fields = frozenset()
    _quality_fixed_fields = frozenset()

    @api.model
    def _get_quality_guarded_fields(self, creating):
        """The fields users may not give to ``create`` (``creating``) or to
        ``write``: the declared sets of every class of the model, joined."""
        cls = type(self)
        cache = cls.__dict__.get("_quality_guarded_cache")
        if cache is None:
            protected, fixed = set(), set()
            for klass in cls.__mro__:
                protected |= klass.__dict__.get("_quality_protected_fields", set())
                fixed |= klass.__dict__.get("_quality_fixed_fields", set())
            cache = (frozenset(protected), frozenset(protected | fixed))
            cls._quality_guarded_cache = cache
        return cache[0] if creating else cache[1]

    def _check_quality_protected(self, vals, creating=False):
        """Refuse ``vals`` when it sets a guarded field and the caller is
        not superuser."""
        if self.env.su:
            return
        forbidden = self._get_quality_guarded_fields(creating) & vals.keys()
        if forbidden:
            raise UserError(self._get_quality_protected_error(forbidden, creating))

    def _get_quality_protected_error(self, forbidden, creating):
        """The refusal's text (override for a model's own wording)."""
        labels = ", ".join(
            self._fields[name]._description_string(self.env)
            for name in sorted(forbidden)
        )
        return self.env._(
            "%(fields)s (%(model)s) follow the quality workflow: they are set "
            "by its actions, never written directly.",
            fields=labels,
            model=self._description,
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_quality_protected(vals, creating=True)
        return super().create(vals_list)

    def write(self, vals):
        self._check_quality_protected(vals)
        return super().write(vals)

    def copy_data(self, default=None):
        """A copy starts where the workflow starts: what the workflow set is
        not copied, and may not be given in ``default``."""
        self._check_quality_protected(default or {}, creating=True)
        vals_list = super().copy_data(default=default)
        if not self.env.su:
            guarded = self._get_quality_guarded_fields(creating=True)
            given = (default or {}).keys()
            for vals in vals_list:
                for name in guarded & vals.keys() - given:
                    del vals[name]
        return vals_list

# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.8.0: SPC and the Shop Floor are modules of their own
(``quality_progress_sync_spc``, ``quality_progress_sync_shop_floor``).

Before the core loads its new code and data, what they own moves to them,
so that Odoo neither deletes it as the core's leftovers nor drops a column:

- the external ids of their models, fields, selection values and model
  inherits, of the records of their data and demo files (read from the
  modules' own files) and of their access rights;
- the SQL constraints and the many2many tables Odoo records per module;
- the core's views whose stored arch still names a moved field lose those
  nodes (the core's files give them their new arch a moment later; a view
  naming a field the registry does not hold yet cannot be validated);
- the modules are marked to install, loaded by Odoo in this same update
  (their demo data is not loaded again: their records are already here).

Nothing is deleted: every record, row and column stays where it is."""

import ast
import csv
import json
import logging
import re
from pathlib import Path

from lxml import etree

from odoo.modules.module import get_module_path

_logger = logging.getLogger(__name__)

CORE = "quality_progress_sync"
# Per new module: its whole models, and the fields it adds to the core's.
MOVES = {
    "quality_progress_sync_spc": {
        "models": [
            "quality.spc.signal",
            "quality.spc.capability",
            "quality.spc.chart",
            "quality.spc.limits.wizard",
        ],
        "fields": {
            "quality.checkpoint": [
                "spc_enabled",
                "spc_rules",
                "spc_on_signal",
                "spc_patrol_checkpoint_id",
                "spc_cpk_target",
                "spc_subgroup_size",
                "spc_center_line",
                "spc_ucl",
                "spc_lcl",
                "spc_range_center",
                "spc_range_ucl",
                "spc_range_lcl",
                "spc_limits_count",
                "spc_limits_subgroup_size",
                "spc_limits_date_from",
                "spc_limits_date_to",
                "spc_limits_computed_on",
                "spc_limits_user_id",
                "containment_on_spc_signal",
                "spc_chart_kind",
                "spc_limits_stale",
                "spc_limits_provisional",
                "spc_subgroup_count",
                "spc_measure_count",
                "spc_mean",
                "spc_sigma_within",
                "spc_sigma_overall",
                "spc_cp",
                "spc_cpk",
                "spc_pp",
                "spc_ppk",
                "spc_capability_known",
                "spc_below_target",
                "spc_signal_ids",
                "spc_signal_count",
            ],
            "quality.inspection": [
                "spc_size",
                "spc_mean",
                "spc_range",
                "spc_stddev",
                "spc_sum",
                "spc_sum_squares",
                "spc_enabled",
                "spc_signal_ids",
                "spc_signal_count",
            ],
        },
    },
    "quality_progress_sync_shop_floor": {
        "models": [],
        "fields": {"res.users": ["quality_shop_floor_workcenter_ids"]},
    },
}
# Other external ids that move: the models a new module inherits and the
# core no longer does (``model_<model>``), and the ids Odoo makes for a
# module's inherit of another model (``model_inherit__<model>__<parent>``)
# when the new module adds it.
EXTRA = {
    "quality_progress_sync_spc": [],
    "quality_progress_sync_shop_floor": ["model_ir_websocket"],
}
# The tables of the ``_inherits`` parents of the records the modules' data
# files create.
PARENTS = ["product_template", "res_partner"]
# Many2many tables of the moved fields.
RELATIONS = {
    "quality_progress_sync_spc": ["quality_checkpoint_quality_spc_limits_wizard_rel"],
    "quality_progress_sync_shop_floor": ["quality_shop_floor_user_workcenter_rel"],
}
XML_ID = re.compile(r"""<(?:record|menuitem|template)\b[^>]*?\bid=["']([\w.]+)["']""")


def _module_dir(module):
    path = get_module_path(module, display_warning=False)
    if not path:
        raise RuntimeError(
            f"{module} is not on the addons path: it holds what {CORE} "
            f"18.0.1.8.0 moved out of it; add its directory to the addons path."
        )
    return Path(path)


def _file_ids(module):
    """The local external ids the module's data and demo files declare."""
    root = _module_dir(module)
    manifest = ast.literal_eval((root / "__manifest__.py").read_text())
    ids = set()
    for name in manifest.get("data", []) + manifest.get("demo", []):
        path = root / name
        if name.endswith(".csv"):
            with path.open(newline="") as handle:
                ids |= {row["id"] for row in csv.DictReader(handle)}
        elif name.endswith(".xml"):
            ids |= set(XML_ID.findall(path.read_text()))
    # "other_module.name" is a record of that module the file changes.
    return sorted(
        i.split(".", 1)[-1] for i in ids if "." not in i or i.startswith(f"{module}.")
    )


def _model_prefixes(models, fields):
    """LIKE patterns of the external ids Odoo makes for ``models`` and for
    ``fields`` ({model: [field]})."""
    patterns = []
    for model in models:
        key = model.replace(".", "_")
        patterns += [
            f"model_{key}",
            f"field_{key}__%",
            f"selection__{key}__%",
            f"model_inherit__{key}__%",
            f"access_{key}_%",
        ]
    for model, names in fields.items():
        key = model.replace(".", "_")
        for name in names:
            patterns += [f"field_{key}__{name}", f"selection__{key}__{name}__%"]
    # "_" is a wildcard of LIKE: escaped to match itself.
    return [p.replace("_", r"\_") for p in patterns]


def _move_xml_ids(cr, module, moves):
    names = _file_ids(module)
    # Odoo names the parent record of an ``_inherits`` (a product's
    # template) after its child: "<id>_product_template".
    names += [f"{name}_{parent}" for name in names for parent in PARENTS]
    names += EXTRA[module]
    patterns = _model_prefixes(moves["models"], moves["fields"])
    cr.execute(
        """UPDATE ir_model_data SET module = %s
            WHERE module = %s AND (name = ANY(%s) OR name LIKE ANY(%s))""",
        (module, CORE, names, patterns or [""]),
    )
    _logger.info("%s: %s external ids moved to %s", CORE, cr.rowcount, module)


def _module_id(cr, name):
    cr.execute("SELECT id FROM ir_module_module WHERE name = %s", (name,))
    row = cr.fetchone()
    return row and row[0]


def _move_constraints(cr, module, moves):
    """Constraints and many2many tables of the moved models and fields."""
    core_id, module_id = _module_id(cr, CORE), _module_id(cr, module)
    models = moves["models"]
    cr.execute(
        """UPDATE ir_model_constraint c SET module = %s
             FROM ir_model m
            WHERE c.model = m.id AND c.module = %s AND m.model = ANY(%s)""",
        (module_id, core_id, models),
    )
    fkeys = [
        f"{model.replace('.', '_')}_{name}_fkey"
        for model, names in moves["fields"].items()
        for name in names
    ]
    # The foreign keys of their many2many tables: "<table>_<column>_fkey".
    tables = [table.replace("_", r"\_") + r"\_%\_fkey" for table in RELATIONS[module]]
    cr.execute(
        """UPDATE ir_model_constraint SET module = %s
            WHERE module = %s AND (name = ANY(%s) OR name LIKE ANY(%s))""",
        (module_id, core_id, fkeys, tables or [""]),
    )
    cr.execute(
        """UPDATE ir_model_relation r SET module = %s
             FROM ir_model m
            WHERE r.model = m.id AND r.module = %s
              AND (m.model = ANY(%s) OR r.name = ANY(%s))""",
        (module_id, core_id, models, RELATIONS[module]),
    )


def _moved_field_names():
    return sorted(
        {
            name
            for moves in MOVES.values()
            for names in moves["fields"].values()
            for name in names
        }
    )


def _strip_arch(arch, pattern):
    """``arch`` without the nodes whose attributes name a moved field."""
    root = etree.fromstring(arch.encode())
    for node in list(root.iter(etree.Element)):
        if node is not root and any(pattern.search(v) for v in node.attrib.values()):
            parent = node.getparent()
            if parent is not None:
                parent.remove(node)
    return etree.tostring(root, encoding="unicode")


def _strip_core_views(cr):
    """The core's views whose stored arch names a moved field, without it."""
    names = _moved_field_names()
    if not names:
        return
    words = "|".join(names)
    pattern = re.compile(rf"\b({words})\b")
    cr.execute(
        """SELECT v.id, v.arch_db FROM ir_ui_view v
             JOIN ir_model_data d ON d.model = 'ir.ui.view' AND d.res_id = v.id
            WHERE d.module = %s AND v.arch_db::text ~ %s""",
        (CORE, rf"\m({words})\M"),
    )
    for view_id, arch_db in cr.fetchall():
        stripped = {lang: _strip_arch(arch, pattern) for lang, arch in arch_db.items()}
        cr.execute(
            "UPDATE ir_ui_view SET arch_db = %s::jsonb WHERE id = %s",
            (json.dumps(stripped), view_id),
        )


def _mark_to_install(cr, module):
    """Install the module in this update, its demo data not loaded again."""
    cr.execute(
        """UPDATE ir_module_module SET state = 'to install', demo = false
            WHERE name = %s AND state = 'uninstalled'""",
        (module,),
    )
    if not cr.rowcount and not _module_id(cr, module):
        raise RuntimeError(f"{module} is not known: update the apps list first.")


def migrate(cr, version):
    if not version:
        return
    for module in MOVES:
        _module_dir(module)
    _strip_core_views(cr)
    for module, moves in MOVES.items():
        _move_xml_ids(cr, module, moves)
        _move_constraints(cr, module, moves)
        _mark_to_install(cr, module)

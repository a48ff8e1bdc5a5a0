# Run through `odoo shell` (see scripts/test): uninstall the add-on (its
# feature modules with it), then drive a manufacturing order with work
# orders to Done.
# Exits non-zero when Manufacturing no longer works.

module = env["ir.module.module"].search([("name", "=", "quality_progress_sync")])
if module.state == "installed":
    module.button_immediate_uninstall()
    print("uninstall-check: quality_progress_sync uninstalled")
else:
    Workcenter = env["mrp.workcenter"]
    product = env["product.product"].create(
        {"name": "Uninstall check", "type": "consu"}
    )
    workcenter = Workcenter.create({"name": "Uninstall check"})
    bom = env["mrp.bom"].create(
        {
            "product_tmpl_id": product.product_tmpl_id.id,
            "operation_ids": [(0, 0, {"name": "Op", "workcenter_id": workcenter.id})],
        }
    )
    production = env["mrp.production"].create(
        {"product_id": product.id, "bom_id": bom.id, "product_qty": 1}
    )
    production.action_confirm()
    production.workorder_ids.button_start()
    production.workorder_ids.button_finish()
    production.qty_producing = 1
    production.button_mark_done()
    assert production.state == "done", production.state
    assert "inspection_ids" not in env["mrp.workorder"]._fields
    # SPC and the Shop Floor depend on the core: they went with it.
    installed = env["ir.module.module"].search(
        [("name", "=like", "quality_progress_sync%"), ("state", "!=", "uninstalled")]
    )
    assert not installed, installed.mapped("name")
    env.cr.rollback()
    print("uninstall-check: manufacturing works without the add-on")

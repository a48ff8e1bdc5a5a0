/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {Component, markup, onWillUpdateProps, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {useService} from "@web/core/utils/hooks";
import {InspectionItem} from "./inspection_item";
import {errorMessage, formatPlannedEnd, formatQty} from "./shop_floor_utils";

/**
 * The open work order: Start / Pause / Finish, the quantity produced (and its
 * lot), the operation's instructions and the inspections in the order they
 * must happen. Every button calls the method the forms call, as the user;
 * what the server refuses is shown here, in its words. The work order comes
 * from the Shop Floor's one call: after a change, the panel asks it to read
 * again ("reload" on the env's ``shopFloor.bus``).
 */
export class WorkorderPanel extends Component {
    static template = "quality_progress_sync_shop_floor.WorkorderPanel";
    static components = {InspectionItem};
    static props = {
        workorder: Object,
        onClose: Function,
        onOpen: Function,
    };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.notification = useService("notification");
        this.state = useState({
            busy: false,
            refusal: "",
            error: "",
            highlightId: false,
            highlightRequest: 0,
            addQty: "",
            showAdd: false,
            lotName: this.props.workorder.lot_name,
        });
        // The inspection whose measure was just recorded: its result is told
        // once the work order is read again.
        this.pendingResultId = false;
        // The quantity produced the server last accepted from this panel,
        // until the work order is read again: a second tap before that read
        // counts from it, not from the quantity shown before the first.
        this.producedSent = null;
        onWillUpdateProps((next) => this.onWorkorderRead(next.workorder));
    }

    /** The work order read again (after a change, here or elsewhere). */
    onWorkorderRead(wo) {
        if (wo !== this.props.workorder) {
            this.producedSent = null;
        }
        if (wo.lot_name !== this.props.workorder.lot_name) {
            this.state.lotName = wo.lot_name;
        }
        // A refused Finish tells the state it was refused in: once the work
        // order changed (here, or on another screen through the bus), its
        // reason may no longer hold.
        if (this.state.refusal && signature(wo) !== this.refusalSignature) {
            this.state.refusal = "";
        }
        if (this.pendingResultId && wo !== this.props.workorder) {
            const insp = wo.inspections.find((i) => i.id === this.pendingResultId);
            this.pendingResultId = false;
            this.notifyResult(insp);
        }
    }

    /** Ask the Shop Floor to read everything shown again. */
    reload() {
        this.env.shopFloor.bus.trigger("reload");
    }

    // ------------------------------------------------------------------
    // Getters
    // ------------------------------------------------------------------

    get wo() {
        return this.props.workorder;
    }

    /** The operation's instructions, HTML sanitized by the server. */
    get instructions() {
        return markup(this.wo.instructions);
    }

    get plannedEnd() {
        return formatPlannedEnd(this.wo.date_finished);
    }

    /** The quantity produced the next tap counts from. */
    get producedQty() {
        return this.producedSent ?? this.wo.qty_produced;
    }

    get produced() {
        return formatQty(this.wo.qty_produced);
    }

    get toProduce() {
        return formatQty(this.wo.qty_production);
    }

    /**
     * The inspections that hold Finish and that the user may record: the
     * refusal's shortcuts. Those of someone else are named in its text.
     */
    get todoInspections() {
        return this.wo.inspections.filter(
            (insp) => insp.gate_blocking && insp.can_record && insp.state === "todo"
        );
    }

    // ------------------------------------------------------------------
    // Calls
    // ------------------------------------------------------------------

    /**
     * Call ``method`` as this screen and show what it answers or refuses;
     * read the work order again either way. ``onDone`` runs once the server
     * accepted the call, before that read.
     */
    async call(model, method, args, {refuse = "error", success, onDone} = {}) {
        if (this.state.busy) {
            return false;
        }
        this.state.busy = true;
        this.state.error = "";
        let ok = false;
        try {
            const result = await this.orm.call(model, method, args, {
                context: this.env.shopFloor.context,
            });
            ok = true;
            onDone?.();
            const message = result?.params?.message || success;
            if (message) {
                this.notification.add(message, {
                    type: result?.params?.type || "success",
                });
            }
        } catch (error) {
            this.state[refuse] = errorMessage(error);
            if (refuse === "refusal") {
                this.refusalSignature = signature(this.wo);
            }
        } finally {
            this.state.busy = false;
        }
        this.reload();
        return ok;
    }

    start() {
        return this.call("mrp.workorder", "button_start", [[this.wo.id]]);
    }

    pause() {
        return this.call("mrp.workorder", "button_pending", [[this.wo.id]], {
            success: _t("%(workorder)s paused.", {workorder: this.wo.display_name}),
        });
    }

    finish() {
        return this.call("mrp.workorder", "button_finish", [[this.wo.id]], {
            refuse: "refusal",
            success: _t("%(workorder)s finished.", {workorder: this.wo.display_name}),
        });
    }

    setProduced(quantity) {
        const qty = Math.max(0, quantity);
        return this.call("mrp.workorder", "set_shop_floor_produced", [[this.wo.id], qty], {
            onDone: () => {
                this.producedSent = qty;
            },
        });
    }

    addOne() {
        return this.setProduced(this.producedQty + 1);
    }

    removeOne() {
        return this.setProduced(this.producedQty - 1);
    }

    produceAll() {
        return this.setProduced(this.wo.qty_production);
    }

    toggleAdd() {
        this.state.showAdd = !this.state.showAdd;
        this.state.addQty = "";
    }

    pressAdd(key) {
        if (key === "." && this.state.addQty.includes(".")) {
            return;
        }
        this.state.addQty += key;
    }

    async confirmAdd() {
        const qty = Number(this.state.addQty);
        if (!Number.isFinite(qty) || qty <= 0) {
            this.state.error = _t("Enter the number of pieces made.");
            return;
        }
        this.state.showAdd = false;
        await this.setProduced(this.producedQty + qty);
    }

    setLot() {
        return this.call("mrp.workorder", "set_shop_floor_lot", [
            [this.wo.id],
            this.state.lotName,
        ]);
    }

    /** Bring the inspection to do in view, from the refused Finish. */
    goToInspection(inspection) {
        this.state.highlightId = inspection.id;
        this.state.highlightRequest++;
    }

    async onRecord(kind, inspection, data) {
        const ids = [[inspection.id]];
        const model = "quality.inspection";
        if (kind === "pass") {
            await this.call(model, "action_pass", ids);
        } else if (kind === "measure") {
            this.pendingResultId = inspection.id;
            if (!(await this.call(model, "do_measure", [[inspection.id], data]))) {
                this.pendingResultId = false;
            }
        } else if (kind === "photo") {
            await this.call(model, "write", [[inspection.id], {picture: data}], {
                success: _t("Photo added to %(name)s.", {name: inspection.name}),
            });
        } else if (kind === "fail" || kind === "samples") {
            // The dialogs of the forms: the reason and the failed quantity,
            // or one result per unit of an AQL sample.
            const method = kind === "fail" ? "action_fail" : "action_open_measure_wizard";
            let action;
            try {
                action = await this.orm.call(model, method, ids, {
                    context: this.env.shopFloor.context,
                });
            } catch (error) {
                this.state.error = errorMessage(error);
                return;
            }
            // The dialog records as this screen: its echo is ignored too.
            await this.actionService.doAction(action, {
                additionalContext: this.env.shopFloor.context,
                onClose: () => this.reload(),
            });
        }
    }

    notifyResult(insp) {
        if (!insp) {
            return;
        }
        const failed = insp.state === "fail";
        this.notification.add(
            failed
                ? _t("%(name)s (%(title)s) failed.", insp)
                : _t("%(name)s (%(title)s) passed.", insp),
            {type: failed ? "warning" : "success"}
        );
    }
}

/** What a refusal of Finish depends on: the work order and its inspections. */
function signature(wo) {
    return JSON.stringify([
        wo.id,
        wo.state,
        wo.qty_produced,
        wo.inspections.map((insp) => [insp.id, insp.state, insp.disposition]),
    ]);
}

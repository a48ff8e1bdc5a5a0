/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {Component, markup, onWillStart, onWillUpdateProps, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {useService} from "@web/core/utils/hooks";
import {InspectionItem} from "./inspection_item";
import {STATE_LABELS} from "./workorder_card";
import {errorMessage, formatPlannedEnd, formatQty} from "./shop_floor_utils";

/**
 * The open work order: Start / Pause / Finish, the quantity produced (and its
 * lot), the operation's instructions and the inspections in the order they
 * must happen. Every button calls the method the forms call, as the user;
 * what the server refuses is shown here, in its words.
 */
export class WorkorderPanel extends Component {
    static template = "quality_progress_sync.WorkorderPanel";
    static components = {InspectionItem};
    static props = {
        workorderId: Number,
        refreshKey: Number,
        onClose: Function,
        onChanged: Function,
        onOpen: Function,
    };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.notification = useService("notification");
        this.state = useState({
            wo: null,
            busy: false,
            refusal: "",
            error: "",
            highlightId: false,
            addQty: "",
            showAdd: false,
            lotName: "",
        });
        onWillStart(() => this.load(this.props.workorderId));
        onWillUpdateProps(async (next) => {
            if (
                next.workorderId !== this.props.workorderId ||
                next.refreshKey !== this.props.refreshKey
            ) {
                if (next.workorderId !== this.props.workorderId) {
                    this.state.refusal = "";
                    this.state.error = "";
                }
                await this.load(next.workorderId);
            }
        });
    }

    async load(workorderId) {
        const wo = await this.orm.call("mrp.workorder", "get_shop_floor_workorder", [
            [workorderId],
        ]);
        this.state.wo = wo;
        this.state.lotName = wo.lot_name;
        // A refused Finish tells the state it was refused in: once the work
        // order changed (here, on another screen, through the bus), its
        // reason may no longer hold.
        if (this.state.refusal && this.gateSignature !== this.refusalSignature) {
            this.state.refusal = "";
        }
    }

    /** What a refusal of Finish depends on: the work order and its inspections. */
    get gateSignature() {
        const wo = this.state.wo;
        return JSON.stringify([
            wo.id,
            wo.state,
            wo.qty_produced,
            wo.inspections.map((insp) => [insp.id, insp.state, insp.disposition]),
        ]);
    }

    // ------------------------------------------------------------------
    // Getters
    // ------------------------------------------------------------------

    get wo() {
        return this.state.wo;
    }

    /** The operation's instructions, HTML sanitized by the server. */
    get instructions() {
        return markup(this.wo.instructions);
    }

    get stateLabel() {
        return STATE_LABELS[this.wo.state] || this.wo.state;
    }

    get plannedEnd() {
        return formatPlannedEnd(this.wo.date_finished);
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
     * Call ``method`` and show what it answers or refuses; read the work
     * order again either way.
     */
    async call(model, method, args, {refuse = "error", success} = {}) {
        if (this.state.busy) {
            return false;
        }
        this.state.busy = true;
        this.state.error = "";
        let ok = false;
        let refused = "";
        try {
            const result = await this.orm.call(model, method, args);
            ok = true;
            const message = result?.params?.message || success;
            if (message) {
                this.notification.add(message, {
                    type: result?.params?.type || "success",
                });
            }
        } catch (error) {
            refused = errorMessage(error);
        } finally {
            this.state.busy = false;
        }
        await this.load(this.props.workorderId);
        if (refused) {
            this.state[refuse] = refused;
            if (refuse === "refusal") {
                this.refusalSignature = this.gateSignature;
            }
        }
        this.props.onChanged();
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
        return this.call("mrp.workorder", "set_shop_floor_produced", [[this.wo.id], qty]);
    }

    addOne() {
        return this.setProduced(this.wo.qty_produced + 1);
    }

    removeOne() {
        return this.setProduced(this.wo.qty_produced - 1);
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
        await this.setProduced(this.wo.qty_produced + qty);
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
        const el = document.querySelector(`.o_qps_sf_inspection[data-id="${inspection.id}"]`);
        if (el) {
            el.scrollIntoView({behavior: "smooth", block: "center"});
        }
    }

    async onRecord(kind, inspection, data) {
        const ids = [[inspection.id]];
        const model = "quality.inspection";
        if (kind === "pass") {
            await this.call(model, "action_pass", ids);
        } else if (kind === "measure") {
            if (await this.call(model, "do_measure", [[inspection.id], data])) {
                this.notifyResult(inspection.id);
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
                action = await this.orm.call(model, method, ids);
            } catch (error) {
                this.state.error = errorMessage(error);
                return;
            }
            await this.actionService.doAction(action, {
                onClose: async () => {
                    await this.load(this.props.workorderId);
                    this.props.onChanged();
                },
            });
        }
    }

    notifyResult(inspectionId) {
        const insp = this.wo.inspections.find((i) => i.id === inspectionId);
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

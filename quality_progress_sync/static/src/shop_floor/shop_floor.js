/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {Component, onWillStart, onWillUnmount, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {browser} from "@web/core/browser/browser";
import {registry} from "@web/core/registry";
import {useBus, useService} from "@web/core/utils/hooks";
import {user} from "@web/core/user";
import {WorkcenterPicker} from "./workcenter_picker";
import {WorkorderCard} from "./workorder_card";
import {WorkorderPanel} from "./workorder_panel";
import {errorMessage} from "./shop_floor_utils";

// The notification the server sends when work orders or their inspections
// change (models/quality_inspection_shop_floor.py).
export const SHOP_FLOOR_NOTIFICATION = "quality_progress_sync/shop_floor";
// The channel the screen asks for: the server makes it the channels of the
// user's companies (models/ir_websocket.py), so that a company's changes
// reach its own screens only.
export const SHOP_FLOOR_CHANNEL = "quality_progress_sync/shop_floor";
// Without a live connection to the bus (a proxy that drops websockets, the
// test server), the screen reads again at this interval.
const FALLBACK_POLL_MS = 4000;

/**
 * The Shop Floor: the queues of the chosen work centers and the panel of the
 * open work order. Everything shown comes from the server in one call
 * (mrp.workorder.get_shop_floor_data), read again when the bus says that
 * something shown changed.
 */
export class ShopFloor extends Component {
    static template = "quality_progress_sync.ShopFloor";
    static components = {WorkcenterPicker, WorkorderCard, WorkorderPanel};
    static props = ["*"];
    // Full screen, without Odoo's navigation bar (Exit brings it back).
    static target = "fullscreen";

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.notification = useService("notification");
        this.busService = useService("bus_service");
        this.barcode = useService("barcode");
        this.userName = user.name;
        this.state = useState({
            loaded: false,
            workcenters: [],
            workcenterIds: [],
            workorders: [],
            choosing: false,
            openId: false,
            panelKey: 0,
        });
        onWillStart(() => this.load());
        this.onNotification = this.onNotification.bind(this);
        this.busService.subscribe(SHOP_FLOOR_NOTIFICATION, this.onNotification);
        // Listening to the channel starts the bus if it is not running.
        this.busService.addChannel(SHOP_FLOOR_CHANNEL);
        this.pollTimer = browser.setInterval(() => this.poll(), FALLBACK_POLL_MS);
        onWillUnmount(() => {
            this.busService.unsubscribe(SHOP_FLOOR_NOTIFICATION, this.onNotification);
            this.busService.deleteChannel(SHOP_FLOOR_CHANNEL);
            browser.clearInterval(this.pollTimer);
            browser.clearTimeout(this.refreshTimer);
        });
        useBus(this.barcode.bus, "barcode_scanned", (ev) =>
            this.onBarcode(ev.detail.barcode)
        );
    }

    // ------------------------------------------------------------------
    // Data
    // ------------------------------------------------------------------

    async load(workcenterIds) {
        const args = workcenterIds === undefined ? [] : [workcenterIds];
        const data = await this.orm.call(
            "mrp.workorder",
            "get_shop_floor_data",
            args
        );
        this.state.workcenters = data.workcenters;
        this.state.workcenterIds = data.workcenter_ids;
        this.state.workorders = data.workorders;
        if (!this.state.loaded) {
            this.state.choosing = !data.workcenter_ids.length;
        }
        this.state.loaded = true;
    }

    /** Read everything shown again: the queue and the open panel. */
    async refresh() {
        await this.load();
        this.state.panelKey++;
    }

    onNotification(payload) {
        const shown = new Set(this.state.workcenterIds);
        const concerned =
            (payload.workcenter_ids || []).some((id) => shown.has(id)) ||
            (payload.workorder_ids || []).includes(this.state.openId);
        if (concerned) {
            // Several notifications in a row make one read.
            browser.clearTimeout(this.refreshTimer);
            this.refreshTimer = browser.setTimeout(() => this.refresh(), 250);
        }
    }

    poll() {
        if (this.busService.workerState === "CONNECTED" || document.hidden) {
            return;
        }
        if (this.state.loaded && !this.state.choosing) {
            this.refresh();
        }
    }

    // ------------------------------------------------------------------
    // Getters
    // ------------------------------------------------------------------

    get queues() {
        return this.state.workcenterIds.map((id) => ({
            workcenter: this.state.workcenters.find((wc) => wc.id === id) || {
                id,
                name: "",
            },
            workorders: this.state.workorders.filter((wo) => wo.workcenter_id === id),
        }));
    }

    get chosenNames() {
        return this.queues.map((queue) => queue.workcenter.name).join(", ");
    }

    // ------------------------------------------------------------------
    // Handlers
    // ------------------------------------------------------------------

    async onChooseWorkcenters(ids) {
        await this.load(ids);
        this.state.choosing = false;
    }

    openWorkorder(id) {
        this.state.openId = id;
        this.state.panelKey++;
    }

    closeWorkorder() {
        this.state.openId = false;
        this.load();
    }

    async onBarcode(barcode) {
        let found = false;
        try {
            found = await this.orm.call("mrp.workorder", "find_shop_floor_barcode", [
                barcode,
            ]);
        } catch (error) {
            this.notification.add(errorMessage(error), {type: "danger"});
            return;
        }
        if (!found) {
            this.notification.add(
                _t("Nothing to open for the barcode %(barcode)s.", {barcode}),
                {type: "warning"}
            );
            return;
        }
        this.state.choosing = false;
        this.openWorkorder(found.id);
    }

    exit() {
        this.actionService.doAction("mrp.mrp_production_action", {
            clearBreadcrumbs: true,
        });
    }
}

registry.category("actions").add("quality_progress_sync.shop_floor_action", ShopFloor);

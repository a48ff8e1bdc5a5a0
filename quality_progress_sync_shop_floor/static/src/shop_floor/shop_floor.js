/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {Component, EventBus, onWillStart, onWillUnmount, useState, useSubEnv} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {browser} from "@web/core/browser/browser";
import {registry} from "@web/core/registry";
import {KeepLast} from "@web/core/utils/concurrency";
import {useBus, useService} from "@web/core/utils/hooks";
import {user} from "@web/core/user";
import {standardActionServiceProps} from "@web/webclient/actions/action_service";
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
// The context key naming the screen that makes a change: its notification
// comes back with it as its ``origin`` (SHOP_FLOOR_ORIGIN_KEY on the server).
export const SHOP_FLOOR_ORIGIN_KEY = "shop_floor_screen";
// Without a live connection to the bus (a proxy that drops websockets, the
// test server), the screen reads again at this interval.
const FALLBACK_POLL_MS = 4000;
// Several notifications in a row make one read.
const NOTIFICATION_DELAY_MS = 250;

/** A token of this screen (browser tab), for the bus to tell its own echo. */
function screenToken() {
    const random = Math.random().toString(36).slice(2);
    return `${Date.now().toString(36)}-${random}`;
}

/**
 * The Shop Floor: the queues of the chosen work centers and the panel of the
 * open work order. Everything shown comes from the server in one call
 * (mrp.workorder.get_shop_floor_data), which this component owns: its
 * children ask for it through the ``shopFloor.bus`` of their env ("reload"),
 * as Odoo's MO overview does. The bus's notifications read it again when
 * someone else changed what is shown; the echo of this screen's own changes
 * is ignored, read already.
 */
export class ShopFloor extends Component {
    static template = "quality_progress_sync_shop_floor.ShopFloor";
    static components = {WorkcenterPicker, WorkorderCard, WorkorderPanel};
    static props = {...standardActionServiceProps};
    // Full screen, without Odoo's navigation bar (Exit brings it back).
    static target = "fullscreen";

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.notification = useService("notification");
        this.busService = useService("bus_service");
        this.barcode = useService("barcode");
        this.userName = user.name;
        this.keepLast = new KeepLast();
        this.screenId = screenToken();
        this.state = useState({
            loaded: false,
            workcenters: [],
            workcenterIds: [],
            workorders: [],
            workorder: false,
            choosing: false,
            openId: false,
        });
        useSubEnv({
            shopFloor: {
                bus: new EventBus(),
                context: {[SHOP_FLOOR_ORIGIN_KEY]: this.screenId},
            },
        });
        useBus(this.env.shopFloor.bus, "reload", () => this.load());
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

    /**
     * Read what the screen shows: the queues and the open work order's
     * panel, in one call; only the last of calls in flight is shown.
     * ``workcenterIds``, when given, is the user's new choice.
     */
    async load(workcenterIds) {
        const kwargs = {workorder_id: this.state.openId || false};
        if (workcenterIds !== undefined) {
            kwargs.workcenter_ids = workcenterIds;
        }
        const data = await this.keepLast.add(
            this.orm.call("mrp.workorder", "get_shop_floor_data", [], kwargs)
        );
        this.state.workcenters = data.workcenters;
        this.state.workcenterIds = data.workcenter_ids;
        this.state.workorders = data.workorders;
        this.state.workorder = data.workorder;
        if (!this.state.loaded) {
            this.state.choosing = !data.workcenter_ids.length;
        }
        this.state.loaded = true;
    }

    onNotification(payload) {
        if (payload.origin && payload.origin === this.screenId) {
            // The echo of this screen's own change: read already.
            return;
        }
        const shown = new Set(this.state.workcenterIds);
        const concerned =
            (payload.workcenter_ids || []).some((id) => shown.has(id)) ||
            (payload.workorder_ids || []).includes(this.state.openId);
        if (concerned) {
            browser.clearTimeout(this.refreshTimer);
            this.refreshTimer = browser.setTimeout(
                () => this.load(),
                NOTIFICATION_DELAY_MS
            );
        }
    }

    poll() {
        if (this.busService.workerState === "CONNECTED" || document.hidden) {
            return;
        }
        if (this.state.loaded && !this.state.choosing) {
            this.load();
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

    /** The panel of the work order shown, once read. */
    get panelWorkorder() {
        const wo = this.state.workorder;
        return wo && wo.id === this.state.openId ? wo : false;
    }

    openWorkorder(id) {
        this.state.openId = id;
        return this.load();
    }

    closeWorkorder() {
        this.state.openId = false;
        return this.load();
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
        await this.openWorkorder(found.id);
    }

    exit() {
        this.actionService.doAction("mrp.mrp_production_action", {
            clearBreadcrumbs: true,
        });
    }
}

registry.category("actions").add("quality_progress_sync.shop_floor_action", ShopFloor);

/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {Component} from "@odoo/owl";
import {formatPlannedEnd, formatQty} from "./shop_floor_utils";

/** A work order in a work center's queue. */
export class WorkorderCard extends Component {
    static template = "quality_progress_sync_shop_floor.WorkorderCard";
    static props = {
        workorder: Object,
        active: {type: Boolean, optional: true},
        onOpen: Function,
    };

    get plannedEnd() {
        return formatPlannedEnd(this.props.workorder.date_finished);
    }

    get progressText() {
        const wo = this.props.workorder;
        return `${formatQty(wo.qty_produced)} / ${formatQty(wo.qty_production)} ${wo.uom}`;
    }

    get progressPercent() {
        const wo = this.props.workorder;
        if (!wo.qty_production) {
            return 0;
        }
        return Math.min(100, (100 * wo.qty_produced) / wo.qty_production);
    }
}

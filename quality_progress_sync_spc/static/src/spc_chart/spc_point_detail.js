/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {Component} from "@odoo/owl";
import {formatDate, formatMeasure} from "./spc_format";

/** The selected subgroup: who measured it when, where, and its rules. */
export class SpcPointDetail extends Component {
    static template = "quality_progress_sync_spc.SpcPointDetail";
    static props = {
        // No point selected: null.
        point: [Object, {value: null}],
        labels: {type: Object, shape: {location: String, dispersion: String}},
        digits: Number,
        onOpenInspection: Function,
        onOpenWorkorder: Function,
    };

    format(value, extra = 1) {
        return formatMeasure(value, this.props.digits, extra);
    }

    get values() {
        return this.props.point.values.map((value) => this.format(value, 0)).join(" · ");
    }

    get date() {
        return formatDate(this.props.point.date);
    }
}

/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {Component, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {formatQty, measureStatus} from "./shop_floor_utils";

const KEYS = ["7", "8", "9", "4", "5", "6", "1", "2", "3", "-", "0", "."];

/**
 * The values of a measure inspection, one slot per sample unit its
 * checkpoint asks for: each slot takes the device's numeric keypad
 * (inputmode "decimal") or the big keys below, shows the tolerance beside
 * the value and tells, as it is typed, whether the value is out of it.
 */
export class MeasurePad extends Component {
    static template = "quality_progress_sync_shop_floor.MeasurePad";
    static props = {
        inspection: Object,
        onSubmit: Function,
        busy: {type: Boolean, optional: true},
    };

    setup() {
        this.keys = KEYS;
        const count = Math.max(1, this.props.inspection.sample_size || 1);
        this.state = useState({values: Array(count).fill(""), current: 0});
    }

    get norm() {
        const insp = this.props.inspection;
        return `${formatQty(insp.norm)} ${insp.uom}`;
    }

    get tolerance() {
        const insp = this.props.inspection;
        return `${formatQty(insp.tolerance_min)} – ${formatQty(insp.tolerance_max)} ${insp.uom}`;
    }

    status(index) {
        return measureStatus(this.state.values[index], this.props.inspection);
    }

    statusLabel(index) {
        return {
            in: _t("In tolerance"),
            out: _t("Out of tolerance"),
        }[this.status(index)];
    }

    /** Typed on the device's own keypad: a number, with a point or a comma. */
    onInput(index, ev) {
        const typed = ev.target.value.replace(",", ".");
        const value = typed.replace(/[^0-9.-]/g, "");
        if (value !== ev.target.value) {
            ev.target.value = value;
        }
        this.state.current = index;
        this.state.values[index] = value;
    }

    get complete() {
        return this.state.values.every(
            (value, index) => value !== "" && this.status(index) !== ""
        );
    }

    select(index) {
        this.state.current = index;
    }

    press(key) {
        const index = this.state.current;
        let value = this.state.values[index];
        if (key === "-") {
            value = value.startsWith("-") ? value.slice(1) : `-${value}`;
        } else if (key === "." && value.includes(".")) {
            return;
        } else {
            value += key;
        }
        this.state.values[index] = value;
    }

    erase() {
        const index = this.state.current;
        this.state.values[index] = this.state.values[index].slice(0, -1);
    }

    next() {
        if (this.state.current < this.state.values.length - 1) {
            this.state.current++;
        }
    }

    submit() {
        this.props.onSubmit(this.state.values.map((value) => Number(value)));
    }
}

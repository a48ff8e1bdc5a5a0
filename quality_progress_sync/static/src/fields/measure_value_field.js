/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {CharField, charField} from "@web/views/fields/char/char_field";

/**
 * A measured value typed as text (so that an empty value is no zero): the
 * device's numeric keypad (inputmode "decimal"), a comma taken for a point,
 * and, as it is typed, whether it lies out of the tolerances that the
 * record's ``tolerance_min`` and ``tolerance_max`` give.
 */
export class MeasureValueField extends CharField {
    static template = "quality_progress_sync.MeasureValueField";

    setup() {
        super.setup();
        this.typed = useState({text: this.props.record.data[this.props.name] || ""});
    }

    onTypedInput(ev) {
        if (ev.target.value.includes(",")) {
            ev.target.value = ev.target.value.replaceAll(",", ".");
        }
        this.typed.text = ev.target.value;
    }

    get shownText() {
        return this.props.readonly
            ? this.props.record.data[this.props.name] || ""
            : this.typed.text;
    }

    /** "in", "out" or "" (nothing typed yet). */
    get status() {
        const text = String(this.shownText).trim();
        if (!text || text === "-" || text === ".") {
            return "";
        }
        const value = Number(text);
        const {tolerance_min: min, tolerance_max: max} = this.props.record.data;
        return Number.isFinite(value) && value >= min && value <= max ? "in" : "out";
    }

    get statusLabel() {
        return this.status === "out" ? _t("Out of tolerance") : _t("In tolerance");
    }
}

export const measureValueField = {
    ...charField,
    component: MeasureValueField,
};

registry.category("fields").add("qps_measure_value", measureValueField);

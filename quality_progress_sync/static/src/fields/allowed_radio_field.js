/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";
import {RadioField, radioField} from "@web/views/fields/radio/radio_field";

/**
 * Radio buttons for a selection that offer only the values a field of the
 * record allows (a list of keys the server computes, e.g. the dispositions
 * the user may decide). Big enough to be tapped.
 */
export class AllowedRadioField extends RadioField {
    static props = {
        ...RadioField.props,
        allowedField: {type: String, optional: true},
    };

    get items() {
        const items = super.items;
        if (!this.props.allowedField) {
            return items;
        }
        const allowed = this.props.record.data[this.props.allowedField] || [];
        return items.filter(([value]) => allowed.includes(value));
    }
}

export const allowedRadioField = {
    ...radioField,
    component: AllowedRadioField,
    extractProps({options}) {
        return {
            ...radioField.extractProps(...arguments),
            allowedField: options.allowed_field,
        };
    },
};

registry.category("fields").add("qps_allowed_radio", allowedRadioField);

/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {Component, useState} from "@odoo/owl";

/** Choose the work centers whose queues the screen shows. */
export class WorkcenterPicker extends Component {
    static template = "quality_progress_sync_shop_floor.WorkcenterPicker";
    static props = {
        workcenters: Array,
        selectedIds: Array,
        onConfirm: Function,
        onCancel: {type: Function, optional: true},
    };

    setup() {
        this.state = useState({selected: [...this.props.selectedIds]});
    }

    isSelected(id) {
        return this.state.selected.includes(id);
    }

    toggle(id) {
        if (this.isSelected(id)) {
            this.state.selected = this.state.selected.filter((other) => other !== id);
        } else {
            this.state.selected = [...this.state.selected, id];
        }
    }

    confirm() {
        // In the order of the list, not of the taps.
        const ids = this.props.workcenters
            .map((wc) => wc.id)
            .filter((id) => this.isSelected(id));
        this.props.onConfirm(ids);
    }
}

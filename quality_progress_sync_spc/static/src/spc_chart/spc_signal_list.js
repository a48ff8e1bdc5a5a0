/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {Component} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {formatDate} from "./spc_format";

/** The rules broken by the charted subgroups, newest first. */
export class SpcSignalList extends Component {
    static template = "quality_progress_sync_spc.SpcSignalList";
    static props = {
        points: {type: Array, element: Object},
        // No point selected: null.
        selectedIndex: [Number, {value: null}],
        onSelect: Function,
    };

    get rows() {
        const charts = {location: _t("Location"), dispersion: _t("Dispersion")};
        const rows = [];
        this.props.points.forEach((point, index) => {
            for (const signal of point.signals) {
                rows.push({
                    id: signal.id,
                    index,
                    number: point.index,
                    inspection: point.inspection,
                    date: formatDate(point.date),
                    chart: charts[signal.chart],
                    label: signal.label,
                    acknowledged: signal.state === "acknowledged",
                });
            }
        });
        return rows.reverse();
    }
}

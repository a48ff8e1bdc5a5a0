/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";
import {themeColor} from "@quality_progress_sync/core/theme_colors";
import {graphView} from "@web/views/graph/graph_view";
import {GraphRenderer} from "@web/views/graph/graph_renderer";

// Inspections by state keep the colours of their badges, whatever the order
// of the groups: passed green, failed red, to do blue, cancelled grey (the
// theme's, Bootstrap's as fallback).
const STATE_COLORS = {
    pass: ["success", "#198754"],
    fail: ["danger", "#dc3545"],
    todo: ["info", "#0dcaf0"],
    cancel: ["gray-500", "#adb5bd"],
};

/**
 * The colour of a dataset grouped by the inspection state, or undefined.
 * Each dataset knows the group values of its data points (identifiers).
 */
function getStateColor(dataset) {
    for (const identifier of dataset.identifiers || []) {
        const values = JSON.parse(identifier);
        const last = values[values.length - 1] || {};
        if ("state" in last && last.state in STATE_COLORS) {
            return themeColor(...STATE_COLORS[last.state]);
        }
    }
    return undefined;
}

export class QualityInspectionGraphRenderer extends GraphRenderer {
    getBarChartData() {
        const data = super.getBarChartData();
        for (const dataset of data.datasets) {
            const color = getStateColor(dataset);
            if (color) {
                dataset.backgroundColor = color;
            }
        }
        return data;
    }

    getLineChartData() {
        const data = super.getLineChartData();
        for (const dataset of data.datasets) {
            const color = getStateColor(dataset);
            if (color) {
                dataset.borderColor = color;
                dataset.pointBackgroundColor = color;
                dataset.hoverBackgroundColor = color;
            }
        }
        return data;
    }
}

registry.category("views").add("quality_inspection_graph", {
    ...graphView,
    Renderer: QualityInspectionGraphRenderer,
});

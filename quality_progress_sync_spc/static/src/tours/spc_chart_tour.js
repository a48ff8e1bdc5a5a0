/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";
import {chartColors} from "@quality_progress_sync_spc/spc_chart/spc_control_chart";

// The tour starts on the form of an SPC checkpoint whose last subgroup broke
// Nelson rule 1 (a mean beyond the upper control limit): tests/test_spc_tour.py.
const LOCATION = ".o_qps_spc_control_chart[data-chart=location]";

/** Whether two CSS colours are the same, whatever their notation. */
function sameColor(first, second) {
    const context = document.createElement("canvas").getContext("2d");
    context.fillStyle = first;
    const normalized = context.fillStyle;
    context.fillStyle = second;
    return normalized === context.fillStyle;
}

registry.category("web_tour.tours").add("quality_progress_sync_spc_chart_tour", {
    steps: () => [
        {
            content: "Open the control chart of the checkpoint",
            trigger: "button.oe_stat_button:contains(Control Chart)",
            run: "click",
        },
        {
            content: "The location chart is drawn, one of its points broke a rule",
            trigger: `.o_qps_spc_chart_action ${LOCATION}[data-signal-points="1"] canvas`,
        },
        {
            content: "The dispersion chart is drawn below it",
            trigger: ".o_qps_spc_control_chart[data-chart=dispersion] canvas",
        },
        {
            content: "The legend's swatches are the chart's colours, the theme's",
            trigger: `${LOCATION} .o_qps_spc_swatch_signal`,
            run() {
                const chart = window.Chart.getChart(document.querySelector(`${LOCATION} canvas`));
                const drawn = chart.data.datasets[0];
                const legend = this.anchor.closest(LOCATION);
                const swatch = (name) =>
                    getComputedStyle(legend.querySelector(`.o_qps_spc_swatch_${name}`))
                        .backgroundColor;
                const pairs = [
                    [swatch("point"), drawn.borderColor],
                    [swatch("signal"), chartColors().signal],
                ];
                for (const [css, canvas] of pairs) {
                    if (sameColor(css, canvas) !== true) {
                        throw new Error(`Legend ${css} is not the chart's ${canvas}`);
                    }
                }
            },
        },
        {
            content: "Hover the red point",
            trigger: `${LOCATION} canvas`,
            run() {
                const canvas = this.anchor;
                const chart = window.Chart.getChart(canvas);
                const colors = chart.data.datasets[0].pointBackgroundColor;
                const signal = chartColors().signal;
                const index = colors.indexOf(signal);
                if (index < 0 || colors.lastIndexOf(signal) !== index) {
                    throw new Error(`Expected one red point, got colours ${colors}`);
                }
                const point = chart.getDatasetMeta(0).data[index];
                const box = canvas.getBoundingClientRect();
                canvas.dispatchEvent(
                    new MouseEvent("mousemove", {
                        clientX: box.left + point.x,
                        clientY: box.top + point.y,
                        bubbles: true,
                    })
                );
            },
        },
        {
            content: "Its tooltip names the rule it broke",
            trigger: `${LOCATION} .o_qps_spc_tooltip:not(.d-none) .o_qps_spc_tooltip_signal .o_qps_spc_tooltip_rule:contains(Nelson 1)`,
        },
        {
            content: "and who measured it",
            trigger: `${LOCATION} .o_qps_spc_tooltip:not(.d-none):contains(Measured by):contains(Work order)`,
        },
        {
            content: "The signal is listed: select its point",
            trigger: ".o_qps_spc_signal_row:contains(Nelson 1)",
            run: "click",
        },
        {
            content: "The selected subgroup shows its rule",
            trigger: ".o_qps_spc_point_detail .o_qps_spc_detail_rule:contains(Nelson 1)",
        },
        {
            content: "Open its inspection",
            trigger: ".o_qps_spc_point_detail .o_qps_spc_open_inspection",
            run: "click",
        },
        {
            content: "The inspection passed",
            trigger: ".o_form_view .ribbon:contains(Passed)",
        },
        {
            content: "and holds the signal",
            trigger: "button.oe_stat_button:contains(SPC Signals)",
        },
    ],
});

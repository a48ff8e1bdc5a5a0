/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {Component, onWillStart, onWillUnmount, useEffect, useRef} from "@odoo/owl";
import {loadBundle} from "@web/core/assets";
import {_t} from "@web/core/l10n/translation";
import {renderToElement} from "@web/core/utils/render";
import {themeColor} from "@quality_progress_sync/core/theme_colors";
import {formatDate, formatMeasure} from "./spc_format";

/**
 * The chart's colours, the theme's (Bootstrap's as fallback), as the legend's
 * swatches (spc_chart.scss): points blue, a point that broke a rule and the
 * control limits red, the centre line green, the tolerances orange.
 */
export function chartColors() {
    return {
        signal: themeColor("danger", "#dc3545"),
        point: themeColor("info", "#0dcaf0"),
        center: themeColor("success", "#198754"),
        tolerance: themeColor("warning", "#ffc107"),
        selected: themeColor("body-color", "#212529"),
    };
}
// Big enough to be tapped on a tablet.
const POINT_RADIUS = 4;
const SIGNAL_RADIUS = 6;
const SELECTED_RADIUS = 8;

/**
 * One control chart (location or dispersion) drawn with the Chart.js that
 * Odoo ships (loaded on demand, as Odoo's graph view does): the subgroups as
 * a line, the centre line, the control limits and, on the location chart,
 * the tolerances. A point that broke a rule of this chart is red; its
 * tooltip names the rule. Tapping or clicking a point selects it.
 */
export class SpcControlChart extends Component {
    static template = "quality_progress_sync_spc.SpcControlChart";
    static props = {
        chartKey: {type: String, validate: (key) => ["location", "dispersion"].includes(key)},
        title: String,
        points: {type: Array, element: Object},
        // No limits computed yet: false.
        limits: [Object, Boolean],
        // Tolerances hidden: false.
        tolerance: [Object, Boolean],
        uom: {type: String, optional: true},
        digits: Number,
        // No point selected: null.
        selectedIndex: [Number, {value: null}],
        onSelect: Function,
    };

    setup() {
        this.canvasRef = useRef("canvas");
        this.tooltipRef = useRef("tooltip");
        this.chart = null;
        onWillStart(() => loadBundle("web.chartjs_lib"));
        useEffect(
            () => this.renderChart(),
            () => [
                this.props.points,
                this.props.limits,
                this.props.tolerance,
                this.props.selectedIndex,
            ]
        );
        onWillUnmount(() => this.chart && this.chart.destroy());
    }

    get values() {
        return this.props.points.map((point) => point[this.props.chartKey]);
    }

    /** Indexes of the points that broke a rule of this chart. */
    get signalIndexes() {
        return this.props.points
            .map((point, index) => (this.pointSignals(point).length ? index : -1))
            .filter((index) => index >= 0);
    }

    pointSignals(point) {
        return point.signals.filter((signal) => signal.chart === this.props.chartKey);
    }

    lineDataset(label, value, color, dash) {
        return {
            label,
            data: this.props.points.map(() => value),
            borderColor: color,
            borderDash: dash,
            borderWidth: 1.5,
            pointRadius: 0,
            pointHoverRadius: 0,
            pointHitRadius: 0,
            fill: false,
        };
    }

    get datasets() {
        const signals = new Set(this.signalIndexes);
        const selected = this.props.selectedIndex;
        const theme = chartColors();
        const colors = this.props.points.map((point, index) =>
            signals.has(index) ? theme.signal : theme.point
        );
        const radii = this.props.points.map((point, index) => {
            if (index === selected) {
                return SELECTED_RADIUS;
            }
            return signals.has(index) ? SIGNAL_RADIUS : POINT_RADIUS;
        });
        const datasets = [
            {
                label: this.props.title,
                data: this.values,
                borderColor: theme.point,
                borderWidth: 1.5,
                pointBackgroundColor: colors,
                pointBorderColor: this.props.points.map((point, index) =>
                    index === selected ? theme.selected : colors[index]
                ),
                pointBorderWidth: this.props.points.map((point, index) =>
                    index === selected ? 2 : 1
                ),
                pointRadius: radii,
                pointHoverRadius: radii.map((radius) => radius + 2),
                pointHitRadius: 12,
                tension: 0,
                spanGaps: false,
            },
        ];
        const limits = this.props.limits;
        if (limits) {
            datasets.push(
                this.lineDataset(_t("Centre line"), limits.center, theme.center, []),
                this.lineDataset(_t("Upper control limit"), limits.ucl, theme.signal, [6, 4]),
                this.lineDataset(_t("Lower control limit"), limits.lcl, theme.signal, [6, 4])
            );
        }
        const tolerance = this.props.tolerance;
        if (tolerance) {
            datasets.push(
                this.lineDataset(_t("Maximum tolerance"), tolerance.max, theme.tolerance, [2, 3]),
                this.lineDataset(_t("Minimum tolerance"), tolerance.min, theme.tolerance, [2, 3])
            );
        }
        return datasets;
    }

    get config() {
        const digits = this.props.digits;
        const narrow = this.canvasRef.el.parentElement.clientWidth < 600;
        return {
            type: "line",
            data: {
                labels: this.props.points.map((point) => String(point.index)),
                datasets: this.datasets,
            },
            options: {
                animation: false,
                maintainAspectRatio: false,
                responsive: true,
                // A tap or a hover anywhere over a subgroup picks it.
                interaction: {mode: "index", intersect: false},
                onClick: (event, elements) => {
                    const element = elements.find((item) => item.datasetIndex === 0);
                    if (element) {
                        this.props.onSelect(element.index);
                    }
                },
                plugins: {
                    legend: {display: false},
                    tooltip: {
                        enabled: false,
                        filter: (item) => item.datasetIndex === 0,
                        external: (context) => this.renderTooltip(context),
                    },
                },
                scales: {
                    x: {
                        title: {display: !narrow, text: _t("Subgroup")},
                        ticks: {autoSkip: true, maxTicksLimit: narrow ? 8 : 25},
                    },
                    y: {
                        title: {display: Boolean(this.props.uom), text: this.props.uom || ""},
                        ticks: {callback: (value) => formatMeasure(value, digits)},
                    },
                },
            },
        };
    }

    renderChart() {
        if (this.chart) {
            this.chart.destroy();
        }
        this.hideTooltip();
        this.chart = new Chart(this.canvasRef.el, this.config);
    }

    hideTooltip() {
        if (this.tooltipRef.el) {
            this.tooltipRef.el.classList.add("d-none");
        }
    }

    /** The tooltip of a subgroup, as HTML beside the point. */
    renderTooltip({chart, tooltip}) {
        const box = this.tooltipRef.el;
        const item = tooltip.dataPoints && tooltip.dataPoints[0];
        if (!box || tooltip.opacity === 0 || !item) {
            this.hideTooltip();
            return;
        }
        const point = this.props.points[item.dataIndex];
        const value = point[this.props.chartKey];
        if (value === null || value === undefined) {
            this.hideTooltip();
            return;
        }
        const content = renderToElement("quality_progress_sync_spc.SpcChartTooltip", {
            point,
            title: this.props.title,
            value: formatMeasure(value, this.props.digits, 1),
            values: point.values.map((v) => formatMeasure(v, this.props.digits)).join(" · "),
            date: formatDate(point.date),
            signals: this.pointSignals(point),
        });
        box.replaceChildren(content);
        box.classList.remove("d-none");
        box.dataset.index = String(item.dataIndex);
        const area = chart.canvas.parentElement.getBoundingClientRect();
        const width = box.offsetWidth;
        let left = tooltip.caretX + 12;
        if (left + width > area.width) {
            left = Math.max(0, tooltip.caretX - width - 12);
        }
        box.style.left = `${left}px`;
        box.style.top = `${Math.max(0, tooltip.caretY - box.offsetHeight / 2)}px`;
    }
}

/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {Component} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {standardFieldProps} from "@web/views/fields/standard_field_props";

// The drawing area of a sparkline, in pixels (fits a card on a phone).
const WIDTH = 160;
const HEIGHT = 24;
const PAD = 3;

/**
 * The work center's trend (``quality_trend``: [{week, start, oee, fpy}],
 * the current week last) as two sparklines, OEE and first-pass yield, on a
 * 0-100 % scale: a week without a base is a gap, each week's figures in a
 * tooltip, the last known value printed beside the line.
 */
export class QualityTrendField extends Component {
    static template = "quality_progress_sync.QualityTrendField";
    static props = {...standardFieldProps};

    get points() {
        return this.props.record.data[this.props.name] || [];
    }

    get step() {
        return (WIDTH - 2 * PAD) / Math.max(this.points.length - 1, 1);
    }

    x(index) {
        return PAD + index * this.step;
    }

    y(value) {
        const clamped = Math.min(Math.max(value, 0), 100);
        return PAD + ((100 - clamped) * (HEIGHT - 2 * PAD)) / 100;
    }

    formatPercent(value) {
        return value === null || value === undefined ? "-" : `${value.toFixed(1)} %`;
    }

    /** One line per figure: its runs of weeks with a value, its dots. */
    get lines() {
        return [
            {key: "oee", label: _t("OEE")},
            {key: "fpy", label: _t("FPY")},
        ].map((line) => {
            const segments = [];
            const dots = [];
            let run = [];
            this.points.forEach((point, index) => {
                const value = point[line.key];
                if (value === null || value === undefined) {
                    run = [];
                    return;
                }
                const xy = {x: this.x(index), y: this.y(value)};
                if (!run.length) {
                    segments.push(run);
                }
                run.push(`${xy.x.toFixed(1)},${xy.y.toFixed(1)}`);
                dots.push(xy);
            });
            const known = this.points.filter((p) => ![null, undefined].includes(p[line.key]));
            const last = known.length ? known[known.length - 1][line.key] : null;
            return {
                ...line,
                segments: segments.map((segment) => segment.join(" ")),
                dots,
                last: this.formatPercent(last),
            };
        });
    }

    /** A hover area per week, with its figures. */
    get weeks() {
        return this.points.map((point, index) => ({
            x: Math.max(this.x(index) - this.step / 2, 0),
            width: this.step,
            title: _t("%(week)s: OEE %(oee)s, FPY %(fpy)s", {
                week: point.week,
                oee: this.formatPercent(point.oee),
                fpy: this.formatPercent(point.fpy),
            }),
        }));
    }

    get size() {
        return {width: WIDTH, height: HEIGHT};
    }
}

export const qualityTrendField = {
    component: QualityTrendField,
    supportedTypes: ["json"],
};

registry.category("fields").add("qps_quality_trend", qualityTrendField);

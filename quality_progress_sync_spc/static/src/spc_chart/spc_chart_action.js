/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {Component, onWillStart, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {Layout} from "@web/search/layout";
import {standardActionServiceProps} from "@web/webclient/actions/action_service";
import {SpcCapability} from "./spc_capability";
import {SpcControlChart} from "./spc_control_chart";
import {formatDate} from "./spc_format";
import {SpcPointDetail} from "./spc_point_detail";
import {SpcSignalList} from "./spc_signal_list";

// What the screen is opened on: its params (a link, a button of type object)
// or the record of the button of type action that opened it.
const ACTIVE_MODELS = {
    "quality.checkpoint": "checkpoint_id",
    "quality.inspection": "inspection_id",
    "mrp.workcenter": "workcenter_id",
};

/**
 * The control chart of an SPC checkpoint: the location chart above the
 * dispersion chart, with the centre line, the frozen control limits and the
 * tolerances; the points that broke a run rule in red. Everything comes
 * from one call, quality.checkpoint.get_spc_chart_data.
 */
export class SpcChartAction extends Component {
    static template = "quality_progress_sync_spc.SpcChartAction";
    static components = {
        Layout,
        SpcCapability,
        SpcControlChart,
        SpcPointDetail,
        SpcSignalList,
    };
    static props = {...standardActionServiceProps};

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({
            data: null,
            filters: this.initialFilters(),
            selectedIndex: null,
            showTolerances: true,
        });
        onWillStart(() => this.load());
    }

    initialFilters() {
        const {params = {}, context = {}} = this.props.action;
        const filters = {
            checkpoint_id: params.checkpoint_id || false,
            workcenter_id: params.workcenter_id || false,
            product_id: params.product_id || false,
            inspection_id: params.inspection_id || false,
        };
        const key = ACTIVE_MODELS[context.active_model];
        if (key && context.active_id && !filters[key]) {
            filters[key] = context.active_id;
        }
        return filters;
    }

    async load() {
        const filters = this.state.filters;
        const data = await this.orm.call("quality.checkpoint", "get_spc_chart_data", [], {
            checkpoint_id: filters.checkpoint_id,
            workcenter_id: filters.workcenter_id,
            product_id: filters.product_id,
            inspection_id: filters.inspection_id,
        });
        this.state.data = data;
        filters.checkpoint_id = (data.checkpoint && data.checkpoint.id) || false;
        this.env.config.setDisplayName(
            data.checkpoint
                ? _t("Control Chart: %(checkpoint)s", {checkpoint: data.checkpoint.name})
                : _t("Control Chart")
        );
        const points = data.points || [];
        const highlighted = points.findIndex(
            (point) => point.inspection_id === data.highlight_inspection_id
        );
        this.state.selectedIndex = highlighted >= 0 ? highlighted : null;
        // The inspection only chooses the checkpoint and the first highlight.
        filters.inspection_id = false;
    }

    get points() {
        return (this.state.data && this.state.data.points) || [];
    }

    get selectedPoint() {
        const index = this.state.selectedIndex;
        return index === null ? null : this.points[index] || null;
    }

    /** Subgroup size, rules, and what the limits were computed from. */
    get summary() {
        const {checkpoint, limits} = this.state.data;
        const parts = [
            "",
            _t("subgroups of %(size)s", {size: checkpoint.subgroup_size}),
            checkpoint.rules_label,
        ];
        if (limits) {
            const first = formatDate(limits.date_from);
            const last = formatDate(limits.date_to);
            parts.push(
                first === last
                    ? _t("limits from %(count)s subgroups recorded on %(date)s", {
                          count: limits.count,
                          date: first,
                      })
                    : _t("limits from %(count)s subgroups, recorded from %(first)s to %(last)s", {
                          count: limits.count,
                          first,
                          last,
                      })
            );
        }
        return parts.join(" · ");
    }

    get chartLabels() {
        const kind = this.state.data.checkpoint.kind;
        if (kind === "individuals") {
            return {location: _t("Individuals"), dispersion: _t("Moving range")};
        }
        if (kind === "xbar_r") {
            return {location: _t("Subgroup means"), dispersion: _t("Subgroup ranges")};
        }
        return {
            location: _t("Subgroup means"),
            dispersion: _t("Subgroup standard deviations"),
        };
    }

    get locationLimits() {
        const limits = this.state.data.limits;
        return limits && {center: limits.center, ucl: limits.ucl, lcl: limits.lcl};
    }

    get dispersionLimits() {
        const limits = this.state.data.limits;
        return (
            limits && {
                center: limits.dispersion_center,
                ucl: limits.dispersion_ucl,
                lcl: limits.dispersion_lcl,
            }
        );
    }

    get tolerance() {
        const checkpoint = this.state.data.checkpoint;
        if (!this.state.showTolerances) {
            return false;
        }
        return {min: checkpoint.tolerance_min, max: checkpoint.tolerance_max};
    }

    parseId(value) {
        const id = parseInt(value, 10);
        return Number.isNaN(id) ? false : id;
    }

    async onChangeCheckpoint(ev) {
        this.state.filters.checkpoint_id = this.parseId(ev.target.value);
        this.state.filters.product_id = false;
        await this.load();
    }

    async onChangeWorkcenter(ev) {
        this.state.filters.workcenter_id = this.parseId(ev.target.value);
        await this.load();
    }

    async onChangeProduct(ev) {
        this.state.filters.product_id = this.parseId(ev.target.value);
        await this.load();
    }

    onToggleTolerances(ev) {
        this.state.showTolerances = ev.target.checked;
    }

    onSelectPoint(index) {
        this.state.selectedIndex = index;
    }

    openRecord(resModel, resId) {
        return this.actionService.doAction({
            type: "ir.actions.act_window",
            res_model: resModel,
            res_id: resId,
            views: [[false, "form"]],
        });
    }

    onOpenInspection(point) {
        return this.openRecord("quality.inspection", point.inspection_id);
    }

    onOpenWorkorder(point) {
        return this.openRecord("mrp.workorder", point.workorder_id);
    }
}

registry.category("actions").add("quality_progress_sync_spc.spc_chart_action", SpcChartAction);

/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {onWillStart, onWillUpdateProps, useState, useSubEnv} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {KanbanHeader} from "@web/views/kanban/kanban_header";
import {KanbanRenderer} from "@web/views/kanban/kanban_renderer";
import {kanbanView} from "@web/views/kanban/kanban_view";

// The work center's OEE fields (mrp.workcenter, last 30 days), read once
// for all the columns of the Progress & Quality kanban.
const OEE_FIELDS = [
    "quality_oee",
    "quality_oee_availability",
    "quality_oee_performance",
    "quality_oee_quality",
    "quality_planned_time",
    "quality_units_made",
];

function percent(value) {
    return `${value.toFixed(1)} %`;
}

/** A column of work orders of a work center: its OEE under its title. */
export class ProgressQualityKanbanHeader extends KanbanHeader {
    static template = "quality_progress_sync.ProgressQualityKanbanHeader";

    setup() {
        super.setup();
        this.qpsOee = useState(this.env.qpsOee || {values: {}});
    }

    get workcenterOee() {
        const value = this.group.value;
        const id = Array.isArray(value) ? value[0] : value;
        const oee = this.qpsOee.values[id];
        if (!oee) {
            return null;
        }
        const defined = oee.quality_planned_time > 0 && oee.quality_units_made > 0;
        return {
            text: defined ? percent(oee.quality_oee) : "—",
            title: defined
                ? _t(
                      "OEE of the last 30 days = availability %(availability)s × performance %(performance)s × quality %(quality)s",
                      {
                          availability: percent(oee.quality_oee_availability),
                          performance: percent(oee.quality_oee_performance),
                          quality: percent(oee.quality_oee_quality),
                      }
                  )
                : _t("No OEE: no time logged or nothing made in the last 30 days"),
        };
    }
}

/** Reads the work centers' OEE when the columns are work centers. */
export class ProgressQualityKanbanRenderer extends KanbanRenderer {
    static components = {
        ...KanbanRenderer.components,
        KanbanHeader: ProgressQualityKanbanHeader,
    };

    setup() {
        super.setup();
        this.orm = useService("orm");
        this.qpsOee = useState({values: {}});
        useSubEnv({qpsOee: this.qpsOee});
        onWillStart(() => this.loadOee(this.props));
        onWillUpdateProps((nextProps) => this.loadOee(nextProps));
    }

    async loadOee(props) {
        const list = props.list;
        if (!list.isGrouped || list.groupByField?.name !== "workcenter_id") {
            return;
        }
        const ids = list.groups
            .map((group) => (Array.isArray(group.value) ? group.value[0] : group.value))
            .filter(Boolean);
        if (!ids.length) {
            return;
        }
        const records = await this.orm.read("mrp.workcenter", ids, OEE_FIELDS);
        this.qpsOee.values = Object.fromEntries(records.map((r) => [r.id, r]));
    }
}

registry.category("views").add("qps_progress_quality_kanban", {
    ...kanbanView,
    Renderer: ProgressQualityKanbanRenderer,
});

/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {Component} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {formatIndex, formatMeasure} from "./spc_format";

/**
 * Capability of the charted subgroups: Cp and Cpk from the within-subgroup
 * sigma, Pp and Ppk from the overall sigma, flagged below the Cpk target.
 */
export class SpcCapability extends Component {
    static template = "quality_progress_sync_spc.SpcCapability";
    static props = {
        // Nothing recorded yet: false.
        capability: [Object, Boolean],
        digits: Number,
    };

    get figures() {
        const capability = this.props.capability;
        const digits = this.props.digits;
        return [
            {key: "count", label: _t("Subgroups"), value: String(capability.subgroup_count)},
            {key: "mean", label: _t("Mean"), value: formatMeasure(capability.mean, digits, 1)},
            {
                key: "sigma_within",
                label: _t("Sigma within"),
                value: formatMeasure(capability.sigma_within, digits, 2),
            },
            {
                key: "sigma_overall",
                label: _t("Sigma overall"),
                value: formatMeasure(capability.sigma_overall, digits, 2),
            },
        ];
    }

    get indices() {
        const capability = this.props.capability;
        return ["cp", "cpk", "pp", "ppk"].map((key) => ({
            key,
            label: {cp: "Cp", cpk: "Cpk", pp: "Pp", ppk: "Ppk"}[key],
            value: formatIndex(capability[key]),
            below:
                capability[key] !== null &&
                capability[key] !== undefined &&
                capability[key] < capability.target,
        }));
    }

    get target() {
        return formatIndex(this.props.capability.target);
    }
}

/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {deserializeDateTime, formatDateTime} from "@web/core/l10n/dates";
import {formatFloat} from "@web/core/utils/numbers";

/** A measure or a limit: the measures' digits, two more for limits. */
export function formatMeasure(value, digits, extra = 0) {
    if (value === null || value === undefined || value === false) {
        return "";
    }
    return formatFloat(value, {digits: [false, digits + extra]});
}

/** A capability index (Cp, Cpk...). */
export function formatIndex(value) {
    if (value === null || value === undefined || value === false) {
        return "–";
    }
    return formatFloat(value, {digits: [false, 2]});
}

/** A datetime of the server (UTC) in the user's time zone and language. */
export function formatDate(value) {
    return value ? formatDateTime(deserializeDateTime(value), {showSeconds: false}) : "";
}

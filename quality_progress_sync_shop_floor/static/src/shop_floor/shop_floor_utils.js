/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {_t} from "@web/core/l10n/translation";
import {deserializeDateTime, formatDateTime} from "@web/core/l10n/dates";
import {formatFloat} from "@web/core/utils/numbers";

/** The message of a refused call, as the server wrote it. */
export function errorMessage(error) {
    return (
        error?.data?.message ||
        error?.message ||
        _t("The server refused the action.")
    );
}

/**
 * A datetime of the server (UTC) as the rest of Odoo shows it: the user's
 * time zone and their language's date format, without seconds.
 */
export function formatPlannedEnd(value) {
    if (!value) {
        return "";
    }
    return formatDateTime(deserializeDateTime(value), {showSeconds: false});
}

/** A quantity without useless decimals. */
export function formatQty(value) {
    return formatFloat(value || 0, {digits: [16, 2], trailingZeros: false});
}

/** Whether a measure lies within the tolerances ("in", "out" or ""). */
export function measureStatus(text, inspection) {
    if (text === "" || text === undefined || text === "-" || text === ".") {
        return "";
    }
    const value = Number(text);
    if (!Number.isFinite(value)) {
        return "out";
    }
    return value >= inspection.tolerance_min && value <= inspection.tolerance_max
        ? "in"
        : "out";
}

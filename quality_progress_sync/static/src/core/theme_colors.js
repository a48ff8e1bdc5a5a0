/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

/**
 * A colour of the theme, as Bootstrap's CSS variables give it: ``--<name>``
 * (Odoo's backend compiles Bootstrap without a prefix) or ``--bs-<name>``
 * (Bootstrap's own prefix), read from the document; ``fallback`` when the
 * page defines neither. Canvas charts cannot use ``var()``: they ask here.
 */
export function themeColor(name, fallback) {
    const style = getComputedStyle(document.documentElement);
    for (const variable of [`--${name}`, `--bs-${name}`]) {
        const value = style.getPropertyValue(variable).trim();
        if (value) {
            return value;
        }
    }
    return fallback;
}

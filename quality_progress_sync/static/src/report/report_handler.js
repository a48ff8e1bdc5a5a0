/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {_t} from "@web/core/l10n/translation";
import {rpc} from "@web/core/network/rpc";
import {registry} from "@web/core/registry";
import {downloadReport} from "@web/webclient/actions/reports/utils";

const ADDON = "quality_progress_sync.";
export const CERTIFICATE = "quality_progress_sync.report_quality_certificate";

/** What the server's wkhtmltopdf can do ("ok", "install", "broken"...). */
function wkhtmltopdfStatus() {
    // The promise Odoo's own download keeps: asked once per page load.
    downloadReport.wkhtmltopdfStatusProm ||= rpc("/report/check_wkhtmltopdf");
    return downloadReport.wkhtmltopdfStatusProm;
}

/**
 * The add-on's printed records. The certificate is refused before anything
 * is printed, its reason in a dialog (quality_certificate.py
 * ``check_certificate``), not on an error page. Without a working
 * wkhtmltopdf, the record shows in the browser (Odoo's HTML preview, with
 * its own Print button) after a notification in plain words.
 */
async function qualityReportHandler(action, options, env) {
    if (!action.report_name?.startsWith(ADDON)) {
        return false;
    }
    if (action.report_name === CERTIFICATE) {
        // A refusal rejects here: Odoo shows the server's message in a dialog.
        await env.services.orm.call(
            "report.quality_progress_sync.report_quality_certificate",
            "check_certificate",
            [action.context?.active_ids || []]
        );
    }
    if (action.report_type !== "qweb-pdf") {
        return false;
    }
    const status = await wkhtmltopdfStatus();
    if (["ok", "upgrade"].includes(status)) {
        return false;
    }
    env.services.notification.add(
        _t(
            "No PDF can be made on this server (wkhtmltopdf is missing or does not work): the report shows here instead. Print it with the Print button; to get PDFs, ask your administrator to install wkhtmltopdf."
        ),
        {title: _t("Report"), type: "warning"}
    );
    return env.services.action.doAction({...action, report_type: "qweb-html"}, options);
}

registry
    .category("ir.actions.report handlers")
    .add("quality_progress_sync.report", qualityReportHandler);

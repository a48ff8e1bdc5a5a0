/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {Component, markup, useEffect, useRef, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {MeasurePad} from "./measure_pad";
import {formatQty, measureStatus} from "./shop_floor_utils";

const HINTS = {
    first_article: _t("Make one piece, then record it."),
    patrol: _t("Check a piece from the running work."),
    final: _t("Check the finished piece."),
};

/**
 * One inspection of the open work order, recorded in place: Pass / Fail, a
 * numeric pad for measures, the camera for photos, a confirmation for
 * instructions. The buttons show only when the server says the user may
 * record it (its ``can_record``).
 */
export class InspectionItem extends Component {
    static template = "quality_progress_sync_shop_floor.InspectionItem";
    static components = {MeasurePad};
    static props = {
        inspection: Object,
        busy: Boolean,
        highlighted: {type: Boolean, optional: true},
        // Changes each time the refusal's shortcut asks for this inspection.
        highlightRequest: {type: Number, optional: true},
        onRecord: Function,
    };

    setup() {
        this.rootRef = useRef("root");
        this.fileInput = useRef("photo");
        this.state = useState({showPad: false});
        useEffect(
            (request) => {
                if (request) {
                    this.bringIntoView();
                }
            },
            () => [this.props.highlighted && this.props.highlightRequest]
        );
    }

    /** Scroll to this inspection and give it the keyboard's focus. */
    bringIntoView() {
        const el = this.rootRef.el;
        el.scrollIntoView({behavior: "smooth", block: "center"});
        el.focus({preventScroll: true});
    }

    get insp() {
        return this.props.inspection;
    }

    get hint() {
        return HINTS[this.insp.stage] || "";
    }

    /** The checkpoint's instructions, HTML sanitized by the server. */
    get instructions() {
        return markup(this.insp.instructions);
    }

    get isDone() {
        return this.insp.state !== "todo";
    }

    get stateClass() {
        return {
            todo: "text-bg-warning",
            pass: "text-bg-success",
            fail: "text-bg-danger",
        }[this.insp.state];
    }

    get whoLabel() {
        return _t("By: %(performer)s", {performer: this.insp.performer_label});
    }

    get measures() {
        return this.insp.measures.map((value) => ({
            text: formatQty(value),
            status: measureStatus(String(value), this.insp),
        }));
    }

    record(kind, data) {
        this.props.onRecord(kind, this.insp, data);
    }

    takePhoto() {
        this.fileInput.el.click();
    }

    onPhotoChosen(ev) {
        const file = ev.target.files && ev.target.files[0];
        if (!file) {
            return;
        }
        const reader = new FileReader();
        reader.onload = () => {
            // "data:image/jpeg;base64,...": the server wants the base64 part.
            const data = String(reader.result).split(",")[1];
            this.record("photo", data);
        };
        reader.readAsDataURL(file);
        ev.target.value = "";
    }
}

// What the learner shares: the sharing section of Settings, the question asked once after
// joining, and "Was this useful?" under a quiz result or a finished checklist run.

import type { RatingView, SharePromptView, SharingView } from "shared_types";

import { h } from "../dom";
import { bulletList, button, buttonGroup, choices, Ctx, para, toggle } from "./kit";

/** Settings' sharing section: progress with the programme lead, and the anonymous baseline. */
export function sharingSection(ctx: Ctx, v: SharingView): HTMLElement {
  const id = ctx.id("sharing-heading");
  return h(
    "section",
    { class: "app-section", "aria-labelledby": id, "data-key": "section-sharing" },
    h("h2", { class: "govuk-heading-m", id }, v.heading),
    h("div", { class: "app-toggle", "data-key": "toggle-progress" }, toggle(ctx, v.progress, ctx.id("share-progress-heading"), 3)),
    h("div", { class: "app-toggle", "data-key": "toggle-baseline" }, toggle(ctx, v.baseline, ctx.id("share-baseline-heading"), 3)),
  );
}

/** The question after joining: what the lead would and would never see, and yes or no. */
export function sharePrompt(ctx: Ctx, v: SharePromptView): HTMLElement {
  const id = ctx.id("share-prompt-heading");
  return h(
    "section",
    { class: "app-prompt", "aria-labelledby": id, "data-key": "share-prompt" },
    h("h3", { class: "govuk-heading-m", id }, v.heading),
    para(v.text),
    h("h4", { class: "govuk-heading-s" }, v.will_see_heading),
    bulletList(v.will_see),
    h("h4", { class: "govuk-heading-s" }, v.will_not_see_heading),
    bulletList(v.will_not_see),
    buttonGroup(button(ctx, v.yes, "primary"), button(ctx, v.no, "secondary")),
  );
}

/**
 * "Was this useful?": once rated, what the core says about it; until then a form of the
 * scale, a comment and whether the lead may read it, sent as one `RateUseful` (see app.ts).
 */
export function rating(ctx: Ctx, v: RatingView): HTMLElement {
  if (v.rated !== null) {
    return h(
      "div",
      { class: "app-rating", "data-key": "rating" },
      // Takes the focus from the form's button, which this replaces (see View.render).
      h("p", { class: "govuk-body govuk-!-font-weight-bold app-rated", tabindex: "-1", "data-refocus": "" }, v.rated),
    );
  }
  const commentId = ctx.id("rating-comment");
  const commentHintId = v.comment.hint !== "" ? `${commentId}-hint` : null;
  const shareId = ctx.id("rating-share-comment");
  return h(
    "div",
    { class: "app-rating", "data-key": "rating" },
    h(
      "form",
      { class: "app-form", "data-form": "rating", novalidate: true, "data-key": "rating-form" },
      choices(ctx, {
        type: "radio",
        name: "rating",
        legend: v.question,
        legendSize: "m",
        legendHeading: 2,
        hint: v.hint,
        items: v.scale.map((choice) => ({
          id: String(choice.value),
          label: choice.label,
          checked: false,
          action: null,
          inForm: true,
        })),
        attrs: { "data-key": "rating-scale" },
      }),
      h(
        "div",
        { class: "govuk-form-group", "data-key": "rating-comment" },
        h("label", { class: "govuk-label", for: commentId }, v.comment.label),
        commentHintId !== null ? h("div", { class: "govuk-hint", id: commentHintId }, v.comment.hint) : null,
        h(
          "textarea",
          { class: "govuk-textarea", id: commentId, name: "comment", rows: 3, "aria-describedby": commentHintId },
          v.comment.value,
        ),
      ),
      h(
        "div",
        { class: "govuk-form-group", "data-key": "rating-share" },
        h(
          "div",
          { class: "govuk-checkboxes govuk-checkboxes--small", "data-module": "govuk-checkboxes" },
          h(
            "div",
            { class: "govuk-checkboxes__item" },
            h("input", {
              class: "govuk-checkboxes__input",
              id: shareId,
              name: "share-comment",
              type: "checkbox",
              value: "yes",
              "data-own": "",
            }),
            h("label", { class: "govuk-label govuk-checkboxes__label", for: shareId }, v.share_comment_label),
          ),
        ),
      ),
      h("button", { type: "submit", class: "govuk-button govuk-button--secondary" }, v.comment.save_label),
    ),
  );
}

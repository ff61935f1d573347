// Quiz and review questions with immediate feedback, and the quiz result.

import type { OptionView, QuestionView, QuizResultView, QuizView, ReviewView, StepCount } from "shared_types";

import { h } from "../dom";
import { button, buttonGroup, caption, choices, Ctx, heading, inset, para, tag } from "./kit";
import { rating } from "./sharing";

const MARK_TAG: Record<string, string> = {
  Correct: "green",
  Incorrect: "red",
  Missed: "blue",
};

function optionHint(option: OptionView): HTMLElement | null {
  if (option.mark_text === null && option.feedback === null) return null;
  return h(
    "span",
    { class: "app-option-mark" },
    option.mark_text !== null ? tag(option.mark_text, MARK_TAG[option.mark.kind] ?? null) : null,
    option.feedback !== null ? h("span", { class: "app-option-feedback" }, option.feedback) : null,
  );
}

/** One question. `asHeading` makes its prompt the page's h1 (review); otherwise an h2. */
function question(ctx: Ctx, q: QuestionView, progress: StepCount): HTMLElement[] {
  const checked = q.feedback !== null;
  return [
    q.scenario !== null ? inset(h("p", { class: "govuk-body" }, q.scenario)) : null,
    choices(ctx, {
      type: q.multiple ? "checkbox" : "radio",
      name: ctx.id("question", q.id),
      legend: q.prompt,
      legendSize: "m",
      legendHeading: 2,
      hint: q.instruction,
      items: q.options.map((option) => ({
        id: option.id,
        label: option.text,
        checked: option.selected,
        action: option.choose,
        hint: optionHint(option),
      })),
      attrs: { "data-key": `question-${q.id}-${progress.current}` },
    }),
    // Always present, so screen readers announce the feedback as it appears.
    h(
      "div",
      { class: "app-feedback-region", "aria-live": "polite", "data-key": "feedback" },
      checked && q.feedback
        ? h(
            "div",
            { class: `app-feedback ${q.feedback.correct ? "app-feedback--correct" : "app-feedback--incorrect"}` },
            h("h2", { class: "govuk-heading-m app-feedback__heading" }, q.feedback.heading),
            h("p", { class: "govuk-body" }, q.feedback.right_answer),
          )
        : null,
    ),
    h(
      "div",
      { class: "govuk-button-group", "data-key": "primary" },
      q.primary ? button(ctx, q.primary, "primary", { "data-key": "primary-button" }) : null,
    ),
  ].filter((x): x is HTMLElement => x !== null);
}

function result(ctx: Ctx, r: QuizResultView): HTMLElement[] {
  return [
    h(
      "div",
      { class: r.passed ? "govuk-panel govuk-panel--confirmation app-panel" : "app-result", "data-key": "result" },
      h("h2", { class: r.passed ? "govuk-panel__title" : "govuk-heading-l", tabindex: "-1", "data-focus": "" }, r.heading),
      h("div", { class: r.passed ? "govuk-panel__body" : "govuk-body-l" }, r.score_text),
    ),
    para(r.pass_text),
    para(r.text),
    buttonGroup(r.actions.map((a, i) => button(ctx, a, i === 0 ? "primary" : "secondary"))),
    rating(ctx, r.rating),
  ].filter((x): x is HTMLElement => x !== null);
}

export function quiz(ctx: Ctx, v: QuizView): HTMLElement[] {
  return [
    heading(1, "l", v.heading),
    h("p", { class: "govuk-body-s app-meta" }, v.progress.text),
    ...(v.body.kind === "Question" ? question(ctx, v.body.value, v.progress) : result(ctx, v.body.value)),
  ];
}

export function review(ctx: Ctx, v: ReviewView): HTMLElement[] {
  switch (v.kind) {
    case "Empty":
      return [
        heading(1, "l", v.heading),
        h("p", { class: "govuk-body-l" }, v.intro),
        inset(v.text),
        buttonGroup(button(ctx, v.action, "secondary")),
      ];
    case "Question":
      return [
        caption("m", v.lesson_title),
        heading(1, "l", v.heading),
        h("p", { class: "govuk-body-s app-meta" }, v.progress.text),
        ...question(ctx, v.question, v.progress),
      ];
    case "Done":
      return [
        heading(1, "l", v.heading),
        para(v.text),
        buttonGroup(v.actions.map((a, i) => button(ctx, a, i === 0 ? "primary" : "secondary"))),
      ].filter((x): x is HTMLElement => x !== null);
  }
}

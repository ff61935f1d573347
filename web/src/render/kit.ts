// GOV.UK Frontend components, built from the view model's parts. Every word comes from the
// view model; these functions only choose the markup.
//
// Buttons and links carry `data-action`: the index of the event they send, in the render's
// action table. One listener on the page sends it (see app.ts), so the page needs no
// per-element listeners and a re-render can reuse elements freely.

import type { Action, Event, ToggleView } from "shared_types";

import { h, type Attrs, type Child } from "../dom";

/** What one render builds beside the elements: the events its buttons send. */
export class Ctx {
  readonly events: Event[] = [];
  private readonly used = new Map<string, number>();

  /** Attributes that make an element send `action`'s event. */
  act(action: Action): Attrs {
    this.events.push(action.event);
    return { "data-action": this.events.length - 1 };
  }

  /** A unique, stable element id from a prefix and an id from the view model. */
  id(...parts: string[]): string {
    const base = parts
      .join("-")
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, "-")
      .replace(/^-+|-+$/g, "");
    const n = this.used.get(base) ?? 0;
    this.used.set(base, n + 1);
    return n === 0 ? base : `${base}-${n + 1}`;
  }
}

export type ButtonStyle = "primary" | "secondary" | "warning";

export function button(ctx: Ctx, action: Action, style: ButtonStyle = "primary", attrs: Attrs = {}): HTMLElement {
  const cls = style === "primary" ? "govuk-button" : `govuk-button govuk-button--${style}`;
  return h("button", { type: "button", class: cls, ...attrs, ...ctx.act(action) }, action.label);
}

/** A button that looks like a link, for actions inside text and lists. */
export function linkButton(ctx: Ctx, action: Action, attrs: Attrs = {}): HTMLElement {
  return h("a", { href: "#", class: "govuk-link", role: "button", ...attrs, ...ctx.act(action) }, action.label);
}

export function buttonGroup(...buttons: Child[]): HTMLElement {
  return h("div", { class: "govuk-button-group" }, buttons);
}

export type Size = "xl" | "l" | "m" | "s";

export function heading(level: 1 | 2 | 3, size: Size, text: string, attrs: Attrs = {}): HTMLElement {
  const extra = level === 1 ? { tabindex: "-1" } : {};
  return h(`h${level}`, { class: `govuk-heading-${size}`, ...extra, ...attrs }, text);
}

export function caption(size: Size, text: string): HTMLElement {
  return h("span", { class: `govuk-caption-${size}` }, text);
}

export function para(text: string, cls = "govuk-body"): HTMLElement | null {
  return text === "" ? null : h("p", { class: cls }, text);
}

export function tag(text: string, colour: string | null, attrs: Attrs = {}): HTMLElement {
  return h("strong", { class: colour ? `govuk-tag govuk-tag--${colour}` : "govuk-tag", ...attrs }, text);
}

export function inset(...children: Child[]): HTMLElement {
  return h("div", { class: "govuk-inset-text" }, children);
}

export function warningText(label: string, text: string): HTMLElement {
  return h(
    "div",
    { class: "govuk-warning-text" },
    h("span", { class: "govuk-warning-text__icon", "aria-hidden": "true" }, "!"),
    h("strong", { class: "govuk-warning-text__text" }, h("span", { class: "govuk-visually-hidden" }, label), text),
  );
}

export function summaryList(rows: [string, Child][], attrs: Attrs = {}): HTMLElement {
  return h(
    "dl",
    { class: "govuk-summary-list", ...attrs },
    rows.map(([key, value]) =>
      h(
        "div",
        { class: "govuk-summary-list__row" },
        h("dt", { class: "govuk-summary-list__key" }, key),
        h("dd", { class: "govuk-summary-list__value" }, value),
      ),
    ),
  );
}

export function bulletList(items: string[], ordered = false): HTMLElement {
  return h(
    ordered ? "ol" : "ul",
    { class: ordered ? "govuk-list govuk-list--number" : "govuk-list govuk-list--bullet" },
    items.map((item) => h("li", null, item)),
  );
}

export interface Choice {
  id: string;
  label: string;
  checked: boolean;
  /** Absent once the choice can no longer change (unless `inForm`). */
  action: Action | null;
  /**
   * Part of a form the shell sends as one event (`data-form`): the choice has no event of its
   * own, stays enabled, and what the learner chose survives a re-render (see `morph`).
   */
  inForm?: boolean;
  hint?: Child;
  attrs?: Attrs;
  /** The input's id, when the caller needs it; its label's id is this with `-label`. */
  inputId?: string;
  /** More content under the choice, such as a note. */
  extra?: Child;
}

/**
 * Radios or checkboxes in a fieldset. `legend` is the question; with `legendHeading` it is
 * also the page's h1. Choosing sends the choice's event (on `change`).
 */
export function choices(
  ctx: Ctx,
  options: {
    type: "radio" | "checkbox";
    name: string;
    legend: Child;
    legendSize: Size;
    legendHeading?: 1 | 2 | 3;
    hint?: string | null;
    items: Choice[];
    inline?: boolean;
    small?: boolean;
    attrs?: Attrs;
  },
): HTMLElement {
  const kind = options.type === "radio" ? "radios" : "checkboxes";
  const hintId = options.hint ? ctx.id(options.name, "hint") : null;
  const legendContent =
    options.legendHeading !== undefined
      ? h(
          `h${options.legendHeading}`,
          { class: "govuk-fieldset__heading", ...(options.legendHeading === 1 ? { tabindex: "-1" } : {}) },
          options.legend,
        )
      : options.legend;
  const classes = [`govuk-${kind}`];
  if (options.inline) classes.push(`govuk-${kind}--inline`);
  if (options.small) classes.push(`govuk-${kind}--small`);
  return h(
    "div",
    { class: "govuk-form-group", ...options.attrs },
    h(
      "fieldset",
      { class: "govuk-fieldset", "aria-describedby": hintId },
      h("legend", { class: `govuk-fieldset__legend govuk-fieldset__legend--${options.legendSize}` }, legendContent),
      hintId ? h("div", { class: "govuk-hint", id: hintId }, options.hint ?? "") : null,
      h(
        "div",
        { class: classes.join(" "), "data-module": `govuk-${kind}` },
        options.items.map((item) => {
          const inputId = item.inputId ?? ctx.id(options.name, item.id);
          const itemHintId = item.hint ? `${inputId}-hint` : null;
          return h(
            "div",
            { class: `govuk-${kind}__item`, "data-key": inputId },
            h("input", {
              class: `govuk-${kind}__input`,
              id: inputId,
              name: options.name,
              type: options.type,
              value: item.id,
              checked: item.checked,
              disabled: item.action === null && !item.inForm,
              "data-own": item.inForm ? "" : null,
              "aria-describedby": itemHintId,
              ...(item.action ? ctx.act(item.action) : {}),
              ...item.attrs,
            }),
            h("label", { class: `govuk-label govuk-${kind}__label`, for: inputId, id: `${inputId}-label` }, item.label),
            item.hint ? h("div", { class: `govuk-hint govuk-${kind}__hint`, id: itemHintId }, item.hint) : null,
            item.extra ?? null,
          );
        }),
      ),
    ),
  );
}

/** A labelled text input in a form, with a submit button. The form's `data-form` says what it sends. */
export function textForm(
  ctx: Ctx,
  options: {
    form: string;
    name: string;
    label: string;
    labelSize?: Size;
    hint?: string;
    value: string;
    submit: string;
    busy?: string | null;
    inputAttrs?: Attrs;
    formAttrs?: Attrs;
  },
): HTMLElement {
  const inputId = ctx.id(options.form, options.name);
  const hintId = options.hint ? `${inputId}-hint` : null;
  const busy = options.busy ?? null;
  return h(
    "form",
    { class: "app-form", "data-form": options.form, novalidate: true, ...options.formAttrs },
    h(
      "div",
      { class: "govuk-form-group" },
      h(
        "label",
        { class: `govuk-label${options.labelSize ? ` govuk-label--${options.labelSize}` : ""}`, for: inputId },
        options.label,
      ),
      hintId ? h("div", { class: "govuk-hint", id: hintId }, options.hint ?? "") : null,
      h("input", {
        class: "govuk-input govuk-!-width-two-thirds",
        id: inputId,
        name: options.name,
        type: "text",
        value: options.value,
        "aria-describedby": hintId,
        ...options.inputAttrs,
      }),
    ),
    h(
      "button",
      { type: "submit", class: "govuk-button", disabled: busy !== null, "aria-disabled": busy !== null ? "true" : null },
      options.submit,
    ),
  );
}

/**
 * A setting the learner turns on or off: its label as a heading (with the id `headingId`), the
 * hint, the state in words and the button that changes it, described by the heading, as
 * several buttons on a page may say "Turn on".
 */
export function toggle(ctx: Ctx, t: ToggleView, headingId: string, level: 2 | 3 = 2): HTMLElement[] {
  return [
    h(`h${level}`, { class: level === 2 ? "govuk-heading-m" : "govuk-heading-s", id: headingId }, t.label),
    para(t.hint, "govuk-hint"),
    h(
      "p",
      { class: "govuk-body" },
      tag(t.state_text, t.on ? "green" : "grey", { class: `govuk-tag ${t.on ? "govuk-tag--green" : "govuk-tag--grey"} app-state` }),
    ),
    buttonGroup(button(ctx, t.toggle, "secondary", { "aria-describedby": headingId })),
  ].filter((x): x is HTMLElement => x !== null);
}

/** A toggle as a section of its own, headed by its label. */
export function toggleSection(ctx: Ctx, t: ToggleView, name: string): HTMLElement {
  const headingId = ctx.id(name, "heading");
  return h(
    "section",
    { class: "app-section", "aria-labelledby": headingId, "data-key": `section-${headingId}` },
    toggle(ctx, t, headingId),
  );
}

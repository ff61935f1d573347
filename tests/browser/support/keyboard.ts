// Moving through the app with the keyboard alone: Tab to a control, then Enter or Space.

import { expect } from "vitest";
import type { Page } from "playwright-core";

export interface Target {
  /** The control's accessible text: its own text, its label's, or its value. */
  text: string | RegExp;
  /** Its tag (A, BUTTON, INPUT, SUMMARY, TEXTAREA), when it matters. */
  tag?: string;
  /** Text of the section or form it is in, to tell apart controls with the same name. */
  within?: string;
}

interface Focused {
  tag: string;
  text: string;
  within: string;
  visible: boolean;
}

/** What has focus, and whether the focus can be seen (GOV.UK's yellow focus state). */
export async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (el === null || el === document.body) return { tag: "BODY", text: "", within: "", visible: false };
    let text = (el.innerText ?? "").trim();
    let styled: Element = el;
    let pseudo: string | null = null;
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
      const label = el.labels?.[0] ?? null;
      const labelledBy = (el.getAttribute("aria-labelledby") ?? "")
        .split(" ")
        .map((id) => document.getElementById(id)?.innerText ?? "")
        .join(" ");
      text = (label?.innerText ?? labelledBy).trim();
      if ((el.type === "radio" || el.type === "checkbox") && label !== null) {
        styled = label;
        pseudo = "::before";
      }
    }
    const style = getComputedStyle(styled, pseudo);
    const yellow = "rgb(255, 221, 0)";
    const visible =
      style.boxShadow.includes(yellow) ||
      style.backgroundColor === yellow ||
      (style.outlineStyle !== "none" && style.outlineColor === yellow && style.outlineWidth !== "0px") ||
      style.borderColor.includes(yellow);
    const within = (el.closest("section, form, li, .govuk-checkboxes__item") as HTMLElement | null)?.innerText ?? "";
    return { tag: el.tagName, text, within, visible };
  });
}

function matches(f: Focused, target: Target): boolean {
  const text = typeof target.text === "string" ? f.text === target.text : target.text.test(f.text);
  return text && (target.tag === undefined || f.tag === target.tag) && (target.within === undefined || f.within.includes(target.within));
}

/** Presses Tab until `target` has focus (failing after `limit` presses); checks focus is visible. */
export async function tabTo(page: Page, target: Target, limit = 200): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (matches(f, target)) {
      expect(f.visible, `focus on "${f.text}" can be seen`).toBe(true);
      return;
    }
    seen.push(`${f.tag}:${f.text.slice(0, 30)}`);
  }
  throw new Error(`Tab never reached ${String(target.text)}; it went through ${seen.slice(0, 40).join(" | ")}`);
}

/** Tab to a button or link and press Enter. */
export async function activate(page: Page, target: Target): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press("Enter");
}

/** After a screen change, focus is on its heading. */
export async function expectFocusOnHeading(page: Page, heading: string | RegExp): Promise<void> {
  await page.waitForFunction(() => document.activeElement?.tagName.match(/^H[12]$/) !== null, null, { timeout: 10_000 });
  const f = await focused(page);
  if (typeof heading === "string") expect(f.text).toBe(heading);
  else expect(f.text).toMatch(heading);
}

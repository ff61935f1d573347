// axe-core on the page as it is, and screenshots at phone and laptop size.

import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

import type { Page } from "playwright-core";

import { artifactPath, LAPTOP, PHONE } from "./browser";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");

export interface Finding {
  screen: string;
  size: string;
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

interface AxeResult {
  violations: {
    id: string;
    impact: string | null;
    help: string;
    nodes: { target: string[] }[];
  }[];
}

/** Every axe violation on the page, WCAG 2.2 A and AA plus best practice. */
export async function axe(page: Page, screen: string, size: string): Promise<Finding[]> {
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.addScriptTag({ path: AXE });
  }
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (c: Document, o: object) => Promise<unknown> } }).axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      resultTypes: ["violations"],
    }),
  )) as AxeResult;
  return result.violations.map((v) => ({
    screen,
    size,
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}

export const SIZES = { phone: PHONE, laptop: LAPTOP } as const;

/** Checks and photographs the screen at both sizes, then returns to the laptop size. */
export async function audit(page: Page, screen: string, findings: Finding[]): Promise<void> {
  for (const [size, viewport] of Object.entries(SIZES)) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(50);
    findings.push(...(await axe(page, screen, size)));
    await page.screenshot({ path: artifactPath("screenshots", `${screen}-${size}.png`), fullPage: true });
  }
  await page.setViewportSize(LAPTOP);
}

export function saveFindings(findings: Finding[], file = "axe-findings.json"): void {
  writeFileSync(artifactPath(file), JSON.stringify(findings, null, 2));
}

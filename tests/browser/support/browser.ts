// Debian's Chromium, driven by playwright-core, with the flags this machine needs (see
// ../shared/design/TOOLCHAIN.md). Never `npx playwright install`: it downloads a browser.

import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";

import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

const repo = resolve(import.meta.dirname, "../../..");
export const artifacts = process.env.NC_ARTIFACTS ?? join(repo, "tests/artifacts");

export const PHONE = { width: 390, height: 844 };
export const LAPTOP = { width: 1280, height: 800 };

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.NC_CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A fresh browser profile: its own IndexedDB, service worker and caches, like another device. */
export async function device(browser: Browser, viewport = LAPTOP, bypassCSP = false): Promise<BrowserContext> {
  return browser.newContext({ viewport, serviceWorkers: "allow", locale: "en-GB", timezoneId: "Europe/London", bypassCSP });
}

/** Fails the test on any error the page or the shell reports. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console error: ${m.text()}`);
  });
  return errors;
}

export function artifactPath(...parts: string[]): string {
  const path = join(artifacts, ...parts);
  mkdirSync(join(path, ".."), { recursive: true });
  return path;
}

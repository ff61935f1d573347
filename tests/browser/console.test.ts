// The programme lead's console in Chromium, against the real server: sign in with a one-time
// link, see a cohort where some members share and some do not, create a cohort, download each
// CSV, read the audit log and sign out. Every page is checked with axe-core (no serious or
// critical findings) and photographed at phone and laptop size, and the forms work from the
// keyboard alone. The console's pages carry no script of their own.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";

import { audit, saveFindings, type Finding } from "./support/audit";
import { launch, LAPTOP } from "./support/browser";
import { serverBin, startServer, type Server } from "./support/server";

let server: Server;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const findings: Finding[] = [];

/** A one-time sign-in link from the operator's command. */
function invite(email: string): string {
  return execFileSync(
    serverBin,
    ["lead", "invite", "--council", "Demo council", "--email", email, "--db", server.db, "--public-url", server.url],
    { encoding: "utf8" },
  ).trim();
}

/** A learner joins through the real sync API and sends a name and a sharing choice. */
async function learner(i: number, shares: boolean): Promise<void> {
  const device = `browser-${i}`;
  const enrolled = (await (
    await fetch(`${server.url}/api/v1/enrol`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ cohort_code: server.cohortCode, device }),
    })
  ).json()) as { token: string };
  const now = Date.now() - 60_000;
  const record = (n: number, body: Record<string, unknown>) => ({
    id: uuid7(now + n),
    device,
    wall_ms: now + n,
    counter: 0,
    pack_version: 1,
    private: false,
    kind: body.type,
    body: JSON.stringify(body),
  });
  const answer = await fetch(`${server.url}/api/v1/sync`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${enrolled.token}` },
    body: JSON.stringify({
      cursor: 0,
      records: [
        record(1, { type: "display_name_set", name: `Member ${i}` }),
        record(2, { type: "progress_sharing_set", enabled: shares }),
      ],
    }),
  });
  expect(answer.status).toBe(200);
}

/** A UUIDv7 for a time: the time in the first 48 bits, then random bits. */
function uuid7(ms: number): string {
  const hex = ms.toString(16).padStart(12, "0");
  const rest = randomUUID().replace(/-/g, "").slice(12);
  const s = `${hex}7${rest.slice(1, 4)}${"89ab"[Math.floor(Math.random() * 4)]}${rest.slice(5)}`;
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

async function stop(name: string): Promise<void> {
  await audit(page, `console-${name}`, findings);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  // axe-core goes into each page as a script, which the Content Security Policy rightly
  // refuses; only this context sets it aside.
  context = await browser.newContext({ viewport: LAPTOP, locale: "en-GB", bypassCSP: true, acceptDownloads: true });
  page = await context.newPage();
  for (let i = 0; i < 7; i++) await learner(i, i < 5);
});

afterAll(async () => {
  saveFindings(findings, "axe-findings-console.json");
  await browser?.close();
  await server?.dispose();
});

describe("the lead console", () => {
  test("a link signs in once; a second use is refused with a clear page", async () => {
    const link = invite("sam@demo.gov.uk");
    await page.goto(server.url + "/lead");
    await stop("01-start");
    await page.goto(link);
    await stop("02-link");
    await page.getByRole("button", { name: "Sign in" }).press("Enter");
    await page.waitForURL(/\/lead\/cohorts$/);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("Demo council");
    await stop("03-cohorts");

    const other = await browser.newContext();
    const second = await other.newPage();
    await second.goto(link);
    await second.getByRole("button", { name: "Sign in" }).click();
    expect(await second.getByRole("heading", { level: 1 }).textContent()).toBe("This sign-in link has been used");
    await other.close();
  });

  test("a cohort's progress names those who share and counts the rest", async () => {
    await page.getByRole("link", { name: "Browser test cohort" }).click();
    const body = await page.locator("main").textContent();
    expect(body).toContain("5 of 7 members share their progress");
    expect(body).toContain("Member 0");
    expect(body).not.toContain("Member 6");
    await stop("04-progress");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download progress (CSV)" }).click()]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.split("\r\n")[0]).toBe('"Name","Modules finished","Lessons finished","Quiz results","Checklists run","Last active"');
    expect(csv).toContain('"Member 4"');
    expect(csv).not.toContain("Member 5");

    await page.getByRole("link", { name: "What members found useful" }).click();
    await stop("05-usefulness");
    await page.getByRole("link", { name: "Baseline" }).click();
    expect(await page.locator("main").textContent()).toContain("Hidden");
    await stop("06-baseline");
    const [baseline] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the baseline (CSV)" }).click()]);
    expect(readFileSync((await baseline.path())!, "utf8")).toContain('"All councils"');
  });

  test("create a cohort from the keyboard, with its join code and handout", async () => {
    await page.goto(server.url + "/lead/cohorts/new");
    await page.getByLabel("Cohort name").focus();
    await page.keyboard.press("Enter");
    expect(await page.locator(".govuk-error-summary").textContent()).toContain("Enter a cohort name");
    await stop("07-create-error");
    await page.getByLabel("Cohort name").fill("Spring 2027");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/code$/);
    expect(await page.locator(".nc-code").textContent()).toMatch(/^[A-Z0-9-]+$/);
    await stop("08-join-code");
    await page.getByRole("link", { name: "Print a handout for a workshop" }).click();
    expect(await page.locator("svg").count()).toBeGreaterThan(0);
    await stop("09-handout");
  });

  test("the audit log lists each report, and signing out ends the session", async () => {
    await page.goto(server.url + "/lead/audit");
    const log = await page.locator("main").textContent();
    expect(log).toContain("Viewed the progress of Browser test cohort");
    expect(log).toContain("Downloaded the baseline (CSV)");
    await stop("10-audit");
    await page.getByRole("button", { name: "Sign out" }).click();
    expect(await page.locator("main").textContent()).toContain("You have signed out.");
    await page.goto(server.url + "/lead/cohorts");
    expect(await page.locator("main").textContent()).toContain("Sign in to see this page.");
  });

  test("no serious or critical accessibility findings on any console page", () => {
    const serious = findings.filter((f) => f.impact === "serious" || f.impact === "critical");
    expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
  });
});

// Offline for real: the browser is set offline and the server is stopped. The learner keeps
// learning, reloads the page (served by the service worker) and finds everything there. Back
// online, the app syncs, and a second browser profile paired as another device sees the
// progress; what that device does comes back the other way.

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";

import { expectHeading, finishLesson, open, press, ready, syncText, tab, waitForSync, WORDS } from "./support/app";
import { device, launch, watchErrors } from "./support/browser";
import { startServer, type Server } from "./support/server";

let server: Server;
let browser: Browser;
let laptop: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  laptop = await device(browser);
  page = await laptop.newPage();
  errors = watchErrors(page);
  await open(page, server.url);
  await tab(page, WORDS.settings);
  await page.getByLabel("Programme code").fill(server.cohortCode);
  await press(page, WORDS.join);
  await waitForSync(page, (t) => t.startsWith(WORDS.syncedPrefix), "synced");
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

async function serverAnswers(): Promise<boolean> {
  try {
    return (await fetch(`${server.url}/healthz`)).ok;
  } catch {
    return false;
  }
}

describe("offline", () => {
  test("the service worker takes over the page and caches the app shell and the wasm", async () => {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const cache = await caches.open(names.find((n) => n.startsWith("nc-shell-")) ?? "none");
      return { names, urls: (await cache.keys()).map((r) => new URL(r.url).pathname) };
    });
    expect(cached.names.filter((n) => n.startsWith("nc-shell-"))).toHaveLength(1);
    expect(cached.urls).toContain("/");
    expect(cached.urls.some((u) => u.endsWith(".wasm"))).toBe(true);
    expect(cached.urls.some((u) => u.endsWith(".js"))).toBe(true);
    expect(cached.urls.some((u) => u.endsWith(".css"))).toBe(true);
    expect(cached.urls).toContain("/manifest.webmanifest");
  });

  test("with no network and no server, learning goes on and is saved on the device", async () => {
    await server.stop("SIGKILL");
    await laptop.setOffline(true);
    expect(await serverAnswers()).toBe(false);
    await waitForSync(page, (t) => t === WORDS.offline, "offline");
    await tab(page, WORDS.home);
    await press(page, WORDS.startLesson);
    await finishLesson(page);
    await press(page, "Back to your learning path");
    await expectHeading(page, "Your learning path");
    expect(await syncText(page)).toBe(WORDS.offline);
  });

  test("a reload with no network opens the app from the service worker, with all progress", async () => {
    let fromWorker = false;
    page.once("response", (r) => {
      if (r.request().isNavigationRequest()) fromWorker = r.fromServiceWorker();
    });
    await page.reload();
    await ready(page);
    expect(fromWorker, "the page came from the service worker").toBe(true);
    await expectHeading(page, "Welcome");
    expect(await page.locator("main .govuk-body-l").first().innerText()).toMatch(/You have finished 1 of \d+ lessons\./);
    await tab(page, WORDS.path);
    expect(await page.locator(".govuk-task-list__item").first().locator(".govuk-tag").innerText()).toBe("Complete");
    await waitForSync(page, (t) => t === WORDS.offline, "offline");
  });

  test("back online, it syncs what was saved", async () => {
    await server.start();
    await laptop.setOffline(false);
    const status = await waitForSync(page, (t) => t.startsWith(WORDS.syncedPrefix) && !t.includes("waiting"), "synced with nothing waiting");
    expect(status).toMatch(/^Synced (just now|\d+ (second|minute)s? ago)\.?$/);
  });

  test("a second device, paired with a code, sees the progress; its progress comes back", async () => {
    await tab(page, WORDS.settings);
    await press(page, WORDS.addDevice);
    const shown = await page.getByText("Enter this code on your other device").innerText();
    const code = shown.match(/\b([A-Z0-9]{4}) ([A-Z0-9]{4}) ([A-Z0-9]{4})\b/);
    expect(code, shown).not.toBeNull();

    const phone = await device(browser);
    const other = await phone.newPage();
    const otherErrors = watchErrors(other);
    await open(other, server.url);
    await tab(other, WORDS.settings);
    // Typed as a learner might: lower case, spaces kept.
    await other.getByLabel("Pairing code").fill(`${code?.[1]} ${code?.[2]} ${code?.[3]}`.toLowerCase());
    await press(other, WORDS.pair);
    await other.getByText("You have joined Browser test cohort").first().waitFor();
    await waitForSync(other, (t) => t.startsWith(WORDS.syncedPrefix), "synced");
    await tab(other, WORDS.home);
    await other.locator("main .govuk-body-l", { hasText: /You have finished 1 of/ }).waitFor({ timeout: 15_000 });
    await tab(other, WORDS.path);
    expect(await other.locator(".govuk-task-list__item").first().locator(".govuk-tag").innerText()).toBe("Complete");

    // The other way: the phone opens the next lesson; the laptop, synced, offers to continue it.
    await tab(other, WORDS.home);
    await press(other, WORDS.startLesson);
    const lesson = (await other.locator("main h1").innerText()).trim();
    await press(other, WORDS.next);
    await waitForSync(other, (t) => t.startsWith(WORDS.syncedPrefix) && !t.includes("waiting"), "synced with nothing waiting");
    await tab(page, WORDS.settings);
    await press(page, "Sync now");
    await tab(page, WORDS.home);
    const resume = page.locator("#home-resume");
    await resume.waitFor({ timeout: 15_000 });
    expect(await resume.evaluate((el) => el.parentElement?.innerText ?? "")).toContain(lesson);
    expect(await resume.evaluate((el) => el.parentElement?.innerText ?? "")).toMatch(/Step 2 of \d+/);
    expect(otherErrors).toEqual([]);
    await phone.close();
  });

  test("nothing went wrong on the way", () => {
    // With the network off, the browser logs the failed sync requests; nothing else may fail.
    expect(errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED/.test(e))).toEqual([]);
  });
});

// The service worker: keeps the app shell and the core's wasm on the device, so the app opens
// with no network. Built by the plugin in vite.config.ts, which fills in the file list and a
// version that changes with any file.
//
// - install: cache every file of this version (one cache per version);
// - activate: delete the caches of older versions, and take over open pages;
// - fetch: the page itself from the network when there is one (so a new version arrives), else
//   from the cache; other files from the cache first. The sync API is never cached.

/// <reference lib="webworker" />
export {};

declare const __PRECACHE__: string[];
declare const __VERSION__: string;
declare const self: ServiceWorkerGlobalScope;

const PREFIX = "nc-shell-";
const CACHE = `${PREFIX}${__VERSION__}`;
const INDEX = "/";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // Hashed file names never change content, so the copy the page just downloaded will do;
      // the others are fetched afresh.
      .then((cache) =>
        cache.addAll(
          __PRECACHE__.map((url) => new Request(url, { cache: url.startsWith("/assets/") ? "default" : "reload" })),
        ),
      )
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function page(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok) return response;
    throw new Error(`status ${response.status}`);
  } catch {
    const cached = await caches.match(INDEX, { cacheName: CACHE });
    if (cached) return cached;
    throw new Error("offline, and the app is not cached yet");
  }
}

async function file(request: Request): Promise<Response> {
  const cached = await caches.match(request, { cacheName: CACHE, ignoreSearch: true });
  return cached ?? fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/") || url.pathname === "/healthz") return;
  event.respondWith(request.mode === "navigate" ? page(request) : file(request));
});

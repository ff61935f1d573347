// The Http effect with `fetch`, to the server the page came from.
//
// Every request gets an answer: the server's response (whatever its status), or an error the
// core turns into words: `Io` when there is no network or no server, `Timeout` when it took
// too long, `Url` for an address on another server.

import { HttpHeader, HttpResponse, type HttpRequest, type HttpResult } from "shared_types";

export interface HttpOptions {
  /** The page's origin. Requests anywhere else are refused. */
  origin: string;
  fetch: typeof fetch;
  timeoutMs: number;
}

export function defaultHttpOptions(): HttpOptions {
  return { origin: location.origin, fetch: (input, init) => fetch(input, init), timeoutMs: 30_000 };
}

function error(kind: "Io" | "Url", value: string): HttpResult {
  return { kind: "Err", value: { kind, value } };
}

export async function http(request: HttpRequest, options: HttpOptions): Promise<HttpResult> {
  let url: URL;
  try {
    url = new URL(request.url, options.origin);
  } catch {
    return error("Url", `Not a web address: ${request.url}`);
  }
  if (url.origin !== options.origin) {
    return error("Url", `The web app only talks to the server it came from (${options.origin}), not ${url.origin}.`);
  }
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, options.timeoutMs);
  try {
    const response = await options.fetch(url.toString(), {
      method: request.method,
      headers: request.headers.map((h): [string, string] => [h.name, h.value]),
      body: request.body.length > 0 ? new Uint8Array(request.body) : undefined,
      signal: abort.signal,
      cache: "no-store",
      credentials: "omit",
    });
    const body = new Uint8Array(await response.arrayBuffer());
    const headers = Array.from(response.headers.entries(), ([name, value]) => new HttpHeader(name, value));
    return { kind: "Ok", value: new HttpResponse(response.status, headers, body) };
  } catch (e) {
    if (timedOut) return { kind: "Err", value: { kind: "Timeout" } };
    return error("Io", e instanceof Error ? e.message : String(e));
  } finally {
    clearTimeout(timer);
  }
}

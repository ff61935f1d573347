// The HTTP effect: requests go to the page's own server with the core's method, headers and
// body; every outcome becomes an answer the core understands.

import { describe, expect, test } from "vitest";

import { HttpHeader, HttpRequest } from "shared_types";

import { http, type HttpOptions } from "../src/effects/http";

const ORIGIN = "http://127.0.0.1:8080";

function options(fetcher: HttpOptions["fetch"], timeoutMs = 1_000): HttpOptions {
  return { origin: ORIGIN, fetch: fetcher, timeoutMs };
}

function post(url: string, body = '{"cursor":0}'): HttpRequest {
  return new HttpRequest(
    "POST",
    url,
    [new HttpHeader("authorization", "Bearer t"), new HttpHeader("content-type", "application/json")],
    new TextEncoder().encode(body),
  );
}

describe("http", () => {
  test("sends method, headers and body, and returns status, headers and body", async () => {
    let seen: { url: string; init: RequestInit | undefined } | null = null;
    const result = await http(
      post(`${ORIGIN}/api/v1/sync`),
      options(async (url, init) => {
        seen = { url: String(url), init };
        return new Response('{"ok":true}', { status: 409, headers: { "content-type": "application/json" } });
      }),
    );
    expect(seen!.url).toBe(`${ORIGIN}/api/v1/sync`);
    expect(seen!.init?.method).toBe("POST");
    expect(seen!.init?.headers).toEqual([
      ["authorization", "Bearer t"],
      ["content-type", "application/json"],
    ]);
    expect(new TextDecoder().decode(seen!.init?.body as Uint8Array)).toBe('{"cursor":0}');
    expect(result.kind).toBe("Ok");
    if (result.kind !== "Ok") return;
    expect(result.value.status).toBe(409);
    expect(result.value.headers).toContainEqual(new HttpHeader("content-type", "application/json"));
    expect(new TextDecoder().decode(result.value.body)).toBe('{"ok":true}');
  });

  test("a GET goes without a body", async () => {
    let body: unknown = "unset";
    await http(
      new HttpRequest("GET", `${ORIGIN}/api/v1/pack`, [], new Uint8Array()),
      options(async (_url, init) => {
        body = init?.body;
        return new Response("{}");
      }),
    );
    expect(body).toBeUndefined();
  });

  test("no network becomes an Io error", async () => {
    const result = await http(
      post(`${ORIGIN}/api/v1/sync`),
      options(async () => {
        throw new TypeError("Failed to fetch");
      }),
    );
    expect(result).toEqual({ kind: "Err", value: { kind: "Io", value: "Failed to fetch" } });
  });

  test("a server that does not answer in time becomes a Timeout", async () => {
    const result = await http(
      post(`${ORIGIN}/api/v1/sync`),
      options(
        (_url, init) =>
          new Promise((_resolve, reject) => {
            init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
          }),
        20,
      ),
    );
    expect(result).toEqual({ kind: "Err", value: { kind: "Timeout" } });
  });

  test("another server is refused without a request", async () => {
    let called = false;
    const result = await http(
      post("https://elsewhere.example/api/v1/sync"),
      options(async () => {
        called = true;
        return new Response("{}");
      }),
    );
    expect(called).toBe(false);
    expect(result.kind === "Err" && result.value.kind).toBe("Url");
  });
});

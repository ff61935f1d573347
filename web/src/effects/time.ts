// The Time effect: the time now, and timers.
//
// As the core's test harness does (shared/src/harness.rs): `Now` answers at once; a timer
// answers when it is due; `Clear` stops a waiting timer, which then never answers, and
// answers `Cleared` itself.

import { Instant, TimerId, type TimeRequest, type TimeResponse } from "shared_types";

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const browserClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Browsers run a timeout of more than this at once; longer waits go in steps. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export function instantOf(ms: number): Instant {
  const whole = Math.floor(ms);
  return new Instant(BigInt(Math.floor(whole / 1000)), (whole % 1000) * 1_000_000);
}

export function msOf(instant: Instant): number {
  return Number(instant.seconds) * 1000 + Math.floor(instant.nanos / 1_000_000);
}

export class Timers {
  private readonly waiting = new Map<string, unknown>();

  constructor(private readonly clock: Clock = browserClock) {}

  /** Timers waiting to fire. */
  get pending(): number {
    return this.waiting.size;
  }

  /** Answers `Now` and `Clear` at once (synchronously); timers when they are due. */
  handle(request: TimeRequest, answer: (response: TimeResponse) => void): void {
    switch (request.kind) {
      case "Now":
        answer({ kind: "Now", instant: instantOf(this.clock.now()) });
        return;
      case "NotifyAfter": {
        const ms = Number(request.duration.nanos / 1_000_000n);
        this.wait(request.id, this.clock.now() + ms, () => answer({ kind: "DurationElapsed", id: request.id }));
        return;
      }
      case "NotifyAt":
        this.wait(request.id, msOf(request.instant), () => answer({ kind: "InstantArrived", id: request.id }));
        return;
      case "Clear": {
        const key = request.id.value.toString();
        const handle = this.waiting.get(key);
        if (handle !== undefined) this.clock.clearTimeout(handle);
        this.waiting.delete(key);
        answer({ kind: "Cleared", id: new TimerId(request.id.value) });
        return;
      }
    }
  }

  private wait(id: TimerId, dueMs: number, fire: () => void): void {
    const key = id.value.toString();
    const step = () => {
      const left = dueMs - this.clock.now();
      if (left > 0) {
        this.waiting.set(key, this.clock.setTimeout(step, Math.min(left, MAX_TIMEOUT_MS)));
        return;
      }
      this.waiting.delete(key);
      fire();
    };
    const left = Math.max(0, dueMs - this.clock.now());
    this.waiting.set(key, this.clock.setTimeout(step, Math.min(left, MAX_TIMEOUT_MS)));
  }
}

// The time effect, on a clock the test moves: Now at once, timers when due (long ones in
// steps), and Clear stops a timer, which then never answers.

import { describe, expect, test } from "vitest";

import { Duration, Instant, TimerId, type TimeResponse } from "shared_types";

import { instantOf, msOf, Timers, type Clock } from "../src/effects/time";

class TestClock implements Clock {
  nowMs = 1_777_626_000_000;
  private timers: { due: number; callback: () => void; handle: number }[] = [];
  private next = 1;
  now(): number {
    return this.nowMs;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.next++;
    this.timers.push({ due: this.nowMs + ms, callback, handle });
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.handle !== handle);
  }
  advance(ms: number): void {
    const target = this.nowMs + ms;
    for (;;) {
      this.timers.sort((a, b) => a.due - b.due);
      const first = this.timers[0];
      if (first === undefined || first.due > target) break;
      this.timers.shift();
      this.nowMs = Math.max(this.nowMs, first.due);
      first.callback();
    }
    this.nowMs = target;
  }
}

describe("Timers", () => {
  test("Now answers at once with the clock's time", () => {
    const clock = new TestClock();
    const answers: TimeResponse[] = [];
    new Timers(clock).handle({ kind: "Now" }, (r) => answers.push(r));
    expect(answers).toEqual([{ kind: "Now", instant: new Instant(1_777_626_000n, 0) }]);
  });

  test("instants convert both ways to the millisecond", () => {
    expect(msOf(instantOf(1_777_626_000_123))).toBe(1_777_626_000_123);
    expect(instantOf(1_500)).toEqual(new Instant(1n, 500_000_000));
  });

  test("NotifyAfter answers when the duration has passed, not before", () => {
    const clock = new TestClock();
    const timers = new Timers(clock);
    const answers: TimeResponse[] = [];
    const id = new TimerId(7n);
    timers.handle({ kind: "NotifyAfter", id, duration: new Duration(5_000_000_000n) }, (r) => answers.push(r));
    clock.advance(4_999);
    expect(answers).toEqual([]);
    clock.advance(1);
    expect(answers).toEqual([{ kind: "DurationElapsed", id }]);
    expect(timers.pending).toBe(0);
  });

  test("NotifyAt answers at the instant, even weeks away (longer than one browser timeout)", () => {
    const clock = new TestClock();
    const timers = new Timers(clock);
    const answers: TimeResponse[] = [];
    const id = new TimerId(8n);
    const due = clock.nowMs + 40 * 24 * 3_600_000;
    timers.handle({ kind: "NotifyAt", id, instant: instantOf(due) }, (r) => answers.push(r));
    clock.advance(30 * 24 * 3_600_000);
    expect(answers).toEqual([]);
    clock.advance(10 * 24 * 3_600_000);
    expect(answers).toEqual([{ kind: "InstantArrived", id }]);
  });

  test("Clear stops the timer, which never answers; the Clear itself answers Cleared", () => {
    const clock = new TestClock();
    const timers = new Timers(clock);
    const fired: TimeResponse[] = [];
    const cleared: TimeResponse[] = [];
    const id = new TimerId(9n);
    timers.handle({ kind: "NotifyAfter", id, duration: new Duration(1_000_000_000n) }, (r) => fired.push(r));
    timers.handle({ kind: "Clear", id }, (r) => cleared.push(r));
    clock.advance(10_000);
    expect(fired).toEqual([]);
    expect(cleared).toEqual([{ kind: "Cleared", id }]);
    expect(timers.pending).toBe(0);
  });
});

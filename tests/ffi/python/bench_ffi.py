"""The cost of calling the native runtime through uniffi's generated Python bindings.

The same calls are timed in process by `cargo bench -p shared --bench native --features native`
(the exported object's section); the ratio of the two is the FFI overhead recorded in
docs/BENCHMARKS.md. Run by `cargo xtask ffi bench`.
"""

import os
import sys
import tempfile
import time

sys.path.insert(0, os.environ.get("NC_PYTHON_BINDINGS", "generated/bindings/python"))

import shared as nc  # noqa: E402


class Quiet:
    def view_changed(self):
        pass


def timed(runs, call):
    times = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        call()
        times.append(time.perf_counter_ns() - start)
    times.sort()
    return times


def pct(times, p):
    return times[round((len(times) - 1) * p)] / 1000.0


def main():
    calls = 20_000
    with tempfile.TemporaryDirectory(prefix="nc-bench-") as data:
        runtime = nc.CoreRuntime.open(data, Quiet())
        deadline = time.monotonic() + 30
        while '"screen":{"Home"' not in runtime.view_json():
            if time.monotonic() > deadline:
                raise SystemExit("the runtime never started")
            time.sleep(0.001)
        view = timed(calls, runtime.view)
        send_json = timed(calls, lambda: runtime.send_json('"DismissNotice"'))
        runtime.shutdown()
    print(f"\n## The exported object through the Python bindings ({calls} calls)\n")
    print("| call | p50 µs | p90 µs |")
    print("|---|---:|---:|")
    print(f"| `view()` (bincode view model) | {pct(view, 0.5):.2f} | {pct(view, 0.9):.2f} |")
    print(f"| `send_json(text)` (decode and queue) | {pct(send_json, 0.5):.2f} | {pct(send_json, 0.9):.2f} |")


if __name__ == "__main__":
    main()

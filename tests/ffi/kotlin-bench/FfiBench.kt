package org.networkedcouncillor.bench

import java.nio.file.Files
import org.networkedcouncillor.ffi.CoreRuntime
import org.networkedcouncillor.ffi.ViewListener

/**
 * The cost of calling the native runtime through uniffi's Kotlin bindings (JNA), as the Android
 * shell does, against the same calls in process (`cargo bench -p shared --bench native
 * --features native`). Run by `cargo xtask ffi bench`.
 */
private object Quiet : ViewListener {
    override fun viewChanged() {}
}

private fun timed(runs: Int, call: () -> Unit): LongArray {
    val times = LongArray(runs)
    for (i in 0 until runs) {
        val start = System.nanoTime()
        call()
        times[i] = System.nanoTime() - start
    }
    times.sort()
    return times
}

private fun pct(times: LongArray, p: Double): String =
    "%.2f".format(times[Math.round((times.size - 1) * p).toInt()] / 1000.0)

fun main() {
    val dir = Files.createTempDirectory("nc-bench-kotlin").toFile()
    val runtime = CoreRuntime.open(dir.absolutePath, Quiet)
    val deadline = System.nanoTime() + 30_000_000_000L
    while (!runtime.viewJson().contains("\"screen\":{\"Home\"")) {
        check(System.nanoTime() < deadline) { "the runtime never started" }
        Thread.sleep(1)
    }
    val calls = 20_000
    // Let the JIT compile the call paths first, as a running app has.
    timed(calls) { runtime.view() }
    timed(calls) { runtime.sendJson("\"DismissNotice\"") }
    val view = timed(calls) { runtime.view() }
    val send = timed(calls) { runtime.sendJson("\"DismissNotice\"") }
    runtime.shutdown()
    runtime.close()
    dir.deleteRecursively()
    println("\n## The exported object through the Kotlin bindings on the JVM ($calls calls)\n")
    println("| call | p50 µs | p90 µs |")
    println("|---|---:|---:|")
    println("| `view()` (bincode view model) | ${pct(view, 0.5)} | ${pct(view, 0.9)} |")
    println("| `sendJson(text)` (decode and queue) | ${pct(send, 0.5)} | ${pct(send, 0.9)} |")
}

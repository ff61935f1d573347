package org.networkedcouncillor.core

import java.util.concurrent.CopyOnWriteArrayList
import org.networkedcouncillor.ffi.CoreException
import org.networkedcouncillor.ffi.CoreRuntime
import org.networkedcouncillor.ffi.ViewListener
import org.networkedcouncillor.shared.Event
import org.networkedcouncillor.shared.ViewModel

/**
 * The Android shell's one door to the core: the native runtime (Rust, through uniffi) that
 * owns the app's rules, its SQLite storage, its clock and its network.
 *
 * The shell sends [Event]s and renders [view]. It never decides anything itself: every word and
 * every button comes in the [ViewModel]. Events cross to Rust as bytes in the Crux bridge
 * format (bincode), written and read by the generated types in
 * `org.networkedcouncillor.shared`.
 *
 * The wrapper holds the latest view model as state: read [view] at any time, or [subscribe] to
 * hear each new one. It has no dependency beyond the generated code, so the same file runs in
 * the app and in the JVM tests. In the app, an Android `ViewModel` turns it into a `StateFlow`:
 *
 * ```
 * val state = MutableStateFlow(core.view)
 * val subscription = core.subscribe { state.value = it }
 * ```
 *
 * Open it with [open], off the main thread: opening reads the disk. Close it when the app's
 * process is done with it (or let the `ViewModel`'s `onCleared` do so).
 */
class CoreWrapper private constructor(
    private val deliver: (Runnable) -> Unit,
) : AutoCloseable {

    /** Where the core's views arrive from the runtime's worker thread. */
    private inner class Listener : ViewListener {
        override fun viewChanged() {
            refresh()
        }
    }

    private val lock = Any()
    private val observers = CopyOnWriteArrayList<(ViewModel) -> Unit>()

    // Set once `open` returns. The runtime may report a change before then; that change is
    // picked up by the refresh that follows opening.
    @Volatile
    private var runtime: CoreRuntime? = null

    @Volatile
    private var current: ViewModel? = null

    /** The latest view model. */
    val view: ViewModel
        get() = current ?: error("the core is not open yet")

    /**
     * Tells [observer] the current view model now, and each new one after, through the
     * `deliver` function given to [open] (on Android, the main thread). Close the returned
     * handle to stop.
     */
    fun subscribe(observer: (ViewModel) -> Unit): AutoCloseable {
        observers.add(observer)
        val now = current
        if (now != null) {
            deliver(Runnable { observer(now) })
        }
        return AutoCloseable { observers.remove(observer) }
    }

    /**
     * Sends an event to the core. Returns at once; the new view arrives through [subscribe].
     *
     * @throws CoreException.Closed after [shutdown] or [close].
     */
    @Throws(CoreException::class)
    fun send(event: Event) {
        val runtime = this.runtime ?: throw CoreException.Closed(CLOSED)
        runtime.send(event.bincodeSerialize())
    }

    /**
     * Finishes storing what the core was asked to store and closes the database. The last
     * view stays readable; sending fails from now on. Safe to call twice.
     */
    fun shutdown() {
        runtime?.shutdown()
    }

    /** Shuts down and frees the native object. */
    override fun close() {
        val runtime = synchronized(lock) {
            val it = this.runtime
            this.runtime = null
            it
        }
        runtime?.shutdown()
        runtime?.close()
        observers.clear()
    }

    /** Reads the view from the runtime and tells the observers, if it changed. */
    private fun refresh() {
        val next = synchronized(lock) {
            val runtime = this.runtime ?: return
            val next = ViewModel.bincodeDeserialize(runtime.view())
            if (next == current) return
            current = next
            next
        }
        for (observer in observers) {
            deliver(Runnable { observer(next) })
        }
    }

    companion object {
        /** The runtime's own words for a closed core, for a send after [close]. */
        private const val CLOSED = "The app's core was closed. Open it again to continue."

        /**
         * Opens the core on [dataDir], the app's private files folder (`context.filesDir`),
         * creating it if needed. Blocks while it opens the database: call it off the main
         * thread.
         *
         * @param deliver how observers are called; on Android, post to the main thread with
         *   `Handler(Looper.getMainLooper())::post`. By default observers run on the runtime's
         *   worker thread.
         * @throws CoreException.Storage when no database can be made in [dataDir]. Its
         *   message says what to do. A damaged database does not throw: it is kept aside and
         *   [ViewModel.warning] says where.
         */
        @JvmStatic
        @Throws(CoreException::class)
        fun open(dataDir: String, deliver: (Runnable) -> Unit = { it.run() }): CoreWrapper {
            val wrapper = CoreWrapper(deliver)
            val runtime = CoreRuntime.open(dataDir, wrapper.Listener())
            synchronized(wrapper.lock) {
                wrapper.runtime = runtime
                wrapper.current = ViewModel.bincodeDeserialize(runtime.view())
            }
            // A change may have been reported while the runtime field was still empty.
            wrapper.refresh()
            return wrapper
        }
    }
}

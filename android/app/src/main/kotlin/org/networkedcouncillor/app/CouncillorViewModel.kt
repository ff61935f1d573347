package org.networkedcouncillor.app

import android.app.Application
import android.os.Handler
import android.os.Looper
import androidx.lifecycle.AndroidViewModel
import androidx.lifecycle.viewModelScope
import java.io.File
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.networkedcouncillor.core.CoreWrapper
import org.networkedcouncillor.ffi.CoreException
import org.networkedcouncillor.shared.Event
import org.networkedcouncillor.shared.ViewModel

/** What the app shows: the core's view model once the core is open. */
sealed interface CoreState {
    /** The runtime is opening the database; the first view follows in moments. */
    data object Opening : CoreState

    data class Ready(val view: ViewModel) : CoreState

    /**
     * The runtime cannot be used at all (no database can be made). The message is the
     * runtime's: what happened and what to do.
     */
    data class Failed(val message: String) : CoreState
}

/**
 * The core for the app's screens, as a [StateFlow] of its view model.
 *
 * It opens [CoreWrapper] (the same class the JVM tests drive) off the main thread, hears each
 * new view on the main thread through [CoreWrapper.subscribe], and sends events in order on a
 * background thread. It also tells the core the one platform fact it watches for its whole
 * life: whether the device is online. The core decides everything else.
 */
class CouncillorViewModel(application: Application) : AndroidViewModel(application) {
    private val mutableState = MutableStateFlow<CoreState>(CoreState.Opening)
    val state: StateFlow<CoreState> = mutableState.asStateFlow()

    private val main = Handler(Looper.getMainLooper())

    /** One thread's worth of dispatcher, so events reach the core in the order they were sent. */
    @OptIn(ExperimentalCoroutinesApi::class)
    private val events = Dispatchers.IO.limitedParallelism(1)

    @Volatile private var core: CoreWrapper? = null
    @Volatile private var subscription: AutoCloseable? = null

    init {
        viewModelScope.launch(events) {
            val directory = File(application.filesDir, "progress").path
            try {
                val opened = CoreWrapper.open(directory) { update -> main.post(update) }
                core = opened
                subscription = opened.subscribe { view -> mutableState.value = CoreState.Ready(view) }
            } catch (error: CoreException) {
                fail(error)
            }
        }
        viewModelScope.launch {
            application.onlineUpdates().collect { online -> send(Event.ConnectivityChanged(online)) }
        }
    }

    /** Sends an event: an action's, or one built from what the learner typed. */
    fun send(event: Event) {
        viewModelScope.launch(events) {
            val core = core ?: return@launch
            try {
                core.send(event)
            } catch (closed: CoreException.Closed) {
                // Closed as the app ends: nothing more to store.
            } catch (error: CoreException) {
                fail(error)
            }
        }
    }

    private suspend fun fail(error: CoreException) {
        val message = error.message.orEmpty()
        withContext(Dispatchers.Main) { mutableState.value = CoreState.Failed(message) }
    }

    /** Stores what is in flight, closes the database and frees the runtime. */
    override fun onCleared() {
        subscription?.close()
        core?.close()
        core = null
    }
}

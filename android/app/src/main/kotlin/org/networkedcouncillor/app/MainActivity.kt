package org.networkedcouncillor.app

import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.activity.enableEdgeToEdge
import androidx.activity.viewModels
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.lifecycleScope
import androidx.lifecycle.repeatOnLifecycle
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import org.networkedcouncillor.app.ui.CouncillorApp
import org.networkedcouncillor.app.ui.theme.CouncillorTheme
import org.networkedcouncillor.shared.Event

class MainActivity : ComponentActivity() {
    private val viewModel: CouncillorViewModel by viewModels()

    override fun onCreate(savedInstanceState: Bundle?) {
        enableEdgeToEdge()
        super.onCreate(savedInstanceState)
        tickWhileStarted()
        setContent {
            CouncillorTheme {
                CouncillorApp(viewModel)
            }
        }
    }

    /**
     * Tells the core about once a minute that time has passed, while the app is on screen, so
     * words like "Synced 2 minutes ago" stay true; and at once on coming back.
     */
    private fun tickWhileStarted() {
        lifecycleScope.launch {
            repeatOnLifecycle(Lifecycle.State.STARTED) {
                while (true) {
                    viewModel.send(Event.Tick)
                    delay(TICK_MILLIS)
                }
            }
        }
    }

    private companion object {
        const val TICK_MILLIS = 60_000L
    }
}

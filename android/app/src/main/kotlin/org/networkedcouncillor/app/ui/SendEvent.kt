package org.networkedcouncillor.app.ui

import androidx.compose.runtime.staticCompositionLocalOf
import org.networkedcouncillor.shared.Event

/**
 * How a composable hands an event to the core: `LocalSendEvent.current(action.event)`. The app
 * provides the view model's `send`; previews can provide their own.
 */
val LocalSendEvent = staticCompositionLocalOf<(Event) -> Unit> { {} }

package org.networkedcouncillor.app.ui.components

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.material3.Button
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.text.style.TextAlign
import androidx.compose.ui.unit.dp
import org.networkedcouncillor.app.ui.LocalSendEvent
import org.networkedcouncillor.shared.Action

/** How much a button stands out. */
enum class Prominence {
    /** The one main thing to do on a screen or card. */
    Primary,
    Secondary,

    /** Deletes something. */
    Destructive,

    /** Reads as a link, inside text and lists. */
    Link,
}

/** A button from the view model: it says the action's label and sends the action's event. */
@Composable
fun ActionButton(
    action: Action,
    modifier: Modifier = Modifier,
    prominence: Prominence = Prominence.Primary,
    enabled: Boolean = true,
) {
    val send = LocalSendEvent.current
    val onClick = { send(action.event) }
    val label: @Composable () -> Unit = {
        Text(action.label, textAlign = TextAlign.Center)
    }
    when (prominence) {
        Prominence.Primary ->
            Button(onClick, modifier.fillMaxWidth(), enabled) { label() }
        Prominence.Secondary ->
            OutlinedButton(onClick, modifier.fillMaxWidth(), enabled) { label() }
        Prominence.Destructive ->
            Button(
                onClick,
                modifier.fillMaxWidth(),
                enabled,
                colors = ButtonDefaults.buttonColors(
                    containerColor = MaterialTheme.colorScheme.error,
                    contentColor = MaterialTheme.colorScheme.onError,
                ),
            ) { label() }
        Prominence.Link ->
            TextButton(onClick, modifier, enabled) {
                Text(action.label, textAlign = TextAlign.Start)
            }
    }
}

/** Buttons one under another, full width: the first is the main one, the rest secondary. */
@Composable
fun ActionColumn(actions: List<Action>, modifier: Modifier = Modifier) {
    Column(modifier, verticalArrangement = Arrangement.spacedBy(8.dp)) {
        actions.forEachIndexed { index, action ->
            ActionButton(action, prominence = if (index == 0) Prominence.Primary else Prominence.Secondary)
        }
    }
}

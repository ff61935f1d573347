package org.networkedcouncillor.app.ui.frame

import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.List
import androidx.compose.material.icons.filled.CheckCircle
import androidx.compose.material.icons.filled.Home
import androidx.compose.material.icons.filled.Refresh
import androidx.compose.material.icons.filled.Settings
import androidx.compose.material.icons.filled.Star
import androidx.compose.material3.Icon
import androidx.compose.material3.NavigationBar
import androidx.compose.material3.NavigationBarItem
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.vector.ImageVector
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.style.TextOverflow
import org.networkedcouncillor.app.ui.LocalSendEvent
import org.networkedcouncillor.shared.Destination
import org.networkedcouncillor.shared.Tab

/**
 * The main navigation: one item per destination, in the core's order, with the core's labels.
 * A label too long for its item at a large font is cut short on screen, never for TalkBack.
 */
@Composable
fun DestinationBar(tabs: List<Tab>, label: String) {
    val send = LocalSendEvent.current
    NavigationBar(modifier = Modifier.semantics { contentDescription = label }) {
        tabs.forEach { tab ->
            NavigationBarItem(
                selected = tab.current,
                onClick = { send(tab.action.event) },
                icon = { Icon(tab.destination.icon(), contentDescription = null) },
                label = { Text(tab.action.label, maxLines = 1, overflow = TextOverflow.Ellipsis) },
            )
        }
    }
}

private fun Destination.icon(): ImageVector = when (this) {
    Destination.HOME -> Icons.Filled.Home
    Destination.PATH -> Icons.AutoMirrored.Filled.List
    Destination.REVIEW -> Icons.Filled.Refresh
    Destination.ASSESSMENT -> Icons.Filled.Star
    Destination.CHECKLISTS -> Icons.Filled.CheckCircle
    Destination.SETTINGS -> Icons.Filled.Settings
}

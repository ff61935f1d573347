package org.networkedcouncillor.app.ui.frame

import androidx.compose.foundation.background
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.size
import androidx.compose.foundation.shape.CircleShape
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.unit.dp
import org.networkedcouncillor.app.ui.components.ActionButton
import org.networkedcouncillor.app.ui.components.Caption
import org.networkedcouncillor.app.ui.components.Prominence
import org.networkedcouncillor.app.ui.components.Tints
import org.networkedcouncillor.shared.SyncState
import org.networkedcouncillor.shared.SyncView

/** The sync status in words ("Synced 2 minutes ago"), with "See why" when items could not sync. */
@Composable
fun SyncStatusLine(sync: SyncView) {
    Column(verticalArrangement = Arrangement.spacedBy(4.dp)) {
        Row(verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            // A dot in the state's colour; the words say the state.
            Box(
                modifier = Modifier
                    .padding(top = 2.dp)
                    .size(10.dp)
                    .background(sync.state.tint(), CircleShape),
            )
            Caption(sync.text)
        }
        sync.action?.let { action -> ActionButton(action, prominence = Prominence.Link) }
    }
}

private fun SyncState.tint(): Color = when (this) {
    SyncState.LOCALONLY, SyncState.OFFLINE -> Tints.Neutral
    SyncState.SYNCING -> Tints.Information
    SyncState.SYNCED -> Tints.Positive
    SyncState.NEEDSATTENTION -> Tints.Progress
}

package org.networkedcouncillor.app.ui.screens

import androidx.compose.foundation.background
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.shape.RoundedCornerShape
import androidx.compose.foundation.text.selection.SelectionContainer
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import org.networkedcouncillor.app.ui.components.ActionButton
import org.networkedcouncillor.app.ui.components.Heading
import org.networkedcouncillor.app.ui.components.Level
import org.networkedcouncillor.app.ui.components.Paragraph
import org.networkedcouncillor.app.ui.components.Prominence
import org.networkedcouncillor.shared.JoinedView

/**
 * A device that has joined: sync status, "Sync now", adding another device (pairing from this
 * side), what could not sync, and deleting the account from the server.
 */
@Composable
fun JoinedSection(joined: JoinedView, warningLabel: String) {
    Column(verticalArrangement = Arrangement.spacedBy(12.dp)) {
        Paragraph(joined.status, style = MaterialTheme.typography.titleMedium)
        Paragraph(joined.syncText)
        joined.busy?.let { busy -> Busy(busy) }
        ActionButton(joined.syncNow, prominence = Prominence.Secondary, enabled = joined.busy == null)
        joined.addDevice?.let { addDevice ->
            ActionButton(addDevice, prominence = Prominence.Secondary, enabled = joined.busy == null)
        }
        joined.pairingText?.let { pairing ->
            SelectionContainer {
                Paragraph(
                    pairing,
                    modifier = Modifier
                        .fillMaxWidth()
                        .background(MaterialTheme.colorScheme.primaryContainer, RoundedCornerShape(12.dp))
                        .padding(16.dp)
                        .semantics { liveRegion = LiveRegionMode.Polite },
                    style = MaterialTheme.typography.titleMedium,
                    color = MaterialTheme.colorScheme.onPrimaryContainer,
                )
            }
        }
        if (joined.problems.isNotEmpty()) {
            Heading(joined.problemsHeading, level = Level.Subsection)
            Paragraph(joined.problemsText)
            joined.problems.forEach { problem ->
                Column(modifier = Modifier.semantics(mergeDescendants = true) {}) {
                    Paragraph(problem.what, style = MaterialTheme.typography.titleSmall)
                    Paragraph(problem.reason, color = MaterialTheme.colorScheme.onSurfaceVariant)
                }
            }
        }
        HorizontalDivider()
        Heading(joined.deleteHeading, level = Level.Subsection)
        Paragraph(joined.deleteText)
        DeleteControls(joined.delete, warningLabel)
    }
}

package org.networkedcouncillor.app.ui.screens

import androidx.compose.foundation.BorderStroke
import androidx.compose.foundation.background
import androidx.compose.foundation.border
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
import org.networkedcouncillor.app.ui.components.BulletList
import org.networkedcouncillor.app.ui.components.Heading
import org.networkedcouncillor.app.ui.components.Level
import org.networkedcouncillor.app.ui.components.Paragraph
import org.networkedcouncillor.app.ui.components.Prominence
import org.networkedcouncillor.shared.JoinedView
import org.networkedcouncillor.shared.SharePromptView

/**
 * A device that has joined: the question about sharing progress (once, after joining), sync
 * status, "Sync now", adding another device (pairing from this side), what could not sync, and
 * deleting the account from the server.
 */
@Composable
fun JoinedSection(joined: JoinedView, warningLabel: String) {
    Column(verticalArrangement = Arrangement.spacedBy(12.dp)) {
        joined.sharePrompt?.let { prompt -> SharePrompt(prompt) }
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

/**
 * The question asked once after joining: share progress with the programme lead? What the lead
 * would see and would never see, then yes or no.
 */
@Composable
private fun SharePrompt(prompt: SharePromptView) {
    Column(
        modifier = Modifier
            .fillMaxWidth()
            .border(BorderStroke(3.dp, MaterialTheme.colorScheme.primary), RoundedCornerShape(12.dp))
            .padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        Heading(prompt.heading, level = Level.Subsection)
        Paragraph(prompt.text)
        Paragraph(prompt.willSeeHeading, style = MaterialTheme.typography.titleSmall)
        BulletList(prompt.willSee)
        Paragraph(prompt.willNotSeeHeading, style = MaterialTheme.typography.titleSmall)
        BulletList(prompt.willNotSee)
        ActionButton(prompt.yes)
        ActionButton(prompt.no, prominence = Prominence.Secondary)
    }
}

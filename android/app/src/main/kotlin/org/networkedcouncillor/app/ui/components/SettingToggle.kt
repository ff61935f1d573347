package org.networkedcouncillor.app.ui.components

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.material3.MaterialTheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.unit.dp
import org.networkedcouncillor.shared.ToggleView

/**
 * A setting the learner turns on or off: its label as a heading, the hint, the state in words
 * and the button that changes it (backup, sharing progress, the anonymous baseline).
 */
@Composable
fun SettingToggle(toggle: ToggleView, level: Level = Level.Section) {
    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
        Heading(toggle.label, level = level)
        Paragraph(toggle.hint, color = MaterialTheme.colorScheme.onSurfaceVariant)
        StatusTag(toggle.stateText, if (toggle.on) Tints.Positive else Tints.Neutral)
        ActionButton(toggle.toggle, prominence = Prominence.Secondary)
    }
}

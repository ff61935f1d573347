package org.networkedcouncillor.app.ui.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.material3.HorizontalDivider
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import org.networkedcouncillor.app.ui.LocalSendEvent
import org.networkedcouncillor.app.ui.components.ActionButton
import org.networkedcouncillor.app.ui.components.Boxed
import org.networkedcouncillor.app.ui.components.Caption
import org.networkedcouncillor.app.ui.components.Heading
import org.networkedcouncillor.app.ui.components.Level
import org.networkedcouncillor.app.ui.components.Paragraph
import org.networkedcouncillor.app.ui.components.Prominence
import org.networkedcouncillor.app.ui.components.SettingToggle
import org.networkedcouncillor.app.ui.components.TextForm
import org.networkedcouncillor.app.ui.components.WarningText
import org.networkedcouncillor.shared.DeleteView
import org.networkedcouncillor.shared.Event
import org.networkedcouncillor.shared.SettingsView
import org.networkedcouncillor.shared.SharingView
import org.networkedcouncillor.shared.SyncSettingsView

/**
 * Settings: the learner's name, backup of private answers, what the programme lead sees,
 * syncing (joining, pairing, the account) and deleting data from this device.
 *
 * @param warningLabel read before a warning shown with an icon.
 */
@Composable
fun SettingsScreen(settings: SettingsView, warningLabel: String) {
    val send = LocalSendEvent.current
    var name by rememberSaveable(settings.name.value) { mutableStateOf(settings.name.value) }
    Column(verticalArrangement = Arrangement.spacedBy(16.dp)) {
        Heading(settings.heading, level = Level.Screen)
        Boxed {
            TextForm(
                field = settings.name,
                value = name,
                onValueChange = { name = it },
                onSubmit = { send(Event.SetDisplayName(name)) },
                keyboardType = KeyboardType.Text,
            )
        }
        Boxed { SettingToggle(settings.backup) }
        SharingSection(settings.sharing)
        Boxed {
            Heading(settings.syncHeading)
            when (val sync = settings.sync) {
                is SyncSettingsView.Join -> JoinSection(sync.value)
                is SyncSettingsView.Joined -> JoinedSection(sync.value, warningLabel)
            }
        }
        Boxed {
            Heading(settings.deleteHeading)
            Paragraph(settings.deleteText)
            DeleteControls(settings.delete, warningLabel)
        }
        Caption(settings.about)
    }
}

/** What the programme lead sees: sharing progress with them, and the anonymous baseline. */
@Composable
private fun SharingSection(sharing: SharingView) {
    Boxed {
        Heading(sharing.heading)
        SettingToggle(sharing.progress, level = Level.Subsection)
        HorizontalDivider()
        SettingToggle(sharing.baseline, level = Level.Subsection)
    }
}

/** "Delete", then, after a warning, "Yes, delete" or "Cancel". */
@Composable
fun DeleteControls(delete: DeleteView, warningLabel: String) {
    when (delete) {
        is DeleteView.Ready -> ActionButton(delete.action, prominence = Prominence.Destructive)
        is DeleteView.Confirming -> Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
            WarningText(warningLabel, delete.warning)
            ActionButton(delete.confirm, prominence = Prominence.Destructive)
            ActionButton(delete.cancel, prominence = Prominence.Secondary)
        }
    }
}

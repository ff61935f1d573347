package org.networkedcouncillor.app.ui.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.selection.toggleable
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.CheckCircle
import androidx.compose.material3.Checkbox
import androidx.compose.material3.Icon
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import org.networkedcouncillor.app.ui.LocalSendEvent
import org.networkedcouncillor.app.ui.components.ActionButton
import org.networkedcouncillor.app.ui.components.Caption
import org.networkedcouncillor.app.ui.components.Heading
import org.networkedcouncillor.app.ui.components.InsetText
import org.networkedcouncillor.app.ui.components.Level
import org.networkedcouncillor.app.ui.components.Paragraph
import org.networkedcouncillor.app.ui.components.Tints
import org.networkedcouncillor.shared.Event
import org.networkedcouncillor.shared.RunItemView
import org.networkedcouncillor.shared.RunView

/** One checklist run, grouped by section: tick items and keep notes. */
@Composable
fun RunScreen(run: RunView) {
    Column(verticalArrangement = Arrangement.spacedBy(16.dp)) {
        Heading(run.title, level = Level.Screen)
        Paragraph(run.summary)
        Row(
            modifier = Modifier.semantics(mergeDescendants = true) {},
            horizontalArrangement = Arrangement.spacedBy(12.dp),
        ) {
            if (run.finished) {
                Icon(Icons.Filled.CheckCircle, contentDescription = null, tint = Tints.Positive)
            }
            Column {
                Paragraph(run.statusText, style = MaterialTheme.typography.titleMedium)
                Caption(run.progressText)
            }
        }
        InsetText(run.notesPrivacy)
        run.sections.forEach { section ->
            Column {
                Heading(section.title)
                section.items.forEach { item ->
                    RunItemRow(run.runId, item, run.saveNoteLabel)
                    HorizontalDivider()
                }
            }
        }
        run.finish?.let { finish -> ActionButton(finish) }
        run.rating?.let { rating -> RatingForm(rating) }
    }
}

/** A checklist item: a checkbox to tick it (until the run is finished), and its note. */
@Composable
private fun RunItemRow(runId: String, item: RunItemView, saveLabel: String) {
    val send = LocalSendEvent.current
    var editing by rememberSaveable(item.id) { mutableStateOf(false) }
    var note by rememberSaveable(item.id) { mutableStateOf(item.note.orEmpty()) }
    Column(modifier = Modifier.padding(vertical = 8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        val toggle = item.toggle
        Row(
            modifier = Modifier
                .fillMaxWidth()
                .then(
                    if (toggle == null) {
                        Modifier.semantics(mergeDescendants = true) {}
                    } else {
                        Modifier.toggleable(item.done, role = Role.Checkbox) { send(toggle.event) }
                    },
                ),
            verticalAlignment = Alignment.CenterVertically,
        ) {
            Checkbox(checked = item.done, onCheckedChange = null, enabled = toggle != null)
            Paragraph(toggle?.label ?: item.text, modifier = Modifier.padding(start = 8.dp))
        }
        item.note?.let { saved -> InsetText(saved) }
        item.noteLabel?.let { noteLabel ->
            TextButton(onClick = {
                note = item.note.orEmpty()
                editing = !editing
            }) {
                Text(noteLabel)
            }
            if (editing) {
                // Typing a note: the one thing here the shell builds itself.
                item.notePrompt?.let { prompt -> Caption(prompt) }
                OutlinedTextField(
                    value = note,
                    onValueChange = { note = it },
                    label = { Text(noteLabel) },
                    supportingText = { Text(item.text) },
                    minLines = 3,
                    modifier = Modifier.fillMaxWidth(),
                )
                OutlinedButton(
                    onClick = {
                        send(Event.SaveNote(runId, item.id, note))
                        editing = false
                    },
                    modifier = Modifier.fillMaxWidth(),
                ) {
                    Text(saveLabel)
                }
            }
        }
    }
}

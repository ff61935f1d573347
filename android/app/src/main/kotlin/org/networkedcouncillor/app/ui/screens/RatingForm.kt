package org.networkedcouncillor.app.ui.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.selection.selectableGroup
import androidx.compose.foundation.selection.toggleable
import androidx.compose.material3.Checkbox
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableIntStateOf
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import org.networkedcouncillor.app.ui.LocalSendEvent
import org.networkedcouncillor.app.ui.components.Boxed
import org.networkedcouncillor.app.ui.components.Caption
import org.networkedcouncillor.app.ui.components.Heading
import org.networkedcouncillor.app.ui.components.Paragraph
import org.networkedcouncillor.shared.Event
import org.networkedcouncillor.shared.RatingView

/**
 * "Was this useful?" under a quiz result or a finished checklist run. Once rated, what the core
 * says about it; until then the scale, a comment and whether the programme lead may read it,
 * sent as one [Event.RateUseful]: what the learner chose and typed, the one kind of event a
 * shell builds itself (docs/adr/0001). With no choice it sends 0, and the core says what to do.
 */
@Composable
fun RatingForm(rating: RatingView) {
    val send = LocalSendEvent.current
    var chosen by rememberSaveable { mutableIntStateOf(0) }
    var comment by rememberSaveable { mutableStateOf("") }
    var shareComment by rememberSaveable { mutableStateOf(false) }
    Boxed {
        // Always present, so TalkBack announces the thanks as it appears.
        Column(modifier = Modifier.semantics { liveRegion = LiveRegionMode.Polite }) {
            rating.rated?.let { rated -> Paragraph(rated, style = MaterialTheme.typography.titleMedium) }
        }
        if (rating.rated == null) {
            Heading(rating.question)
            Caption(rating.hint)
            Column(modifier = Modifier.selectableGroup(), verticalArrangement = Arrangement.spacedBy(4.dp)) {
                rating.scale.forEach { choice ->
                    val selected = chosen == choice.value.toInt()
                    Row(
                        modifier = Modifier
                            .fillMaxWidth()
                            .selectable(selected, role = Role.RadioButton) { chosen = choice.value.toInt() }
                            .padding(vertical = 8.dp),
                        verticalAlignment = Alignment.CenterVertically,
                    ) {
                        RadioButton(selected = selected, onClick = null)
                        Paragraph(choice.label, modifier = Modifier.padding(start = 12.dp))
                    }
                }
            }
            OutlinedTextField(
                value = comment,
                onValueChange = { comment = it },
                label = { Text(rating.comment.label) },
                supportingText = if (rating.comment.hint.isEmpty()) null else ({ Text(rating.comment.hint) }),
                minLines = 3,
                modifier = Modifier.fillMaxWidth(),
            )
            Row(
                modifier = Modifier
                    .fillMaxWidth()
                    .toggleable(shareComment, role = Role.Checkbox) { shareComment = it },
                verticalAlignment = Alignment.CenterVertically,
            ) {
                Checkbox(checked = shareComment, onCheckedChange = null)
                Paragraph(rating.shareCommentLabel, modifier = Modifier.padding(start = 8.dp))
            }
            OutlinedButton(
                onClick = { send(Event.RateUseful(chosen.toUInt(), comment, shareComment)) },
                modifier = Modifier.fillMaxWidth(),
            ) {
                Text(rating.comment.saveLabel)
            }
        }
    }
}

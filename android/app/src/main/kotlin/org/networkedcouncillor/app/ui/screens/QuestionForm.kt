package org.networkedcouncillor.app.ui.screens

import androidx.compose.foundation.BorderStroke
import androidx.compose.foundation.background
import androidx.compose.foundation.border
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.selection.toggleable
import androidx.compose.foundation.shape.RoundedCornerShape
import androidx.compose.material3.Checkbox
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.RadioButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import org.networkedcouncillor.app.ui.LocalSendEvent
import org.networkedcouncillor.app.ui.components.ActionButton
import org.networkedcouncillor.app.ui.components.Caption
import org.networkedcouncillor.app.ui.components.Heading
import org.networkedcouncillor.app.ui.components.InsetText
import org.networkedcouncillor.app.ui.components.Paragraph
import org.networkedcouncillor.app.ui.components.StatusTag
import org.networkedcouncillor.app.ui.components.Tints
import org.networkedcouncillor.shared.FeedbackView
import org.networkedcouncillor.shared.OptionMark
import org.networkedcouncillor.shared.OptionView
import org.networkedcouncillor.shared.QuestionView

/** One quiz or review question: choose, check, see feedback on each option, go on. */
@Composable
fun QuestionForm(question: QuestionView) {
    Column(verticalArrangement = Arrangement.spacedBy(12.dp)) {
        question.scenario?.let { scenario -> InsetText(scenario) }
        Heading(question.prompt)
        Caption(question.instruction)
        question.options.forEach { option -> OptionRow(option, question.multiple) }
        // Always present, so TalkBack announces the feedback as it appears.
        Column(modifier = Modifier.semantics { liveRegion = LiveRegionMode.Polite }) {
            question.feedback?.let { feedback -> FeedbackBox(feedback) }
        }
        question.primary?.let { primary -> ActionButton(primary) }
    }
}

/**
 * An option: a radio button or checkbox while the learner chooses (the whole row is the
 * control), then its mark and feedback once checked.
 */
@Composable
private fun OptionRow(option: OptionView, multiple: Boolean) {
    val send = LocalSendEvent.current
    val choose = option.choose
    val control = if (choose == null) {
        Modifier
    } else if (multiple) {
        Modifier.toggleable(option.selected, role = Role.Checkbox) { send(choose.event) }
    } else {
        Modifier.selectable(option.selected, role = Role.RadioButton) { send(choose.event) }
    }
    val outline = if (option.selected) MaterialTheme.colorScheme.primary else MaterialTheme.colorScheme.outline
    Row(
        modifier = Modifier
            .fillMaxWidth()
            .border(BorderStroke(if (option.selected) 2.dp else 1.dp, outline), RoundedCornerShape(10.dp))
            .then(control)
            .padding(12.dp),
        horizontalArrangement = Arrangement.spacedBy(12.dp),
        verticalAlignment = Alignment.Top,
    ) {
        if (multiple) {
            Checkbox(checked = option.selected, onCheckedChange = null, enabled = choose != null)
        } else {
            RadioButton(selected = option.selected, onClick = null, enabled = choose != null)
        }
        Column(verticalArrangement = Arrangement.spacedBy(6.dp)) {
            Paragraph(choose?.label ?: option.text)
            option.markText?.let { mark -> StatusTag(mark, option.mark.tint()) }
            option.feedback?.let { feedback -> Paragraph(feedback, style = MaterialTheme.typography.bodyMedium) }
        }
    }
}

/** "Correct" or "Not quite", and the right answer. */
@Composable
private fun FeedbackBox(feedback: FeedbackView) {
    val tint = if (feedback.correct) Tints.Positive else Tints.Progress
    Column(
        modifier = Modifier
            .fillMaxWidth()
            .background(tint.copy(alpha = 0.15f), RoundedCornerShape(12.dp))
            .padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(6.dp),
    ) {
        Heading(feedback.heading)
        Paragraph(feedback.rightAnswer)
    }
}

private fun OptionMark.tint(): Color = when (this) {
    OptionMark.NONE -> Tints.Neutral
    OptionMark.CORRECT -> Tints.Positive
    OptionMark.INCORRECT -> Tints.Negative
    OptionMark.MISSED -> Tints.Information
}

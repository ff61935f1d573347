package org.networkedcouncillor.app.ui.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.selection.selectableGroup
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.RadioButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import org.networkedcouncillor.app.ui.LocalSendEvent
import org.networkedcouncillor.app.ui.components.ActionButton
import org.networkedcouncillor.app.ui.components.Boxed
import org.networkedcouncillor.app.ui.components.BulletList
import org.networkedcouncillor.app.ui.components.Caption
import org.networkedcouncillor.app.ui.components.Heading
import org.networkedcouncillor.app.ui.components.InsetText
import org.networkedcouncillor.app.ui.components.Level
import org.networkedcouncillor.app.ui.components.Paragraph
import org.networkedcouncillor.app.ui.components.Prominence
import org.networkedcouncillor.shared.AssessmentIntroView
import org.networkedcouncillor.shared.AssessmentItemView
import org.networkedcouncillor.shared.AssessmentView
import org.networkedcouncillor.shared.ChannelView
import org.networkedcouncillor.shared.ChoiceView
import org.networkedcouncillor.shared.ItemInput

/**
 * The private self-assessment: its introduction, one item at a time, and the result
 * (AssessmentResult.kt).
 */
@Composable
fun AssessmentScreen(assessment: AssessmentView) {
    when (assessment) {
        is AssessmentView.Intro -> AssessmentIntro(assessment.value)
        is AssessmentView.Item -> AssessmentItem(assessment.value)
        is AssessmentView.Result -> AssessmentResult(assessment.value)
    }
}

@Composable
private fun AssessmentIntro(intro: AssessmentIntroView) {
    Column(verticalArrangement = Arrangement.spacedBy(16.dp)) {
        Heading(intro.heading, level = Level.Screen)
        intro.paragraphs.forEach { paragraph -> Paragraph(paragraph) }
        BulletList(intro.facts)
        InsetText(intro.privacy)
        ActionButton(intro.start)
        intro.lastResult?.let { lastResult -> ActionButton(lastResult, prominence = Prominence.Secondary) }
    }
}

/** One item: a scale or yes/no choice, or how often each channel is used. */
@Composable
private fun AssessmentItem(item: AssessmentItemView) {
    Column(verticalArrangement = Arrangement.spacedBy(16.dp)) {
        Caption(item.progress.text)
        Caption(item.areaTitle)
        Heading(item.prompt, level = Level.Screen)
        item.hint?.let { hint -> Paragraph(hint, color = MaterialTheme.colorScheme.onSurfaceVariant) }
        when (val input = item.input) {
            is ItemInput.Choice -> ChoiceGroup(input.choices)
            is ItemInput.Channels -> input.channels.forEach { channel -> ChannelGroup(channel) }
        }
        item.next?.let { next -> ActionButton(next) }
        ActionButton(item.back, prominence = Prominence.Secondary)
    }
}

/** Radio buttons, the whole row each: choosing one sends its event. */
@Composable
private fun ChoiceGroup(choices: List<ChoiceView>, modifier: Modifier = Modifier) {
    val send = LocalSendEvent.current
    Column(modifier = modifier.selectableGroup(), verticalArrangement = Arrangement.spacedBy(4.dp)) {
        choices.forEach { choice ->
            Row(
                modifier = Modifier
                    .fillMaxWidth()
                    .selectable(choice.selected, role = Role.RadioButton) { send(choice.choose.event) }
                    .semantics { contentDescription = choice.choose.label }
                    .padding(vertical = 8.dp),
                verticalAlignment = Alignment.CenterVertically,
            ) {
                RadioButton(selected = choice.selected, onClick = null)
                Paragraph(choice.label, modifier = Modifier.padding(start = 12.dp))
            }
        }
    }
}

/** How often one channel is used: its name, then the frequencies as radio buttons. */
@Composable
private fun ChannelGroup(channel: ChannelView) {
    Boxed {
        Heading(channel.label, level = Level.Subsection)
        ChoiceGroup(channel.frequencies)
    }
}

package org.networkedcouncillor.app.ui.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.selected
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.unit.dp
import org.networkedcouncillor.app.ui.components.ActionButton
import org.networkedcouncillor.app.ui.components.ActionColumn
import org.networkedcouncillor.app.ui.components.Boxed
import org.networkedcouncillor.app.ui.components.Caption
import org.networkedcouncillor.app.ui.components.Heading
import org.networkedcouncillor.app.ui.components.InsetText
import org.networkedcouncillor.app.ui.components.Level
import org.networkedcouncillor.app.ui.components.Panel
import org.networkedcouncillor.app.ui.components.Paragraph
import org.networkedcouncillor.app.ui.components.Prominence
import org.networkedcouncillor.app.ui.components.SettingToggle
import org.networkedcouncillor.app.ui.components.Tints
import org.networkedcouncillor.shared.AreaResultView
import org.networkedcouncillor.shared.AssessmentResultView
import org.networkedcouncillor.shared.FocusView
import org.networkedcouncillor.shared.StageView

/**
 * The self-assessment's result: the stage, the chart of scores per area with the last attempt
 * beside them, what to focus on, and what to do next.
 */
@Composable
fun AssessmentResult(result: AssessmentResultView) {
    Column(verticalArrangement = Arrangement.spacedBy(16.dp)) {
        Heading(result.heading, level = Level.Screen)
        Caption(result.dateText)
        Panel(result.stageText, result.overallText, Tints.Information)
        // The overall score out of 100, drawn; the words above say it.
        LinearProgressIndicator(
            progress = { result.overall.toFloat() / 100f },
            modifier = Modifier.fillMaxWidth().clearAndSetSemantics {},
        )
        StageRoute(result.stage)
        ResultChart(result.chart, result.areas)
        result.comparedText?.let { compared -> Paragraph(compared) }
        AreaScores(result.areas)
        Heading(result.focusHeading)
        result.focus.forEach { focus -> FocusSection(focus) }
        InsetText(result.privacy)
        Boxed { SettingToggle(result.baseline) }
        ActionColumn(result.actions)
    }
}

/** The stages in order, with the learner's marked. */
@Composable
private fun StageRoute(stage: StageView) {
    Boxed {
        Paragraph(stage.positionText, style = MaterialTheme.typography.titleMedium)
        stage.route.forEachIndexed { index, title ->
            val current = index == stage.index.toInt()
            Row(
                modifier = Modifier.fillMaxWidth().semantics(mergeDescendants = true) { selected = current },
                verticalAlignment = Alignment.CenterVertically,
            ) {
                RadioButton(selected = current, onClick = null)
                Paragraph(
                    title,
                    modifier = Modifier.padding(start = 8.dp),
                    style = if (current) {
                        MaterialTheme.typography.bodyLarge.copy(fontWeight = FontWeight.Bold)
                    } else {
                        MaterialTheme.typography.bodyLarge
                    },
                )
            }
        }
        Heading(stage.title, level = Level.Subsection)
        Paragraph(stage.description)
    }
}

/** Each area's score, with how it changed since last time. */
@Composable
private fun AreaScores(areas: List<AreaResultView>) {
    Column {
        areas.forEach { area ->
            Column(
                modifier = Modifier.fillMaxWidth().padding(vertical = 10.dp).semantics(mergeDescendants = true) {},
                verticalArrangement = Arrangement.spacedBy(4.dp),
            ) {
                Row(verticalAlignment = Alignment.Top) {
                    Paragraph(area.title, modifier = Modifier.weight(1f), style = MaterialTheme.typography.titleMedium)
                    Text(area.score.toString(), style = MaterialTheme.typography.titleMedium)
                }
                Caption(area.changeText)
            }
            HorizontalDivider()
        }
    }
}

/** An area to work on, with links to the modules that teach it. */
@Composable
private fun FocusSection(focus: FocusView) {
    Boxed {
        Heading(focus.title, level = Level.Subsection)
        Paragraph(focus.scoreText, style = MaterialTheme.typography.titleMedium)
        Paragraph(focus.description)
        focus.modules.forEach { module -> ActionButton(module, prominence = Prominence.Link) }
    }
}

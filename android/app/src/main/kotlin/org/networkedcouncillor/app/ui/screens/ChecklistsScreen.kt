package org.networkedcouncillor.app.ui.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.CheckCircle
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import org.networkedcouncillor.app.ui.components.ActionButton
import org.networkedcouncillor.app.ui.components.Boxed
import org.networkedcouncillor.app.ui.components.Caption
import org.networkedcouncillor.app.ui.components.Heading
import org.networkedcouncillor.app.ui.components.Level
import org.networkedcouncillor.app.ui.components.Paragraph
import org.networkedcouncillor.app.ui.components.Prominence
import org.networkedcouncillor.app.ui.components.Tints
import org.networkedcouncillor.shared.ChecklistsView
import org.networkedcouncillor.shared.RunRow
import org.networkedcouncillor.shared.TemplateView

/** Checklists: the templates to start or continue, and earlier runs, newest first. */
@Composable
fun ChecklistsScreen(checklists: ChecklistsView) {
    Column(verticalArrangement = Arrangement.spacedBy(16.dp)) {
        Heading(checklists.heading, level = Level.Screen)
        Paragraph(checklists.intro, style = MaterialTheme.typography.titleMedium)
        checklists.templates.forEach { template -> TemplateCard(template) }
        Heading(checklists.runsHeading)
        checklists.noRunsText?.let { noRuns -> Paragraph(noRuns) }
        checklists.runs.forEach { run ->
            RunRowItem(run)
            HorizontalDivider()
        }
        checklists.more?.let { more -> ActionButton(more, prominence = Prominence.Secondary) }
    }
}

@Composable
private fun TemplateCard(template: TemplateView) {
    Boxed {
        Heading(template.title)
        Paragraph(template.summary)
        Caption(template.itemsText)
        val resume = template.resume
        if (resume != null) {
            ActionButton(resume)
            ActionButton(template.start, prominence = Prominence.Secondary)
        } else {
            ActionButton(template.start)
        }
    }
}

/** An earlier run: its checklist, when, how far, and "Open". */
@Composable
private fun RunRowItem(run: RunRow) {
    Column(
        modifier = Modifier.fillMaxWidth().padding(vertical = 8.dp),
        verticalArrangement = Arrangement.spacedBy(6.dp),
    ) {
        Row(
            modifier = Modifier.semantics(mergeDescendants = true) {},
            horizontalArrangement = Arrangement.spacedBy(12.dp),
        ) {
            if (run.finished) {
                Icon(Icons.Filled.CheckCircle, contentDescription = null, tint = Tints.Positive)
            }
            Column {
                Paragraph(run.title, style = MaterialTheme.typography.titleMedium)
                Caption(run.statusText)
                Caption(run.progressText)
            }
        }
        ActionButton(run.open, prominence = Prominence.Secondary)
    }
}

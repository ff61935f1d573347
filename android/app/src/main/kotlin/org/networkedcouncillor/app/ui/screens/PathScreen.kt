package org.networkedcouncillor.app.ui.screens

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.onClick
import androidx.compose.ui.semantics.role
import androidx.compose.ui.semantics.stateDescription
import androidx.compose.ui.unit.dp
import org.networkedcouncillor.app.ui.LocalSendEvent
import org.networkedcouncillor.app.ui.components.Boxed
import org.networkedcouncillor.app.ui.components.Caption
import org.networkedcouncillor.app.ui.components.Heading
import org.networkedcouncillor.app.ui.components.InsetText
import org.networkedcouncillor.app.ui.components.Level
import org.networkedcouncillor.app.ui.components.Paragraph
import org.networkedcouncillor.app.ui.components.StatusTag
import org.networkedcouncillor.app.ui.components.Tints
import org.networkedcouncillor.shared.LessonRow
import org.networkedcouncillor.shared.LessonStatus
import org.networkedcouncillor.shared.ModuleStatus
import org.networkedcouncillor.shared.ModuleView
import org.networkedcouncillor.shared.PathView

/** The learning path: modules in order, each with its state and its lessons. */
@Composable
fun PathScreen(path: PathView) {
    Column(verticalArrangement = Arrangement.spacedBy(16.dp)) {
        Heading(path.heading, level = Level.Screen)
        Paragraph(path.intro, style = MaterialTheme.typography.titleMedium)
        path.modules.forEach { module -> ModuleSection(module) }
    }
}

@Composable
private fun ModuleSection(module: ModuleView) {
    Boxed {
        Caption(module.numberText)
        Heading(module.title)
        StatusTag(module.statusText, module.status.tint())
        Paragraph(module.summary)
        module.unlockText?.let { unlock -> InsetText(unlock) }
        Caption(module.progressText)
        module.lessons.forEach { lesson ->
            HorizontalDivider()
            LessonRowItem(lesson)
        }
    }
}

/**
 * A lesson: its title, length and state. Once it is open to the learner the whole row is one
 * button, read as "Open lesson: <title>", then its state.
 */
@Composable
private fun LessonRowItem(lesson: LessonRow) {
    val send = LocalSendEvent.current
    val open = lesson.open
    val row = if (open == null) {
        Modifier
    } else {
        Modifier
            .clickable { send(open.event) }
            .clearAndSetSemantics {
                role = Role.Button
                contentDescription = open.label
                stateDescription = lesson.statusText
                onClick { send(open.event); true }
            }
    }
    Column(
        modifier = row.fillMaxWidth().padding(vertical = 10.dp),
        verticalArrangement = Arrangement.spacedBy(6.dp),
    ) {
        Paragraph(
            lesson.title,
            style = MaterialTheme.typography.titleMedium,
            color = if (open == null) MaterialTheme.colorScheme.onSurfaceVariant else MaterialTheme.colorScheme.primary,
        )
        Caption(lesson.minutesText)
        StatusTag(lesson.statusText, lesson.status.tint())
    }
}

private fun ModuleStatus.tint(): Color = when (this) {
    ModuleStatus.LOCKED -> Tints.Neutral
    ModuleStatus.AVAILABLE -> Tints.Information
    ModuleStatus.INPROGRESS -> Tints.Progress
    ModuleStatus.COMPLETE -> Tints.Positive
}

private fun LessonStatus.tint(): Color = when (this) {
    LessonStatus.LOCKED -> Tints.Neutral
    LessonStatus.NOTSTARTED -> Tints.Information
    LessonStatus.INPROGRESS -> Tints.Progress
    LessonStatus.COMPLETE -> Tints.Positive
}

package org.networkedcouncillor.app.ui.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.text.font.FontStyle
import androidx.compose.ui.unit.dp
import androidx.compose.material3.MaterialTheme
import org.networkedcouncillor.app.ui.components.ActionButton
import org.networkedcouncillor.app.ui.components.Boxed
import org.networkedcouncillor.app.ui.components.BulletList
import org.networkedcouncillor.app.ui.components.Caption
import org.networkedcouncillor.app.ui.components.Heading
import org.networkedcouncillor.app.ui.components.InsetText
import org.networkedcouncillor.app.ui.components.Level
import org.networkedcouncillor.app.ui.components.Paragraph
import org.networkedcouncillor.app.ui.components.Prominence
import org.networkedcouncillor.shared.BlockView
import org.networkedcouncillor.shared.LessonView

/** The lesson reader: one step at a time, as structured blocks. */
@Composable
fun LessonScreen(lesson: LessonView) {
    Column(verticalArrangement = Arrangement.spacedBy(16.dp)) {
        Caption(lesson.moduleTitle)
        Heading(lesson.title, level = Level.Screen)
        Caption(lesson.step.text)
        Caption(lesson.minutesText)
        LinearProgressIndicator(
            progress = { lesson.step.current.toFloat() / lesson.step.total.coerceAtLeast(1u).toFloat() },
            modifier = Modifier.fillMaxWidth().clearAndSetSemantics {},
        )
        Heading(lesson.heading)
        lesson.blocks.forEach { block -> BlockContent(block) }
        ActionButton(lesson.next)
        lesson.previous?.let { previous -> ActionButton(previous, prominence = Prominence.Secondary) }
        Caption(lesson.sourcesText)
    }
}

/** A piece of lesson text, rendered natively for its kind. */
@Composable
fun BlockContent(block: BlockView) {
    when (block) {
        is BlockView.Heading -> Heading(block.text, level = Level.Subsection)
        is BlockView.Paragraph -> Paragraph(block.text)
        is BlockView.ListBlockView -> BulletList(block.items, ordered = block.ordered)
        is BlockView.Callout -> Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
            block.title?.let { title -> Heading(title, level = Level.Subsection) }
            block.paragraphs.forEach { paragraph -> InsetText(paragraph) }
        }
        is BlockView.Example -> Boxed {
            block.title?.let { title -> Heading(title, level = Level.Subsection) }
            block.paragraphs.forEach { paragraph ->
                Paragraph(paragraph, style = MaterialTheme.typography.bodyLarge.copy(fontStyle = FontStyle.Italic))
            }
        }
    }
}

package org.networkedcouncillor.app.ui.components

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.material3.LocalContentColor
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.TextStyle
import androidx.compose.ui.unit.dp

/** Heading levels: TalkBack users move between headings. */
enum class Level { Screen, Section, Subsection }

@Composable
fun Heading(text: String, modifier: Modifier = Modifier, level: Level = Level.Section) {
    val style = when (level) {
        Level.Screen -> MaterialTheme.typography.headlineMedium
        Level.Section -> MaterialTheme.typography.titleLarge
        Level.Subsection -> MaterialTheme.typography.titleMedium
    }
    Text(
        text,
        style = style,
        modifier = modifier.fillMaxWidth().semantics { heading() },
    )
}

/** Body text; nothing when the text is empty. */
@Composable
fun Paragraph(
    text: String,
    modifier: Modifier = Modifier,
    style: TextStyle = MaterialTheme.typography.bodyLarge,
    color: Color = Color.Unspecified,
) {
    if (text.isNotEmpty()) {
        Text(text, style = style, color = color, modifier = modifier.fillMaxWidth())
    }
}

/** Small print: a date, a count, a source. */
@Composable
fun Caption(text: String, modifier: Modifier = Modifier) {
    Paragraph(
        text,
        modifier,
        style = MaterialTheme.typography.bodyMedium,
        color = MaterialTheme.colorScheme.onSurfaceVariant,
    )
}

/** A bulleted or numbered list. The bullets are decoration; TalkBack reads the items. */
@Composable
fun BulletList(items: List<String>, ordered: Boolean = false) {
    Column(verticalArrangement = Arrangement.spacedBy(6.dp)) {
        items.forEachIndexed { index, item ->
            Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                Text(
                    if (ordered) "${index + 1}." else "\u2022",
                    style = MaterialTheme.typography.bodyLarge,
                    color = LocalContentColor.current,
                    modifier = if (ordered) Modifier else Modifier.clearAndSetSemantics {},
                )
                Paragraph(item)
            }
        }
    }
}

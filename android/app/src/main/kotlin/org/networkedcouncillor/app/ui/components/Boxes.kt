package org.networkedcouncillor.app.ui.components

import androidx.compose.foundation.BorderStroke
import androidx.compose.foundation.background
import androidx.compose.foundation.border
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ColumnScope
import androidx.compose.foundation.layout.IntrinsicSize
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxHeight
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.width
import androidx.compose.foundation.shape.RoundedCornerShape
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Warning
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedCard
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.text.style.TextAlign
import androidx.compose.ui.unit.dp
import org.networkedcouncillor.shared.Card

/** A grouped box, as for a card or a section of a form. */
@Composable
fun Boxed(modifier: Modifier = Modifier, content: @Composable ColumnScope.() -> Unit) {
    OutlinedCard(modifier = modifier.fillMaxWidth()) {
        Column(
            modifier = Modifier.padding(16.dp),
            verticalArrangement = Arrangement.spacedBy(8.dp),
            content = content,
        )
    }
}

/** A card from the view model: a heading, a line or two, and one button. */
@Composable
fun CardSection(card: Card) {
    Boxed {
        Heading(card.heading)
        if (card.title.isNotEmpty() && card.title != card.heading) {
            Paragraph(card.title, style = MaterialTheme.typography.titleMedium)
        }
        Paragraph(card.detail)
        card.action?.let { action -> ActionButton(action) }
    }
}

/** Text set apart with a bar at its side: privacy notes, a locked module's condition. */
@Composable
fun InsetText(text: String) {
    Row(modifier = Modifier.fillMaxWidth().height(IntrinsicSize.Min)) {
        Box(
            modifier = Modifier
                .width(4.dp)
                .fillMaxHeight()
                .background(MaterialTheme.colorScheme.primary),
        )
        Paragraph(text, modifier = Modifier.padding(start = 12.dp))
    }
}

/** A warning with an icon; TalkBack reads the view model's label for the icon first. */
@Composable
fun WarningText(label: String, text: String) {
    Row(
        modifier = Modifier.fillMaxWidth().semantics(mergeDescendants = true) {},
        horizontalArrangement = Arrangement.spacedBy(12.dp),
        verticalAlignment = Alignment.Top,
    ) {
        Icon(Icons.Filled.Warning, contentDescription = label, tint = MaterialTheme.colorScheme.error)
        Paragraph(text, style = MaterialTheme.typography.bodyLarge.copy(fontWeight = FontWeight.Bold))
    }
}

/** A short status word in a tinted capsule. The word carries the meaning; colour only helps. */
@Composable
fun StatusTag(text: String, tint: Color) {
    Text(
        text,
        style = MaterialTheme.typography.labelLarge,
        color = MaterialTheme.colorScheme.onSurface,
        modifier = Modifier
            .background(tint.copy(alpha = 0.18f), RoundedCornerShape(50))
            .border(BorderStroke(1.dp, tint), RoundedCornerShape(50))
            .padding(horizontal = 10.dp, vertical = 4.dp),
    )
}

/** A result in large type on a tinted panel: a passed quiz, an assessment stage. */
@Composable
fun Panel(title: String, detail: String, tint: Color) {
    Column(
        modifier = Modifier
            .fillMaxWidth()
            .background(tint.copy(alpha = 0.15f), RoundedCornerShape(12.dp))
            .border(BorderStroke(2.dp, tint), RoundedCornerShape(12.dp))
            .padding(16.dp)
            .semantics(mergeDescendants = true) {},
        horizontalAlignment = Alignment.CenterHorizontally,
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        Heading(title, level = Level.Section)
        Text(detail, style = MaterialTheme.typography.titleMedium, textAlign = TextAlign.Center)
    }
}

/** Colours that stand for a state, beside its words. */
object Tints {
    val Positive = Color(0xFF2E7D32)
    val Progress = Color(0xFFEF6C00)
    val Information = Color(0xFF1565C0)
    val Negative = Color(0xFFC62828)
    val Neutral = Color(0xFF757575)
}

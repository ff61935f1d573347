package org.networkedcouncillor.app.ui.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.material3.MaterialTheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.unit.dp
import org.networkedcouncillor.app.ui.components.ActionButton
import org.networkedcouncillor.app.ui.components.ActionColumn
import org.networkedcouncillor.app.ui.components.Caption
import org.networkedcouncillor.app.ui.components.Heading
import org.networkedcouncillor.app.ui.components.InsetText
import org.networkedcouncillor.app.ui.components.Level
import org.networkedcouncillor.app.ui.components.Paragraph
import org.networkedcouncillor.app.ui.components.Prominence
import org.networkedcouncillor.shared.ReviewView

/** Spaced review: questions from finished lessons that are due again. */
@Composable
fun ReviewScreen(review: ReviewView) {
    Column(verticalArrangement = Arrangement.spacedBy(16.dp)) {
        when (review) {
            is ReviewView.Empty -> {
                Heading(review.heading, level = Level.Screen)
                Paragraph(review.intro, style = MaterialTheme.typography.titleMedium)
                InsetText(review.text)
                ActionButton(review.action, prominence = Prominence.Secondary)
            }
            is ReviewView.Question -> {
                Caption(review.lessonTitle)
                Heading(review.heading, level = Level.Screen)
                Caption(review.progress.text)
                QuestionForm(review.question)
            }
            is ReviewView.Done -> {
                Heading(review.heading, level = Level.Screen)
                Paragraph(review.text, style = MaterialTheme.typography.titleMedium)
                ActionColumn(review.actions)
            }
        }
    }
}

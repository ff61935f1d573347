package org.networkedcouncillor.app.ui.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.runtime.Composable
import androidx.compose.ui.unit.dp
import org.networkedcouncillor.app.ui.components.ActionColumn
import org.networkedcouncillor.app.ui.components.Caption
import org.networkedcouncillor.app.ui.components.Heading
import org.networkedcouncillor.app.ui.components.Level
import org.networkedcouncillor.app.ui.components.Panel
import org.networkedcouncillor.app.ui.components.Paragraph
import org.networkedcouncillor.app.ui.components.Tints
import org.networkedcouncillor.shared.QuizBody
import org.networkedcouncillor.shared.QuizResultView
import org.networkedcouncillor.shared.QuizView

/** A lesson's quiz: one question at a time with feedback, then the score. */
@Composable
fun QuizScreen(quiz: QuizView) {
    Column(verticalArrangement = Arrangement.spacedBy(16.dp)) {
        Heading(quiz.heading, level = Level.Screen)
        Caption(quiz.progress.text)
        when (val body = quiz.body) {
            is QuizBody.Question -> QuestionForm(body.value)
            is QuizBody.Result -> QuizResult(body.value)
        }
    }
}

@Composable
private fun QuizResult(result: QuizResultView) {
    Column(verticalArrangement = Arrangement.spacedBy(16.dp)) {
        Panel(result.heading, result.scoreText, if (result.passed) Tints.Positive else Tints.Progress)
        Paragraph(result.passText)
        Paragraph(result.text)
        ActionColumn(result.actions)
        RatingForm(result.rating)
    }
}

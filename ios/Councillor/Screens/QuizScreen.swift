import SharedTypes
import SwiftUI

/// A lesson's quiz: one question at a time with feedback, then the score.
struct QuizScreen: View {
    let model: QuizView

    var body: some View {
        VStack(alignment: .leading, spacing: 16) {
            Heading(model.heading, level: .screen)
            Caption(model.progress.text)
            switch model.body {
            case let .question(question):
                QuestionForm(question: question)
            case let .result(result):
                QuizResult(result: result)
            }
        }
    }
}

private struct QuizResult: View {
    let result: QuizResultView

    var body: some View {
        VStack(alignment: .leading, spacing: 16) {
            Panel(title: result.heading, detail: result.scoreText, tint: result.passed ? .green : .orange)
            Paragraph(result.passText)
            Paragraph(result.text)
            ActionStack(actions: result.actions)
            RatingForm(rating: result.rating)
        }
    }
}

import SharedTypes
import SwiftUI

/// Spaced review: questions from finished lessons that are due again.
struct ReviewScreen: View {
    let model: ReviewView

    var body: some View {
        VStack(alignment: .leading, spacing: 16) {
            switch model {
            case let .empty(heading, intro, text, action):
                Heading(heading, level: .screen)
                Paragraph(intro, style: .title3)
                InsetText(text)
                ActionButton(action: action, prominence: .secondary)
            case let .question(heading, lessonTitle, progress, question):
                Caption(lessonTitle)
                Heading(heading, level: .screen)
                Caption(progress.text)
                QuestionForm(question: question)
            case let .done(heading, text, actions):
                Heading(heading, level: .screen)
                Paragraph(text, style: .title3)
                ActionStack(actions: actions)
            }
        }
    }
}

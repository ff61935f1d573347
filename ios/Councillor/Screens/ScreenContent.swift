import SharedTypes
import SwiftUI

/// One view per screen the core has. The core says which; this only picks the view.
struct ScreenContent: View {
    let screen: ScreenView
    let shell: ShellText

    var body: some View {
        switch screen {
        case let .loading(text):
            LoadingScreen(text: text)
        case let .failed(heading, text):
            FailedScreen(heading: heading, text: text)
        case let .home(home):
            HomeScreen(model: home)
        case let .path(path):
            PathScreen(model: path)
        case let .lesson(lesson):
            LessonScreen(model: lesson)
        case let .quiz(quiz):
            QuizScreen(model: quiz)
        case let .review(review):
            ReviewScreen(model: review)
        case let .assessment(assessment):
            AssessmentScreen(model: assessment)
        case let .checklists(checklists):
            ChecklistsScreen(model: checklists)
        case let .run(run):
            RunScreen(model: run)
        case let .settings(settings):
            SettingsScreen(model: settings, warningLabel: shell.warningLabel)
        }
    }
}

/// While the core loads progress from the database.
struct LoadingScreen: View {
    let text: String

    var body: some View {
        VStack(spacing: 16) {
            ProgressView()
            Paragraph(text, style: .title3).multilineTextAlignment(.center)
        }
        .frame(maxWidth: .infinity)
        .padding(.top, 48)
        .accessibilityElement(children: .combine)
    }
}

/// Progress could not be loaded. The text says what happened and what to do.
struct FailedScreen: View {
    let heading: String
    let text: String

    var body: some View {
        VStack(alignment: .leading, spacing: 12) {
            Heading(heading, level: .screen)
            Paragraph(text)
        }
    }
}

import SharedTypes
import SwiftUI

/// The learning path: modules in order, each with its state and its lessons.
struct PathScreen: View {
    let model: PathView

    var body: some View {
        VStack(alignment: .leading, spacing: 20) {
            Heading(model.heading, level: .screen)
            Paragraph(model.intro, style: .title3)
            ForEach(model.modules, id: \.id) { module in
                ModuleSection(module: module)
            }
        }
    }
}

private struct ModuleSection: View {
    let module: ModuleView

    var body: some View {
        VStack(alignment: .leading, spacing: 10) {
            Caption(module.numberText)
            Heading(module.title)
            StatusTag(text: module.statusText, tint: module.status.tint)
            Paragraph(module.summary)
            if let unlock = module.unlockText {
                InsetText(unlock)
            }
            Caption(module.progressText)
            VStack(alignment: .leading, spacing: 0) {
                ForEach(module.lessons, id: \.id) { lesson in
                    LessonRowView(lesson: lesson)
                    Divider()
                }
            }
        }
        .boxed()
    }
}

/// A lesson: its title (a button once it is open to the learner), its length and its state.
private struct LessonRowView: View {
    let lesson: LessonRow
    @Environment(\.sendEvent) private var send

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            if let open = lesson.open {
                Button {
                    send(open.event)
                } label: {
                    Text(lesson.title)
                        .font(.headline)
                        .multilineTextAlignment(.leading)
                        .frame(maxWidth: .infinity, alignment: .leading)
                }
                // "Open lesson: <title>", then its state and length.
                .accessibilityLabel(Text(open.label))
                .accessibilityValue(Text(lesson.statusText))
                .accessibilityHint(Text(lesson.minutesText))
            } else {
                Paragraph(lesson.title, style: .headline).foregroundStyle(.secondary)
            }
            HStack(alignment: .firstTextBaseline) {
                Caption(lesson.minutesText)
                StatusTag(text: lesson.statusText, tint: lesson.status.tint)
            }
            .accessibilityHidden(lesson.open != nil)
        }
        .padding(.vertical, 10)
    }
}

extension ModuleStatus {
    var tint: Color {
        switch self {
        case .locked: .secondary
        case .available: .blue
        case .inProgress: .orange
        case .complete: .green
        }
    }
}

extension LessonStatus {
    var tint: Color {
        switch self {
        case .locked: .secondary
        case .notStarted: .blue
        case .inProgress: .orange
        case .complete: .green
        }
    }
}

import SharedTypes
import SwiftUI
import UIKit

/// One quiz or review question: choose, check, see feedback on each option, go on.
struct QuestionForm: View {
    let question: QuestionView

    var body: some View {
        VStack(alignment: .leading, spacing: 14) {
            if let scenario = question.scenario {
                InsetText(scenario)
            }
            Heading(question.prompt)
            Caption(question.instruction)
            VStack(spacing: 10) {
                ForEach(question.options, id: \.id) { option in
                    OptionRow(option: option, multiple: question.multiple)
                }
            }
            if let feedback = question.feedback {
                FeedbackBox(feedback: feedback)
            }
            if let primary = question.primary {
                ActionButton(action: primary)
            }
        }
        .onChange(of: question.feedback) { _, feedback in
            if let feedback {
                UIAccessibility.post(notification: .announcement, argument: feedback.heading)
            }
        }
    }
}

/// An option: a button while the learner chooses, then its mark and feedback once checked.
private struct OptionRow: View {
    let option: OptionView
    let multiple: Bool
    @Environment(\.sendEvent) private var send

    var body: some View {
        Group {
            if let choose = option.choose {
                Button {
                    send(choose.event)
                } label: {
                    content(label: choose.label)
                }
                .buttonStyle(.plain)
            } else {
                content(label: option.text)
            }
        }
        .accessibilityElement(children: .combine)
        .accessibilityAddTraits(option.selected ? .isSelected : [])
    }

    private func content(label: String) -> some View {
        HStack(alignment: .firstTextBaseline, spacing: 12) {
            Image(systemName: symbol)
                .foregroundStyle(option.selected ? Color.accentColor : Color.secondary)
                .accessibilityHidden(true)
            VStack(alignment: .leading, spacing: 6) {
                Paragraph(label)
                if let mark = option.markText {
                    StatusTag(text: mark, tint: option.mark.tint)
                }
                if let feedback = option.feedback {
                    Paragraph(feedback, style: .callout)
                }
            }
        }
        .padding(12)
        .frame(maxWidth: .infinity, alignment: .leading)
        .contentShape(Rectangle())
        .overlay(
            RoundedRectangle(cornerRadius: 10)
                .strokeBorder(option.selected ? Color.accentColor : Color.secondary.opacity(0.4),
                              lineWidth: option.selected ? 2 : 1)
        )
    }

    private var symbol: String {
        switch (multiple, option.selected) {
        case (true, true): "checkmark.square.fill"
        case (true, false): "square"
        case (false, true): "largecircle.fill.circle"
        case (false, false): "circle"
        }
    }
}

/// "Correct" or "Not quite", and the right answer.
private struct FeedbackBox: View {
    let feedback: FeedbackView

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            Heading(feedback.heading)
            Paragraph(feedback.rightAnswer)
        }
        .padding()
        .frame(maxWidth: .infinity, alignment: .leading)
        .background((feedback.correct ? Color.green : Color.orange).opacity(0.15),
                    in: RoundedRectangle(cornerRadius: 12))
        .accessibilityElement(children: .combine)
    }
}

extension OptionMark {
    var tint: Color {
        switch self {
        case .none: .secondary
        case .correct: .green
        case .incorrect: .red
        case .missed: .blue
        }
    }
}

import SharedTypes
import SwiftUI
import UIKit

/// "Was this useful?" under a quiz result or a finished checklist run. Once rated, what the core
/// says about it; until then the scale, a comment and whether the programme lead may read it,
/// sent as one `rateUseful`: what the learner chose and typed, the one kind of event a shell
/// builds itself (docs/adr/0001). With no choice it sends 0, and the core says what to do.
struct RatingForm: View {
    let rating: RatingView
    @Environment(\.sendEvent) private var send
    @State private var chosen: UInt32 = 0
    @State private var comment = ""
    @State private var shareComment = false

    var body: some View {
        VStack(alignment: .leading, spacing: 14) {
            if let rated = rating.rated {
                Paragraph(rated, style: .headline)
                    .onAppear {
                        UIAccessibility.post(notification: .announcement, argument: rated)
                    }
            } else {
                Heading(rating.question)
                Caption(rating.hint)
                VStack(spacing: 10) {
                    ForEach(rating.scale, id: \.value) { choice in
                        ScaleRow(choice: choice, selected: chosen == choice.value) {
                            chosen = choice.value
                        }
                    }
                }
                VStack(alignment: .leading, spacing: 6) {
                    Text(rating.comment.label).font(.headline)
                    if !rating.comment.hint.isEmpty {
                        Caption(rating.comment.hint)
                    }
                    TextField(rating.comment.label, text: $comment, axis: .vertical)
                        .lineLimit(3...8)
                        .textFieldStyle(.roundedBorder)
                        .accessibilityLabel(Text(rating.comment.label))
                        .accessibilityHint(Text(rating.comment.hint))
                }
                Toggle(isOn: $shareComment) {
                    Paragraph(rating.shareCommentLabel)
                }
                Button {
                    send(.rateUseful(rating: chosen, comment: comment, shareComment: shareComment))
                } label: {
                    Text(rating.comment.saveLabel).frame(maxWidth: .infinity)
                }
                .buttonStyle(.bordered)
                .controlSize(.large)
            }
        }
        .boxed()
    }
}

/// One point of the scale, as a radio button: choosing it is the learner's own until sent.
private struct ScaleRow: View {
    let choice: RatingChoice
    let selected: Bool
    let choose: () -> Void

    var body: some View {
        Button(action: choose) {
            HStack(alignment: .firstTextBaseline, spacing: 12) {
                Image(systemName: selected ? "largecircle.fill.circle" : "circle")
                    .foregroundStyle(selected ? Color.accentColor : Color.secondary)
                    .accessibilityHidden(true)
                Paragraph(choice.label)
            }
            .padding(12)
            .frame(maxWidth: .infinity, alignment: .leading)
            .contentShape(Rectangle())
            .overlay(
                RoundedRectangle(cornerRadius: 10)
                    .strokeBorder(selected ? Color.accentColor : Color.secondary.opacity(0.4),
                                  lineWidth: selected ? 2 : 1)
            )
        }
        .buttonStyle(.plain)
        .accessibilityLabel(Text(choice.label))
        .accessibilityAddTraits(selected ? .isSelected : [])
    }
}

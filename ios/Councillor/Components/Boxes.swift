import SharedTypes
import SwiftUI

/// A card: a heading, a line or two, and one button.
struct CardSection: View {
    let card: Card

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            Heading(card.heading)
            if !card.title.isEmpty && card.title != card.heading {
                Paragraph(card.title, style: .headline)
            }
            Paragraph(card.detail)
            if let action = card.action {
                ActionButton(action: action).padding(.top, 4)
            }
        }
        .boxed()
    }
}

/// Text set apart with a bar at its side: privacy notes, hints, a locked module's condition.
struct InsetText: View {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    var body: some View {
        Paragraph(text)
            .padding(.leading, 12)
            .overlay(alignment: .leading) {
                Rectangle().fill(.tint).frame(width: 4)
            }
    }
}

/// A warning with an icon; VoiceOver reads the view model's label for the icon first.
struct WarningText: View {
    let label: String
    let text: String

    var body: some View {
        Label {
            Paragraph(text, style: .body.bold())
        } icon: {
            Image(systemName: "exclamationmark.triangle.fill")
                .foregroundStyle(.orange)
        }
        .accessibilityElement(children: .ignore)
        .accessibilityLabel(Text(label))
        .accessibilityValue(Text(text))
    }
}

/// A short status word in a coloured capsule. The word carries the meaning; colour only helps.
struct StatusTag: View {
    let text: String
    var tint: Color = .secondary

    var body: some View {
        Text(text)
            .font(.footnote.weight(.semibold))
            .padding(.horizontal, 8)
            .padding(.vertical, 3)
            .foregroundStyle(tint)
            .background(tint.opacity(0.15), in: Capsule())
            .fixedSize(horizontal: false, vertical: true)
    }
}

/// A result in large type on a tinted panel: a passed quiz, an assessment stage. The text keeps
/// the primary colour, so it stays readable on any tint.
struct Panel: View {
    let title: String
    let detail: String
    var tint: Color = .green

    var body: some View {
        VStack(spacing: 8) {
            Text(title).font(.title2.bold()).accessibilityAddTraits(.isHeader)
            Text(detail).font(.title3)
        }
        .multilineTextAlignment(.center)
        .frame(maxWidth: .infinity)
        .padding()
        .background(tint.opacity(0.15), in: RoundedRectangle(cornerRadius: 12))
        .overlay(RoundedRectangle(cornerRadius: 12).strokeBorder(tint, lineWidth: 2))
        .accessibilityElement(children: .combine)
    }
}

extension View {
    /// A grouped box, as for a card or a section of a form.
    func boxed() -> some View {
        padding()
            .frame(maxWidth: .infinity, alignment: .leading)
            .background(.background.secondary, in: RoundedRectangle(cornerRadius: 12))
            .accessibilityElement(children: .contain)
    }
}

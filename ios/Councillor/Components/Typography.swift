import SwiftUI

/// A heading at one of three levels. VoiceOver users move between headings with the rotor.
struct Heading: View {
    enum Level {
        case screen, section, subsection
    }

    let text: String
    var level: Level = .section

    init(_ text: String, level: Level = .section) {
        self.text = text
        self.level = level
    }

    var body: some View {
        Text(text)
            .font(font)
            .frame(maxWidth: .infinity, alignment: .leading)
            .accessibilityAddTraits(.isHeader)
            .accessibilityHeading(heading)
    }

    private var font: Font {
        switch level {
        case .screen: .title.bold()
        case .section: .title2.bold()
        case .subsection: .headline
        }
    }

    private var heading: AccessibilityHeadingLevel {
        switch level {
        case .screen: .h1
        case .section: .h2
        case .subsection: .h3
        }
    }
}

/// Body text that wraps and grows with Dynamic Type; nothing when the text is empty.
struct Paragraph: View {
    let text: String
    var style: Font = .body

    init(_ text: String, style: Font = .body) {
        self.text = text
        self.style = style
    }

    var body: some View {
        if !text.isEmpty {
            Text(text)
                .font(style)
                .frame(maxWidth: .infinity, alignment: .leading)
                .fixedSize(horizontal: false, vertical: true)
        }
    }
}

/// Small print under a heading: a date, a count, a source.
struct Caption: View {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    var body: some View {
        Paragraph(text, style: .subheadline).foregroundStyle(.secondary)
    }
}

/// A bulleted or numbered list, read by VoiceOver item by item.
struct BulletList: View {
    let items: [String]
    var ordered = false

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            ForEach(Array(items.enumerated()), id: \.offset) { index, item in
                HStack(alignment: .firstTextBaseline, spacing: 8) {
                    Text(ordered ? "\(index + 1)." : "•")
                        .accessibilityHidden(!ordered)
                    Paragraph(item)
                }
                .accessibilityElement(children: .combine)
            }
        }
    }
}

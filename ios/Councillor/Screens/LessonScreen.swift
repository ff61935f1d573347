import SharedTypes
import SwiftUI

/// The lesson reader: one step at a time, as structured blocks.
struct LessonScreen: View {
    let model: LessonView

    var body: some View {
        VStack(alignment: .leading, spacing: 16) {
            Caption(model.moduleTitle)
            Heading(model.title, level: .screen)
            HStack(spacing: 12) {
                Caption(model.step.text)
                Caption(model.minutesText)
            }
            ProgressView(value: Double(model.step.current), total: Double(max(model.step.total, 1)))
                .accessibilityHidden(true)
            Heading(model.heading)
            ForEach(Array(model.blocks.enumerated()), id: \.offset) { _, block in
                BlockContent(block: block)
            }
            VStack(spacing: 12) {
                ActionButton(action: model.next)
                if let previous = model.previous {
                    ActionButton(action: previous, prominence: .secondary)
                }
            }
            .padding(.top, 8)
            Caption(model.sourcesText)
        }
    }
}

/// A piece of lesson text, rendered natively for its kind.
struct BlockContent: View {
    let block: BlockView

    var body: some View {
        switch block {
        case let .heading(text):
            Heading(text, level: .subsection)
        case let .paragraph(text):
            Paragraph(text)
        case let .list(ordered, items):
            BulletList(items: items, ordered: ordered)
        case let .callout(title, paragraphs):
            VStack(alignment: .leading, spacing: 8) {
                if let title {
                    Heading(title, level: .subsection)
                }
                ForEach(Array(paragraphs.enumerated()), id: \.offset) { _, paragraph in
                    Paragraph(paragraph)
                }
            }
            .padding(.leading, 12)
            .overlay(alignment: .leading) {
                Rectangle().fill(.tint).frame(width: 4)
            }
        case let .example(title, paragraphs):
            VStack(alignment: .leading, spacing: 8) {
                if let title {
                    Heading(title, level: .subsection)
                }
                ForEach(Array(paragraphs.enumerated()), id: \.offset) { _, paragraph in
                    Paragraph(paragraph).italic()
                }
            }
            .boxed()
        }
    }
}

import SharedTypes
import SwiftUI

/// Checklists: the templates to start or continue, and earlier runs, newest first.
struct ChecklistsScreen: View {
    let model: ChecklistsView

    var body: some View {
        VStack(alignment: .leading, spacing: 20) {
            Heading(model.heading, level: .screen)
            Paragraph(model.intro, style: .title3)
            ForEach(model.templates, id: \.id) { template in
                TemplateCard(template: template)
            }
            Heading(model.runsHeading)
            if let noRuns = model.noRunsText {
                Paragraph(noRuns)
            }
            VStack(alignment: .leading, spacing: 0) {
                ForEach(model.runs, id: \.id) { run in
                    RunRowView(run: run)
                    Divider()
                }
            }
            if let more = model.more {
                ActionButton(action: more, prominence: .secondary)
            }
        }
    }
}

private struct TemplateCard: View {
    let template: TemplateView

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            Heading(template.title)
            Paragraph(template.summary)
            Caption(template.itemsText)
            if let resume = template.resume {
                ActionButton(action: resume)
                ActionButton(action: template.start, prominence: .secondary)
            } else {
                ActionButton(action: template.start)
            }
        }
        .boxed()
    }
}

/// An earlier run: its checklist, when, how far, and "Open".
private struct RunRowView: View {
    let run: RunRow
    @Environment(\.dynamicTypeSize) private var typeSize

    var body: some View {
        let layout =
            typeSize.isAccessibilitySize
            ? AnyLayout(VStackLayout(alignment: .leading, spacing: 8))
            : AnyLayout(HStackLayout(alignment: .center, spacing: 12))
        layout {
            VStack(alignment: .leading, spacing: 4) {
                Paragraph(run.title, style: .headline)
                Caption(run.statusText)
                Caption(run.progressText)
            }
            .accessibilityElement(children: .combine)
            Image(systemName: run.finished ? "checkmark.circle.fill" : "circle.dashed")
                .foregroundStyle(run.finished ? Color.green : Color.secondary)
                .accessibilityHidden(true)
            ActionButton(action: run.open, prominence: .secondary)
                .fixedSize(horizontal: !typeSize.isAccessibilitySize, vertical: false)
                .accessibilityHint(Text(run.title))
        }
        .padding(.vertical, 10)
    }
}

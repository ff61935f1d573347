import SharedTypes
import SwiftUI

/// The self-assessment's result: the stage, the chart of scores per area with the last
/// attempt beside them, what to focus on, and what to do next.
struct AssessmentResult: View {
    let result: AssessmentResultView

    var body: some View {
        VStack(alignment: .leading, spacing: 16) {
            Heading(result.heading, level: .screen)
            Caption(result.dateText)
            Panel(title: result.stageText, detail: result.overallText, tint: .blue)
            // The overall score out of 100, drawn; the words above say it.
            ProgressView(value: Double(result.overall), total: 100)
                .accessibilityHidden(true)
            StageRoute(stage: result.stage)
            ResultChart(chart: result.chart, areas: result.areas)
            if let compared = result.comparedText {
                Paragraph(compared)
            }
            AreaScores(areas: result.areas)
            Heading(result.focusHeading)
            ForEach(Array(result.focus.enumerated()), id: \.offset) { _, focus in
                FocusSection(focus: focus)
            }
            InsetText(result.privacy)
            SettingToggle(toggle: result.baseline)
                .boxed()
            ActionStack(actions: result.actions)
        }
    }
}

/// The stages in order, with the learner's marked.
private struct StageRoute: View {
    let stage: StageView

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            Paragraph(stage.positionText, style: .headline)
            ForEach(Array(stage.route.enumerated()), id: \.offset) { index, title in
                let current = index == Int(stage.index)
                HStack(alignment: .firstTextBaseline, spacing: 10) {
                    Image(systemName: current ? "largecircle.fill.circle" : "circle")
                        .foregroundStyle(current ? Color.accentColor : Color.secondary)
                        .accessibilityHidden(true)
                    Paragraph(title, style: current ? .body.bold() : .body)
                }
                .accessibilityElement(children: .combine)
                .accessibilityAddTraits(current ? .isSelected : [])
            }
            Heading(stage.title, level: .subsection)
            Paragraph(stage.description)
        }
        .boxed()
    }
}

/// Each area's score, with how it changed since last time.
private struct AreaScores: View {
    let areas: [AreaResultView]

    var body: some View {
        VStack(alignment: .leading, spacing: 0) {
            ForEach(areas, id: \.id) { area in
                VStack(alignment: .leading, spacing: 4) {
                    HStack(alignment: .firstTextBaseline) {
                        Paragraph(area.title, style: .headline)
                        Text(String(area.score)).font(.headline.monospacedDigit())
                    }
                    Caption(area.changeText)
                }
                .padding(.vertical, 10)
                .accessibilityElement(children: .combine)
                Divider()
            }
        }
    }
}

/// An area to work on, with links to the modules that teach it.
private struct FocusSection: View {
    let focus: FocusView

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            Heading(focus.title, level: .subsection)
            Paragraph(focus.scoreText, style: .headline)
            Paragraph(focus.description)
            ForEach(Array(focus.modules.enumerated()), id: \.offset) { _, module in
                ActionButton(action: module, prominence: .link)
            }
        }
        .boxed()
    }
}

import SharedTypes
import SwiftUI

/// Home: where to pick up, what is next, what is due for review, and shortcuts to checklists.
struct HomeScreen: View {
    let model: HomeView

    var body: some View {
        VStack(alignment: .leading, spacing: 20) {
            Heading(model.greeting, level: .screen)
            Paragraph(model.summary, style: .title3)
            if let allDone = model.allDone {
                InsetText(allDone)
            }
            if let resume = model.resume {
                CardSection(card: resume)
            }
            if let next = model.next {
                CardSection(card: next)
            }
            CardSection(card: model.review)
            CardSection(card: model.assessment)
            Heading(model.checklistsHeading)
            ForEach(Array(model.checklists.enumerated()), id: \.offset) { _, checklist in
                ActionButton(action: checklist, prominence: .secondary)
            }
        }
    }
}

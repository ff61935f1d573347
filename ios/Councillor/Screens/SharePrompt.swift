import SharedTypes
import SwiftUI

/// The question asked once after joining: share progress with the programme lead? What the
/// lead would see and would never see, then yes or no.
struct SharePrompt: View {
    let prompt: SharePromptView

    var body: some View {
        VStack(alignment: .leading, spacing: 12) {
            Heading(prompt.heading, level: .subsection)
            Paragraph(prompt.text)
            Paragraph(prompt.willSeeHeading, style: .headline)
            BulletList(items: prompt.willSee)
            Paragraph(prompt.willNotSeeHeading, style: .headline)
            BulletList(items: prompt.willNotSee)
            VStack(spacing: 12) {
                ActionButton(action: prompt.yes)
                ActionButton(action: prompt.no, prominence: .secondary)
            }
            .padding(.top, 4)
        }
        .padding()
        .frame(maxWidth: .infinity, alignment: .leading)
        .overlay(RoundedRectangle(cornerRadius: 12).strokeBorder(Color.accentColor, lineWidth: 3))
        .accessibilityElement(children: .contain)
    }
}

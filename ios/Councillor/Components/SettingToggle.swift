import SharedTypes
import SwiftUI

/// A setting the learner turns on or off: its label as a heading, the hint, the state in words
/// and the button that changes it (backup, sharing progress, the anonymous baseline).
struct SettingToggle: View {
    let toggle: ToggleView
    var level: Heading.Level = .section

    var body: some View {
        VStack(alignment: .leading, spacing: 10) {
            Heading(toggle.label, level: level)
            Paragraph(toggle.hint).foregroundStyle(.secondary)
            StatusTag(text: toggle.stateText, tint: toggle.on ? .green : .secondary)
            // Several buttons on a screen may say "Turn on": the hint says which setting.
            ActionButton(action: toggle.toggle, prominence: .secondary)
                .accessibilityHint(Text(toggle.label))
        }
    }
}

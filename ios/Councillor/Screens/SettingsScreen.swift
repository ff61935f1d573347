import SharedTypes
import SwiftUI
import UIKit

/// Settings: the learner's name, backup of private answers, what the programme lead sees,
/// syncing (joining, pairing, the account) and deleting data from this device.
struct SettingsScreen: View {
    let model: SettingsView
    /// Read before a warning shown with an icon.
    let warningLabel: String
    @Environment(\.sendEvent) private var send
    @State private var name: String

    init(model: SettingsView, warningLabel: String) {
        self.model = model
        self.warningLabel = warningLabel
        _name = State(initialValue: model.name.value)
    }

    var body: some View {
        VStack(alignment: .leading, spacing: 24) {
            Heading(model.heading, level: .screen)
            TextForm(field: model.name, text: $name, content: .name) {
                send(.setDisplayName(name: name))
            }
            .boxed()
            SettingToggle(toggle: model.backup)
                .boxed()
            SharingSection(sharing: model.sharing)
            VStack(alignment: .leading, spacing: 16) {
                Heading(model.syncHeading)
                switch model.sync {
                case let .join(join):
                    JoinSection(join: join)
                case let .joined(joined):
                    JoinedSection(joined: joined, warningLabel: warningLabel)
                }
            }
            .boxed()
            VStack(alignment: .leading, spacing: 12) {
                Heading(model.deleteHeading)
                Paragraph(model.deleteText)
                DeleteControls(delete: model.delete, warningLabel: warningLabel)
            }
            .boxed()
            Caption(model.about)
        }
        .onChange(of: model.name.value) { _, value in name = value }
    }
}

/// What the programme lead sees: sharing progress with them, and the anonymous baseline.
private struct SharingSection: View {
    let sharing: SharingView

    var body: some View {
        VStack(alignment: .leading, spacing: 16) {
            Heading(sharing.heading)
            SettingToggle(toggle: sharing.progress, level: .subsection)
            Divider()
            SettingToggle(toggle: sharing.baseline, level: .subsection)
        }
        .boxed()
    }
}

/// "Delete", then, after a warning, "Yes, delete" or "Cancel".
struct DeleteControls: View {
    let delete: DeleteView
    let warningLabel: String

    var body: some View {
        switch delete {
        case let .ready(action):
            ActionButton(action: action, prominence: .destructive)
        case let .confirming(warning, confirm, cancel):
            VStack(alignment: .leading, spacing: 12) {
                WarningText(label: warningLabel, text: warning)
                ActionButton(action: confirm, prominence: .destructive)
                ActionButton(action: cancel, prominence: .secondary)
            }
            .onAppear {
                UIAccessibility.post(notification: .announcement, argument: warning)
            }
        }
    }
}

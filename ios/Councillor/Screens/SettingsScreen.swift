import SharedTypes
import SwiftUI
import UIKit

/// Settings: the learner's name, backup of private answers, syncing (joining, pairing, the
/// account) and deleting data from this device.
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
            BackupSection(backup: model.backup)
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

/// Whether private answers are backed up when syncing, and the button that changes it.
private struct BackupSection: View {
    let backup: ToggleView

    var body: some View {
        VStack(alignment: .leading, spacing: 10) {
            Heading(backup.label)
            Paragraph(backup.hint).foregroundStyle(.secondary)
            StatusTag(text: backup.stateText, tint: backup.on ? .green : .secondary)
            ActionButton(action: backup.toggle, prominence: .secondary)
                .accessibilityHint(Text(backup.label))
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

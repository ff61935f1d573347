import SharedTypes
import SwiftUI
import UIKit

/// A device that has joined: the question about sharing progress (once, after joining), sync
/// status, "Sync now", adding another device (pairing from this side), what could not sync,
/// and deleting the account from the server.
struct JoinedSection: View {
    let joined: JoinedView
    let warningLabel: String

    var body: some View {
        VStack(alignment: .leading, spacing: 16) {
            if let prompt = joined.sharePrompt {
                SharePrompt(prompt: prompt)
            }
            Paragraph(joined.status, style: .headline)
            Paragraph(joined.syncText)
            if let busy = joined.busy {
                Busy(text: busy)
            }
            ActionButton(action: joined.syncNow, prominence: .secondary)
                .disabled(joined.busy != nil)
            if let addDevice = joined.addDevice {
                ActionButton(action: addDevice, prominence: .secondary)
                    .disabled(joined.busy != nil)
            }
            if let pairing = joined.pairingText {
                Paragraph(pairing, style: .title3.weight(.semibold))
                    .textSelection(.enabled)
                    .padding()
                    .background(Color.accentColor.opacity(0.12), in: RoundedRectangle(cornerRadius: 12))
                    .onAppear {
                        UIAccessibility.post(notification: .announcement, argument: pairing)
                    }
            }
            if !joined.problems.isEmpty {
                Heading(joined.problemsHeading, level: .subsection)
                Paragraph(joined.problemsText)
                ForEach(Array(joined.problems.enumerated()), id: \.offset) { _, problem in
                    VStack(alignment: .leading, spacing: 4) {
                        Paragraph(problem.what, style: .headline)
                        Paragraph(problem.reason).foregroundStyle(.secondary)
                    }
                    .accessibilityElement(children: .combine)
                }
            }
            Divider()
            Heading(joined.deleteHeading, level: .subsection)
            Paragraph(joined.deleteText)
            DeleteControls(delete: joined.delete, warningLabel: warningLabel)
        }
    }
}

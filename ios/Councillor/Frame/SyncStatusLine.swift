import SharedTypes
import SwiftUI

/// The sync status in words ("Synced 2 minutes ago"), with "See why" when items could not sync.
struct SyncStatusLine: View {
    let sync: SyncView
    @Environment(\.dynamicTypeSize) private var typeSize

    var body: some View {
        let layout =
            typeSize.isAccessibilitySize
            ? AnyLayout(VStackLayout(alignment: .leading, spacing: 4))
            : AnyLayout(HStackLayout(alignment: .firstTextBaseline, spacing: 8))
        layout {
            Label {
                Paragraph(sync.text, style: .subheadline)
            } icon: {
                Image(systemName: sync.state.symbol).foregroundStyle(sync.state.color)
            }
            .accessibilityElement(children: .combine)
            if let action = sync.action {
                ActionButton(action: action, prominence: .link).font(.subheadline)
            }
        }
    }
}

extension SyncState {
    var color: Color {
        switch self {
        case .localOnly, .offline: .secondary
        case .syncing: .blue
        case .synced: .green
        case .needsAttention: .orange
        }
    }

    var symbol: String {
        switch self {
        case .localOnly: "iphone"
        case .offline: "icloud.slash"
        case .syncing: "arrow.triangle.2.circlepath.icloud"
        case .synced: "checkmark.icloud"
        case .needsAttention: "exclamationmark.icloud"
        }
    }
}

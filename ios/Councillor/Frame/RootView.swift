import SwiftUI

/// The window's content: the app once the core is open, or why it cannot open.
struct RootView: View {
    @Environment(Core.self) private var core

    var body: some View {
        Group {
            switch core.state {
            case .opening:
                ProgressView()
                    .frame(maxWidth: .infinity, maxHeight: .infinity)
            case let .ready(view):
                AppFrame(view: view)
            case let .failed(message):
                CannotOpen(message: message)
            }
        }
        .environment(\.sendEvent, SendEvent { event in core.send(event) })
    }
}

/// The runtime could not open at all (no database can be made). The message is the runtime's:
/// what happened and what to do.
private struct CannotOpen: View {
    let message: String

    var body: some View {
        ScrollView {
            VStack(spacing: 16) {
                Image(systemName: "exclamationmark.triangle.fill")
                    .font(.largeTitle)
                    .foregroundStyle(.orange)
                    .accessibilityHidden(true)
                Paragraph(message, style: .title3)
                    .multilineTextAlignment(.center)
            }
            .padding()
        }
    }
}

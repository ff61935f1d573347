import SharedTypes
import SwiftUI

/// A button from the view model: it says the action's label and sends the action's event.
struct ActionButton: View {
    enum Prominence {
        /// The one main thing to do on a screen or card.
        case primary
        case secondary
        /// Deletes something.
        case destructive
        /// Reads as a link, inside text and lists.
        case link
    }

    let action: Action
    var prominence: Prominence = .primary
    @Environment(\.sendEvent) private var send

    var body: some View {
        switch prominence {
        case .primary:
            button.buttonStyle(.borderedProminent)
        case .secondary:
            button.buttonStyle(.bordered)
        case .destructive:
            button.buttonStyle(.borderedProminent).tint(.red)
        case .link:
            Button(action.label) { send(action.event) }
                .buttonStyle(.borderless)
                .multilineTextAlignment(.leading)
        }
    }

    private var button: some View {
        Button {
            send(action.event)
        } label: {
            Text(action.label)
                .frame(maxWidth: .infinity)
                .multilineTextAlignment(.center)
        }
        .controlSize(.large)
    }
}

/// Buttons stacked one under another, full width, as on a phone they fit any text size.
struct ActionStack: View {
    let actions: [Action]
    /// The first action is the main one; the rest are secondary.
    var firstIsPrimary = true

    var body: some View {
        VStack(spacing: 12) {
            ForEach(Array(actions.enumerated()), id: \.offset) { index, action in
                ActionButton(action: action, prominence: index == 0 && firstIsPrimary ? .primary : .secondary)
            }
        }
    }
}

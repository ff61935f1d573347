import SharedTypes
import SwiftUI

/// How a view hands an event to the core: `send(action.event)`. The root view puts the real
/// one in the environment; previews can use their own. Views call it on the main thread.
struct SendEvent {
    private let send: (Event) -> Void

    init(_ send: @escaping (Event) -> Void) {
        self.send = send
    }

    func callAsFunction(_ event: Event) {
        send(event)
    }
}

private struct SendEventKey: EnvironmentKey {
    static let defaultValue = SendEvent { _ in }
}

extension EnvironmentValues {
    var sendEvent: SendEvent {
        get { self[SendEventKey.self] }
        set { self[SendEventKey.self] = newValue }
    }
}

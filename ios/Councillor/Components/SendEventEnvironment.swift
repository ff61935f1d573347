import SwiftUI

/// The environment value views send events through: `@Environment(\.sendEvent)`.
private struct SendEventKey: EnvironmentKey {
    static let defaultValue = SendEvent { _ in }
}

extension EnvironmentValues {
    var sendEvent: SendEvent {
        get { self[SendEventKey.self] }
        set { self[SendEventKey.self] = newValue }
    }
}

import SharedTypes

/// How a view hands an event to the core: `send(action.event)`. The root view puts the real
/// one in the SwiftUI environment (`Components/SendEventEnvironment.swift`); previews and tests
/// can use their own.
///
/// Sendable, so a `static let` default may hold one under Swift 6's strict concurrency; the
/// closure runs on the main actor, where views call it.
struct SendEvent: Sendable {
    private let send: @MainActor @Sendable (Event) -> Void

    init(_ send: @escaping @MainActor @Sendable (Event) -> Void) {
        self.send = send
    }

    @MainActor
    func callAsFunction(_ event: Event) {
        send(event)
    }
}

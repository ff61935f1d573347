import Foundation
import Network

/// Reports whether the device can reach a network, from `NWPathMonitor`, on the main thread and
/// only when it changes. The core decides what that means for syncing.
@MainActor
final class Connectivity {
    private let monitor = NWPathMonitor()
    private var online: Bool?
    private var started = false

    /// Starts watching. `report` hears the current state at once, then each change.
    func start(report: @escaping @MainActor (Bool) -> Void) {
        guard !started else { return }
        started = true
        monitor.pathUpdateHandler = { [weak self] path in
            let online = path.status == .satisfied
            DispatchQueue.main.async {
                MainActor.assumeIsolated { self?.update(online, report: report) }
            }
        }
        monitor.start(queue: DispatchQueue(label: "org.networkedcouncillor.network", qos: .utility))
    }

    private func update(_ online: Bool, report: @MainActor (Bool) -> Void) {
        guard online != self.online else { return }
        self.online = online
        report(online)
    }

    deinit {
        monitor.cancel()
    }
}

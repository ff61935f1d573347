import Foundation
import Observation
@preconcurrency import SharedTypes

/// The app's one door to the core: what the views render, and where their events go.
///
/// Foundation only, so the same file builds into the app and into the Swift tests on Linux
/// (tests/swift); what needs UIKit or Network is in `Platform/`.
///
/// The core decides everything (docs/adr/0001-pure-core-thin-shells.md): views render `state`
/// and send the events its actions carry. This object only carries views in and events out,
/// and tells the core the platform facts it cannot see: the network and the passing of time.
@MainActor
@Observable
final class Core {
    enum State: Equatable {
        /// The runtime is opening the database; the first view follows in moments.
        case opening
        case ready(ViewModel)
        /// The runtime cannot be used at all (no database can be made). The message says why
        /// and what to do, in the runtime's words.
        case failed(String)
    }

    private(set) var state: State = .opening

    @ObservationIgnored private let connection = CoreConnection()
    @ObservationIgnored private var isOpen = false

    /// Opens the runtime on the app's private data folder. Call once, at launch.
    func open() {
        open(directory: Self.dataDirectory)
    }

    /// Opens the runtime on `directory`: the app's folder, or a test's.
    func open(directory: URL) {
        guard !isOpen else { return }
        isOpen = true
        connection.open(
            directory: directory,
            onView: { [weak self] view in self?.state = .ready(view) },
            onFailure: { [weak self] message in self?.state = .failed(message) }
        )
    }

    /// Sends an event: an action's, or one built from what the learner typed.
    func send(_ event: Event) {
        connection.send(event) { [weak self] message in self?.state = .failed(message) }
    }

    /// The app went to the background. The runtime has stored everything it acknowledged, and
    /// its storage thread finishes the rest within milliseconds. The app holds a moment from
    /// iOS (a background task) and ends it in `done`: once every event sent so far is in the
    /// runtime's hands, and its storage thread has had `storageGrace` to commit.
    func enteredBackground(done: @escaping @MainActor () -> Void) {
        connection.drain {
            DispatchQueue.main.asyncAfter(deadline: .now() + Self.storageGrace) {
                MainActor.assumeIsolated { done() }
            }
        }
    }

    /// The app is ending: store what is in flight and close the database.
    func shutdown() {
        connection.shutdown()
    }

    /// How long the storage thread gets to commit after the last event, before suspension.
    private static let storageGrace: TimeInterval = 1

    /// Application Support/progress: private to the app, never shown in Files, and kept out of
    /// iCloud and computer backups: it holds private answers, notes and the server token, and
    /// the learner's own backup is the sync server (ADR 0013).
    private static var dataDirectory: URL {
        // FileManager's lookup rather than `URL.applicationSupportDirectory`, which Linux's
        // Foundation lacks: the Swift tests build this file there.
        let support = FileManager.default.urls(for: .applicationSupportDirectory, in: .userDomainMask)[0]
        var url = support.appendingPathComponent("progress", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        try? url.setResourceValues(values)
        return url
    }
}

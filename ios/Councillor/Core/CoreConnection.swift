import Foundation
import Shared
// The generated types are plain values but do not declare `Sendable`; a view model decoded on
// the runtime's thread is handed to the main thread and never touched again.
@preconcurrency import SharedTypes

/// The native runtime (`CoreRuntime`, from Rust through uniffi), driven from one serial queue
/// so that nothing the app does with it blocks the main thread.
///
/// Events cross as bytes in the Crux bridge format (bincode), written by the generated
/// `Event.bincodeSerialize()`; view models come back the same way. The runtime tells us the
/// view changed on its own worker thread: we read and decode the new view there, and hand it to
/// the main thread in the order it came.
final class CoreConnection: @unchecked Sendable {
    private let queue = DispatchQueue(label: "org.networkedcouncillor.core", qos: .userInitiated)
    private let lock = NSLock()
    /// Set once `open` succeeds. Guarded by `lock`: the listener reads it on the worker thread.
    private var runtime: CoreRuntime?
    /// The last view handed over, so an unchanged view is not published twice.
    private var published: ViewModel?

    /// Opens the runtime on `directory` (created if missing). `onView` hears every new view
    /// model on the main thread; `onFailure` hears, also there, a message to show in place of
    /// the app when the runtime cannot be used at all.
    func open(
        directory: URL,
        onView: @escaping @MainActor (ViewModel) -> Void,
        onFailure: @escaping @MainActor (String) -> Void
    ) {
        queue.async {
            let listener = ViewChanges { [weak self] in self?.publish(to: onView) }
            do {
                // The runtime makes the folder itself, and when it cannot, says so in words a
                // learner can act on (Foundation's own error would not).
                let runtime = try CoreRuntime.open(dataDir: directory.path, listener: listener)
                self.lock.withLock { self.runtime = runtime }
                // A change reported while `runtime` was still empty is picked up here.
                self.publish(to: onView)
            } catch {
                let message = Self.message(for: error)
                DispatchQueue.main.async { MainActor.assumeIsolated { onFailure(message) } }
            }
        }
    }

    /// Sends an event. Returns at once; the new view arrives through `onView`.
    func send(_ event: Event, onFailure: @escaping @MainActor (String) -> Void) {
        // Written as bytes here, so only bytes cross to the queue.
        let bytes: Data
        do {
            bytes = Data(try event.bincodeSerialize())
        } catch {
            let message = Self.message(for: error)
            DispatchQueue.main.async { MainActor.assumeIsolated { onFailure(message) } }
            return
        }
        queue.async {
            guard let runtime = self.lock.withLock({ self.runtime }) else { return }
            do {
                try runtime.send(event: bytes)
            } catch CoreError.Closed {
                // Shut down as the app ends: nothing more to store.
            } catch {
                let message = Self.message(for: error)
                DispatchQueue.main.async { MainActor.assumeIsolated { onFailure(message) } }
            }
        }
    }

    /// Calls `done` on the main thread once every event sent so far is in the runtime's hands.
    func drain(then done: @escaping @MainActor () -> Void) {
        queue.async {
            DispatchQueue.main.async { MainActor.assumeIsolated { done() } }
        }
    }

    /// Finishes storing what the core was asked to store and closes the database. Blocks until
    /// it is done: call it only as the app is about to end.
    func shutdown() {
        queue.sync {
            lock.withLock { runtime }?.shutdown()
        }
    }

    /// Reads the view from the runtime, and hands it to the main thread if it changed.
    private func publish(to onView: @escaping @MainActor (ViewModel) -> Void) {
        let next: ViewModel? = lock.withLock {
            guard let runtime,
                let view = try? ViewModel.bincodeDeserialize(input: [UInt8](runtime.view())),
                view != published
            else { return nil }
            published = view
            return view
        }
        guard let next else { return }
        DispatchQueue.main.async { MainActor.assumeIsolated { onView(next) } }
    }

    /// The runtime's own words for what went wrong (see `CoreError` in shared/src/native/ffi.rs).
    static func message(for error: Error) -> String {
        guard let error = error as? CoreError else { return error.localizedDescription }
        switch error {
        case .Storage(let message), .InvalidEvent(let message), .Platform(let message),
            .Closed(let message):
            return message
        }
    }
}

/// Hears "the view changed" from the runtime, on its worker thread.
private final class ViewChanges: ViewListener, @unchecked Sendable {
    private let changed: @Sendable () -> Void

    init(_ changed: @escaping @Sendable () -> Void) {
        self.changed = changed
    }

    func viewChanged() {
        changed()
    }
}

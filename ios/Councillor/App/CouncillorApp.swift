import SwiftUI
import UIKit

@main
struct CouncillorApp: App {
    @UIApplicationDelegateAdaptor(AppDelegate.self) private var delegate
    @Environment(\.scenePhase) private var scenePhase
    @State private var core = Core()
    @State private var connectivity = Connectivity()

    var body: some Scene {
        WindowGroup {
            RootView()
                .environment(core)
                .onAppear(perform: start)
                .task(id: scenePhase == .active) {
                    if scenePhase == .active { await tickWhileActive() }
                }
        }
        .onChange(of: scenePhase) { _, phase in
            if phase == .background {
                let task = BackgroundTask()
                task.begin()
                core.enteredBackground { task.end() }
            }
        }
    }

    @MainActor
    private func start() {
        delegate.core = core
        core.open()
        connectivity.start { online in core.send(.connectivityChanged(online: online)) }
    }

    /// Tells the core about once a minute that time has passed, while the app is in front, so
    /// words like "Synced 2 minutes ago" stay true. Once at once too: time passed while away.
    @MainActor
    private func tickWhileActive() async {
        while !Task.isCancelled {
            core.send(.tick)
            try? await Task.sleep(nanoseconds: 60 * NSEC_PER_SEC)
        }
    }
}

/// Hears the one moment SwiftUI's scene phases do not report: the app is about to end.
@MainActor
final class AppDelegate: NSObject, UIApplicationDelegate {
    weak var core: Core?

    func applicationWillTerminate(_ application: UIApplication) {
        core?.shutdown()
    }
}

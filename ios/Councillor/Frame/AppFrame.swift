import SharedTypes
import SwiftUI
import UIKit

/// The frame around every screen: the title bar with "Back", notices, warnings, the sync
/// status, the screen itself, and the main navigation at the bottom.
struct AppFrame: View {
    let view: ViewModel

    var body: some View {
        NavigationStack {
            ScrollView {
                VStack(alignment: .leading, spacing: 16) {
                    if let notice = view.notice {
                        NoticeBanner(notice: notice)
                    }
                    if let warning = view.warning {
                        WarningText(label: view.shell.warningLabel, text: warning)
                    }
                    SyncStatusLine(sync: view.sync)
                    ScreenContent(screen: view.screen, shell: view.shell)
                }
                .padding()
                .frame(maxWidth: 720)
                .frame(maxWidth: .infinity)
            }
            // A new screen starts at its top, with fresh text fields.
            .id(view.screenKey)
            .navigationTitle(view.title)
            .navigationBarTitleDisplayMode(.inline)
            .toolbar {
                if let back = view.back {
                    ToolbarItem(placement: .topBarLeading) {
                        BackButton(action: back)
                    }
                }
            }
            .safeAreaInset(edge: .bottom, spacing: 0) {
                if !view.tabs.isEmpty {
                    DestinationBar(tabs: view.tabs, label: view.shell.navLabel)
                }
            }
        }
        .onChange(of: view.screenKey) {
            // VoiceOver starts again at the top of a new screen.
            UIAccessibility.post(notification: .screenChanged, argument: nil)
        }
        .onChange(of: view.notice) { _, notice in
            if let notice {
                UIAccessibility.post(notification: .announcement, argument: notice.text)
            }
        }
    }
}

/// "Back", when the screen has a level above it.
private struct BackButton: View {
    let action: Action
    @Environment(\.sendEvent) private var send

    var body: some View {
        Button {
            send(action.event)
        } label: {
            Label(action.label, systemImage: "chevron.backward")
                .labelStyle(.titleAndIcon)
        }
    }
}

extension ViewModel {
    /// Which screen this is, so that a new one (and only a new one) starts at its top.
    var screenKey: String {
        switch screen {
        case let .lesson(lesson):
            "lesson:\(lesson.lessonId):\(lesson.step.current)"
        case let .quiz(quiz):
            switch quiz.body {
            case .question: "quiz:\(quiz.lessonId):\(quiz.progress.current)"
            case .result: "quiz:\(quiz.lessonId):result"
            }
        case let .review(review):
            switch review {
            case let .question(_, _, progress, _): "review:\(progress.current)"
            case .empty: "review:empty"
            case .done: "review:done"
            }
        case let .assessment(assessment):
            switch assessment {
            case .intro: "assessment:intro"
            case let .item(item): "assessment:\(item.id)"
            case .result: "assessment:result"
            }
        case let .run(run):
            "run:\(run.runId)"
        case .loading: "loading"
        case .failed: "failed"
        case .home: "home"
        case .path: "path"
        case .checklists: "checklists"
        case .settings: "settings"
        }
    }
}

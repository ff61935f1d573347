import Foundation
import Testing

@testable import CouncillorCore
@preconcurrency import SharedTypes

/// The iOS shell's `Core` (ios/Councillor/Core, the very files the app compiles) against the
/// real native runtime: uniffi's Swift bindings, the generated types, and a real SQLite file.
/// The same journeys as the Android wrapper's JUnit tests (tests/ffi/kotlin).
///
/// Swift Testing rather than XCTest: Linux's XCTest finds tests through a generated list that
/// cannot call a main-actor test in Swift 6 mode, and `Core` lives on the main actor. One test
/// at a time, as the machine running them is often busy.
@Suite(.serialized)
struct CoreTests {
    struct GaveUp: Error {}

    /// A fresh folder for one test's database; `defer { remove(it) }` after making it.
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("nc-swift-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }

    /// Waits until `pick` finds something in the view, and returns it; fails with the last
    /// state seen after 20 seconds.
    @MainActor
    private func waitFor<T>(
        _ core: Core, _ what: String, sourceLocation: SourceLocation = #_sourceLocation,
        _ pick: (ViewModel) -> T?
    ) async throws -> T {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if case .ready(let view) = core.state, let found = pick(view) {
                return found
            }
            try await Task.sleep(nanoseconds: 5_000_000)
        }
        Issue.record(
            "gave up waiting for \(what); the state is \(core.state)", sourceLocation: sourceLocation)
        throw GaveUp()
    }

    @MainActor
    private func opened(_ directory: URL) async throws -> Core {
        let core = Core()
        core.open(directory: directory)
        _ = try await waitFor(core, "home") { view in view.home }
        return core
    }

    @Test @MainActor
    func testALessonLeftHalfwayResumesAfterReopeningAndTheQuizIsPassed() async throws {
        let directory = try folder()
        defer { remove(directory) }

        // Day one: the first lesson on the path, one step read.
        let first = try await opened(directory)
        first.send(.navigate(to: .path))
        let path = try await waitFor(first, "the path") { view in view.path }
        let open = try #require(path.modules.first?.lessons.first?.open)
        first.send(open.event)
        let lesson = try await waitFor(first, "the lesson") { view in view.lesson(atStep: 1) }
        #expect(lesson.step.total >= 2)
        first.send(lesson.next.event)
        _ = try await waitFor(first, "step 2") { view in view.lesson(atStep: 2) }

        // A meeting starts: leave mid-lesson, and the app ends.
        first.send(.navigate(to: .home))
        _ = try await waitFor(first, "home") { view in view.home }
        first.shutdown()

        // Later: the lesson is offered where it was left.
        let second = try await opened(directory)
        let home = try await waitFor(second, "home") { view in view.home }
        let resume = try #require(home.resume, "a lesson to resume")
        #expect(resume.title == lesson.title)
        #expect(resume.detail.contains("Step 2"), "\(resume.detail)")
        second.send(try #require(resume.action).event)
        var step = try await waitFor(second, "the lesson at step 2") { view in
            view.lesson(atStep: 2)
        }
        #expect(step.lessonId == lesson.lessonId)

        // Read to the end, then the quiz, until it is passed.
        while step.next.event != .startQuiz {
            let current = step.step.current
            second.send(step.next.event)
            step = try await waitFor(second, "step \(current + 1)") { view in
                view.lesson(atStep: current + 1)
            }
        }
        second.send(step.next.event)
        var known: [String: [String]] = [:]
        var result = try await answerQuiz(second, known: &known)
        if !result.passed {
            let retry = try #require(result.actions.first { $0.event == .retryQuiz })
            second.send(retry.event)
            _ = try await waitFor(second, "the quiz again") { view in view.question }
            result = try await answerQuiz(second, known: &known)
        }
        #expect(result.passed, "\(result)")

        // The path shows the lesson complete, after the app ends and opens again.
        second.shutdown()
        let third = try await opened(directory)
        third.send(.navigate(to: .path))
        let row = try await waitFor(third, "the lesson's row") { view in
            view.path?.modules.flatMap(\.lessons).first { $0.id == lesson.lessonId }
        }
        #expect(row.status == .complete)
        third.shutdown()
    }

    /// Answers every question: the options in `known` when the question was seen before, else
    /// the first. Learns the right options from the feedback. Returns the result.
    @MainActor
    private func answerQuiz(_ core: Core, known: inout [String: [String]]) async throws
        -> QuizResultView
    {
        while true {
            let body = try await waitFor(core, "the quiz") { view in view.quiz?.body }
            let question: QuestionView
            switch body {
            case .result(let result):
                return result
            case .question(let asked):
                question = asked
            }
            let choose = known[question.id] ?? [question.options[0].id]
            for option in question.options where choose.contains(option.id) {
                core.send(try #require(option.choose).event)
                _ = try await waitFor(core, "option \(option.id) picked") { view in
                    view.question?.options.first { $0.id == option.id && $0.selected }
                }
            }
            let check = try await waitFor(core, "the check button") { view in
                view.question?.primary
            }
            core.send(check.event)
            let marked = try await waitFor(core, "feedback") { view in
                view.question?.feedback == nil ? nil : view.question
            }
            known[question.id] = marked.options
                .filter { $0.mark == .correct || $0.mark == .missed }
                .map(\.id)
            #expect(!known[question.id, default: []].isEmpty, "feedback names the answer")
            core.send(try #require(marked.primary).event)
            _ = try await waitFor(core, "the next question or the result") { view in
                view.question.map { $0.id == question.id ? nil : true } ?? true
            }
        }
    }

    @Test @MainActor
    func testAChecklistItemTickedWithANoteIsThereAfterReopening() async throws {
        let directory = try folder()
        defer { remove(directory) }
        let first = try await opened(directory)
        first.send(.navigate(to: .checklists))
        let checklists = try await waitFor(first, "the checklists") { view in view.checklists }
        let template = try #require(checklists.templates.first)
        first.send(template.start.event)
        let run = try await waitFor(first, "a new run") { view in view.run }
        let item = try #require(run.sections.first?.items.first)
        #expect(!item.done)
        first.send(try #require(item.toggle).event)
        _ = try await waitFor(first, "the item ticked") { view in
            view.run?.item(item.id).flatMap { $0.done ? $0 : nil }
        }
        // A note is typed input: the one event here the shell builds itself.
        let note = "Asked the clerk about the live stream."
        first.send(.saveNote(run: run.runId, item: item.id, note: note))
        _ = try await waitFor(first, "the note saved") { view in
            view.run?.item(item.id).flatMap { $0.note == note ? $0 : nil }
        }
        first.shutdown()

        let second = try await opened(directory)
        second.send(.navigate(to: .checklists))
        let row = try await waitFor(second, "the run's row") { view in
            view.checklists?.runs.first { $0.id == run.runId }
        }
        second.send(row.open.event)
        let kept = try await waitFor(second, "the run again") { view in view.run?.item(item.id) }
        #expect(kept.done)
        #expect(kept.note == note)
        second.shutdown()
    }

    @Test @MainActor
    func testADamagedDatabaseIsKeptAsideAndTheViewSaysWhere() async throws {
        let directory = try folder()
        defer { remove(directory) }
        let garbage = Data(repeating: 0x5A, count: 8192)
        try garbage.write(to: directory.appendingPathComponent("progress.db"))
        let core = try await opened(directory)
        let warning = try await waitFor(core, "a warning") { view in view.warning }
        #expect(warning.contains("could not be read"), "\(warning)")
        let kept = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix("progress.db.corrupt-") && !$0.hasSuffix("-wal") }
        try #require(kept.count == 1, "\(kept)")
        #expect(warning.contains(kept[0]), "\(warning)")
        #expect(try Data(contentsOf: directory.appendingPathComponent(kept[0])) == garbage)
        core.shutdown()
    }

    @Test @MainActor
    func testAFolderThatCannotBeUsedFailsWithTheRuntimesWords() async throws {
        let directory = try folder()
        defer { remove(directory) }
        let file = directory.appendingPathComponent("file")
        try Data().write(to: file)
        let core = Core()
        core.open(directory: file.appendingPathComponent("data"))
        let deadline = Date().addingTimeInterval(20)
        while core.state == .opening, Date() < deadline {
            try await Task.sleep(nanoseconds: 5_000_000)
        }
        guard case .failed(let message) = core.state else {
            Issue.record("expected a failure, got \(core.state)")
            return
        }
        #expect(message.hasPrefix("The app's data folder cannot be used"), "\(message)")
    }

    @Test @MainActor
    func testGoingToTheBackgroundEndsTheTaskAfterEveryEventIsHandedOver() async throws {
        let directory = try folder()
        defer { remove(directory) }
        let core = try await opened(directory)
        core.send(.navigate(to: .settings))
        var ended = false
        core.enteredBackground { ended = true }
        let deadline = Date().addingTimeInterval(20)
        while !ended, Date() < deadline {
            try await Task.sleep(nanoseconds: 5_000_000)
        }
        #expect(ended, "the background task was never ended")
        _ = try await waitFor(core, "settings, sent before") { view in view.settings }
        core.shutdown()
    }

    @Test @MainActor
    func testSendEventCallsItsClosureOnTheMainActor() {
        var sent: [Event] = []
        let send = SendEvent { event in sent.append(event) }
        send(.back)
        send(.tick)
        #expect(sent == [.back, .tick])
    }
}

/// The screens the tests look for, as optionals.
extension ViewModel {
    var home: HomeView? {
        if case .home(let home) = screen { return home }
        return nil
    }

    var path: PathView? {
        if case .path(let path) = screen { return path }
        return nil
    }

    func lesson(atStep step: UInt32) -> LessonView? {
        if case .lesson(let lesson) = screen, lesson.step.current == step { return lesson }
        return nil
    }

    var quiz: QuizView? {
        if case .quiz(let quiz) = screen { return quiz }
        return nil
    }

    var question: QuestionView? {
        if case .question(let question) = quiz?.body { return question }
        return nil
    }

    var checklists: ChecklistsView? {
        if case .checklists(let checklists) = screen { return checklists }
        return nil
    }

    var run: RunView? {
        if case .run(let run) = screen { return run }
        return nil
    }

    var settings: SettingsView? {
        if case .settings(let settings) = screen { return settings }
        return nil
    }
}

extension RunView {
    func item(_ id: String) -> RunItemView? {
        sections.flatMap(\.items).first { $0.id == id }
    }
}

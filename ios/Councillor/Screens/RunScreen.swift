import SharedTypes
import SwiftUI

/// One checklist run, grouped by section: tick items and keep notes.
struct RunScreen: View {
    let model: RunView

    var body: some View {
        VStack(alignment: .leading, spacing: 20) {
            Heading(model.title, level: .screen)
            Paragraph(model.summary)
            Label {
                VStack(alignment: .leading, spacing: 4) {
                    Paragraph(model.statusText, style: .headline)
                    Caption(model.progressText)
                }
            } icon: {
                Image(systemName: model.finished ? "checkmark.seal.fill" : "list.bullet.clipboard")
                    .foregroundStyle(model.finished ? Color.green : Color.accentColor)
            }
            .accessibilityElement(children: .combine)
            InsetText(model.notesPrivacy)
            ForEach(model.sections, id: \.id) { section in
                VStack(alignment: .leading, spacing: 0) {
                    Heading(section.title)
                        .padding(.bottom, 8)
                    ForEach(section.items, id: \.id) { item in
                        RunItemRow(runId: model.runId, item: item, saveLabel: model.saveNoteLabel)
                        Divider()
                    }
                }
                .accessibilityElement(children: .contain)
            }
            if let finish = model.finish {
                ActionButton(action: finish)
            }
            if let rating = model.rating {
                RatingForm(rating: rating)
            }
        }
    }
}

/// A checklist item: a switch to tick it (until the run is finished), and its note.
private struct RunItemRow: View {
    let runId: String
    let item: RunItemView
    let saveLabel: String
    @Environment(\.sendEvent) private var send
    @State private var editing = false
    @State private var note = ""

    var body: some View {
        VStack(alignment: .leading, spacing: 10) {
            if let toggle = item.toggle {
                Toggle(isOn: Binding(get: { item.done }, set: { _ in send(toggle.event) })) {
                    Paragraph(toggle.label)
                }
            } else {
                Label {
                    Paragraph(item.text)
                } icon: {
                    Image(systemName: item.done ? "checkmark.square.fill" : "square")
                }
                .accessibilityElement(children: .combine)
                .accessibilityAddTraits(item.done ? .isSelected : [])
            }
            if let saved = item.note {
                InsetText(saved)
            }
            if let noteLabel = item.noteLabel {
                Button(noteLabel) {
                    note = item.note ?? ""
                    editing.toggle()
                }
                .buttonStyle(.borderless)
                .accessibilityHint(Text(item.text))
                if editing {
                    noteEditor
                }
            }
        }
        .padding(.vertical, 10)
    }

    /// Typing a note: the one thing here the shell builds itself, sent as `saveNote`.
    private var noteEditor: some View {
        VStack(alignment: .leading, spacing: 8) {
            if let prompt = item.notePrompt {
                Caption(prompt)
            }
            TextField(item.noteLabel ?? item.text, text: $note, axis: .vertical)
                .lineLimit(3...8)
                .textFieldStyle(.roundedBorder)
                .accessibilityLabel(Text(item.noteLabel ?? item.text))
                .accessibilityHint(Text(item.notePrompt ?? item.text))
            Button {
                send(.saveNote(run: runId, item: item.id, note: note))
                editing = false
            } label: {
                Text(saveLabel).frame(maxWidth: .infinity)
            }
            .buttonStyle(.bordered)
            .accessibilityHint(Text(item.text))
        }
    }
}

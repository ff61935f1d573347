import SharedTypes
import SwiftUI
import UIKit

/// A labelled text field from the view model's `TextFieldView`. The text is the shell's own
/// until it is sent: the one kind of event a shell builds itself (docs/adr/0001).
struct TextEntry: View {
    let field: TextFieldView
    @Binding var text: String
    var content: UITextContentType?
    var keyboard: UIKeyboardType = .default

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            Text(field.label).font(.headline)
            if !field.hint.isEmpty {
                Caption(field.hint)
            }
            TextField(field.label, text: $text)
                .textFieldStyle(.roundedBorder)
                .textContentType(content)
                .keyboardType(keyboard)
                .autocorrectionDisabled()
                .textInputAutocapitalization(.never)
                .accessibilityHint(field.hint)
        }
    }
}

/// A text field with its submit button: a name, a code.
struct TextForm: View {
    let field: TextFieldView
    @Binding var text: String
    var content: UITextContentType?
    var keyboard: UIKeyboardType = .default
    /// "Please wait…" while a request is out: the button is disabled.
    var busy: String?
    let submit: () -> Void

    var body: some View {
        VStack(alignment: .leading, spacing: 10) {
            TextEntry(field: field, text: $text, content: content, keyboard: keyboard)
                .onSubmit(submit)
            Button(action: submit) {
                Text(field.saveLabel).frame(maxWidth: .infinity)
            }
            .buttonStyle(.bordered)
            .controlSize(.large)
            .disabled(busy != nil)
        }
    }
}

import SharedTypes
import SwiftUI
import UIKit

/// Joining a council's programme with a code, or adding this device to an account with a
/// pairing code from another device. Both go to the server address typed here, which starts
/// as the address this build was made for (`NCDefaultServer` in Info.plist).
struct JoinSection: View {
    let join: JoinView
    @Environment(\.sendEvent) private var send
    @State private var server: String
    @State private var code = ""
    @State private var pairCode = ""

    init(join: JoinView) {
        self.join = join
        let typed = join.server.value
        _server = State(initialValue: typed.isEmpty ? Self.defaultServer : typed)
        _code = State(initialValue: join.code.value)
        _pairCode = State(initialValue: join.pairCode.value)
    }

    var body: some View {
        VStack(alignment: .leading, spacing: 16) {
            Heading(join.heading, level: .subsection)
            Paragraph(join.text)
            if let busy = join.busy {
                Busy(text: busy)
            }
            TextEntry(field: join.server, text: $server, content: .URL, keyboard: .URL)
            TextForm(field: join.code, text: $code, busy: join.busy) {
                send(.join(server: server, code: code))
            }
            Divider()
            Heading(join.pairHeading, level: .subsection)
            Paragraph(join.pairText)
            TextForm(field: join.pairCode, text: $pairCode, content: .oneTimeCode, keyboard: .asciiCapable, busy: join.busy) {
                send(.pair(server: server, code: pairCode))
            }
        }
    }

    private static var defaultServer: String {
        Bundle.main.object(forInfoDictionaryKey: "NCDefaultServer") as? String ?? ""
    }
}

/// "Please wait…" while a request is out.
struct Busy: View {
    let text: String

    var body: some View {
        HStack(spacing: 10) {
            ProgressView()
            Paragraph(text)
        }
        .accessibilityElement(children: .combine)
        .onAppear {
            UIAccessibility.post(notification: .announcement, argument: text)
        }
    }
}

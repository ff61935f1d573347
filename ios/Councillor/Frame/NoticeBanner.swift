import SharedTypes
import SwiftUI

/// A notice from the core ("Success", "There is a problem"), with its "Dismiss" button.
struct NoticeBanner: View {
    let notice: NoticeView

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            Label {
                Text(notice.title).font(.headline)
            } icon: {
                Image(systemName: notice.tone.symbol).foregroundStyle(notice.tone.color)
            }
            .accessibilityAddTraits(.isHeader)
            Paragraph(notice.text)
            ActionButton(action: notice.dismiss, prominence: .link)
        }
        .padding()
        .frame(maxWidth: .infinity, alignment: .leading)
        .background(notice.tone.color.opacity(0.12), in: RoundedRectangle(cornerRadius: 12))
        .overlay(RoundedRectangle(cornerRadius: 12).strokeBorder(notice.tone.color, lineWidth: 2))
        .accessibilityElement(children: .contain)
    }
}

extension Tone {
    var color: Color {
        switch self {
        case .info: .blue
        case .success: .green
        case .error: .red
        }
    }

    var symbol: String {
        switch self {
        case .info: "info.circle.fill"
        case .success: "checkmark.circle.fill"
        case .error: "exclamationmark.octagon.fill"
        }
    }
}

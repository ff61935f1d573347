import SharedTypes
import SwiftUI

/// The main navigation: one button per destination, in the core's order, with the core's
/// labels. At the largest text sizes the labels give way to the icons, and a long press shows
/// the label large (the Large Content Viewer), as the system tab bar does.
struct DestinationBar: View {
    let tabs: [SharedTypes.Tab]
    /// The navigation's accessible name.
    let label: String
    @Environment(\.sendEvent) private var send
    @Environment(\.dynamicTypeSize) private var typeSize

    var body: some View {
        HStack(spacing: 0) {
            ForEach(tabs, id: \.destination) { tab in
                Button {
                    send(tab.action.event)
                } label: {
                    VStack(spacing: 2) {
                        Image(systemName: tab.destination.symbol).imageScale(.large)
                        if !typeSize.isAccessibilitySize {
                            Text(tab.action.label)
                                .font(.caption2)
                                .lineLimit(1)
                                .minimumScaleFactor(0.7)
                        }
                    }
                    .frame(maxWidth: .infinity, minHeight: 44)
                    .contentShape(Rectangle())
                    .foregroundStyle(tab.current ? Color.accentColor : Color.secondary)
                }
                .buttonStyle(.plain)
                .accessibilityLabel(Text(tab.action.label))
                .accessibilityAddTraits(tab.current ? .isSelected : [])
                .accessibilityShowsLargeContentViewer {
                    Label(tab.action.label, systemImage: tab.destination.symbol)
                }
            }
        }
        .padding(.top, 6)
        .background(.bar)
        .overlay(alignment: .top) { Divider() }
        .accessibilityElement(children: .contain)
        .accessibilityLabel(Text(label))
    }
}

extension Destination {
    var symbol: String {
        switch self {
        case .home: "house"
        case .path: "map"
        case .review: "arrow.triangle.2.circlepath"
        case .assessment: "chart.bar.xaxis"
        case .checklists: "checklist"
        case .settings: "gearshape"
        }
    }
}

import Charts
import SharedTypes
import SwiftUI

/// Score per area as a bar chart (Swift Charts), this attempt beside the last. For VoiceOver
/// the chart is one element: its title, then the core's text summary of every score.
struct ResultChart: View {
    let chart: ChartView
    let areas: [AreaResultView]
    /// Grows with Dynamic Type, so the axis labels keep their room.
    @ScaledMetric(relativeTo: .body) private var barHeight: CGFloat = 22

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            Heading(chart.title)
            Chart {
                ForEach(areas, id: \.id) { area in
                    bar(area.title, Int(area.score), series: 0)
                    if let previous = area.previous {
                        bar(area.title, Int(previous), series: 1)
                    }
                }
            }
            .chartXScale(domain: 0...Int(max(chart.max, 1)))
            .chartForegroundStyleScale(domain: chart.series, range: colours)
            .chartLegend(position: .top, alignment: .leading)
            .frame(height: barHeight * CGFloat(max(areas.count, 1) * max(chart.series.count, 1)) * 1.6)
            .accessibilityElement(children: .ignore)
            .accessibilityLabel(Text(chart.title))
            .accessibilityValue(Text(chart.summary))
        }
    }

    /// One bar of a series ("This time", "Last time"), labelled with its value.
    @ChartContentBuilder
    private func bar(_ area: String, _ score: Int, series index: Int) -> some ChartContent {
        if index < chart.series.count {
            let series = chart.series[index]
            BarMark(x: .value(chart.title, score), y: .value(chart.title, area))
                .foregroundStyle(by: .value(chart.title, series))
                .position(by: .value(chart.title, series))
                .annotation(position: .trailing, alignment: .leading) {
                    Text(String(score)).font(.caption.monospacedDigit())
                }
        }
    }

    private var colours: [Color] {
        Array([Color.accentColor, Color.gray].prefix(chart.series.count))
    }
}

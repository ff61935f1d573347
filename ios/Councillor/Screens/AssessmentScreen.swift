import SharedTypes
import SwiftUI

/// The private self-assessment: its introduction, one item at a time, and the result
/// (AssessmentResult.swift).
struct AssessmentScreen: View {
    let model: AssessmentView

    var body: some View {
        switch model {
        case let .intro(intro):
            AssessmentIntro(intro: intro)
        case let .item(item):
            AssessmentItem(item: item)
        case let .result(result):
            AssessmentResult(result: result)
        }
    }
}

private struct AssessmentIntro: View {
    let intro: AssessmentIntroView

    var body: some View {
        VStack(alignment: .leading, spacing: 16) {
            Heading(intro.heading, level: .screen)
            ForEach(Array(intro.paragraphs.enumerated()), id: \.offset) { _, paragraph in
                Paragraph(paragraph)
            }
            BulletList(items: intro.facts)
            InsetText(intro.privacy)
            ActionButton(action: intro.start)
            if let lastResult = intro.lastResult {
                ActionButton(action: lastResult, prominence: .secondary)
            }
        }
    }
}

/// One item: a scale or yes/no choice, or how often each channel is used.
private struct AssessmentItem: View {
    let item: AssessmentItemView

    var body: some View {
        VStack(alignment: .leading, spacing: 16) {
            Caption(item.progress.text)
            Caption(item.areaTitle)
            Heading(item.prompt, level: .screen)
            if let hint = item.hint {
                Paragraph(hint).foregroundStyle(.secondary)
            }
            switch item.input {
            case let .choice(choices):
                ChoiceList(choices: choices)
            case let .channels(channels):
                ForEach(channels, id: \.id) { channel in
                    ChannelPicker(channel: channel)
                }
            }
            VStack(spacing: 12) {
                if let next = item.next {
                    ActionButton(action: next)
                }
                ActionButton(action: item.back, prominence: .secondary)
            }
        }
    }
}

/// Radio buttons: choosing one sends its event.
private struct ChoiceList: View {
    let choices: [ChoiceView]
    @Environment(\.sendEvent) private var send

    var body: some View {
        VStack(spacing: 10) {
            ForEach(Array(choices.enumerated()), id: \.offset) { _, choice in
                Button {
                    send(choice.choose.event)
                } label: {
                    HStack(alignment: .firstTextBaseline, spacing: 12) {
                        Image(systemName: choice.selected ? "largecircle.fill.circle" : "circle")
                            .foregroundStyle(choice.selected ? Color.accentColor : Color.secondary)
                            .accessibilityHidden(true)
                        Paragraph(choice.label)
                    }
                    .padding(12)
                    .frame(maxWidth: .infinity, alignment: .leading)
                    .contentShape(Rectangle())
                    .overlay(
                        RoundedRectangle(cornerRadius: 10)
                            .strokeBorder(choice.selected ? Color.accentColor : Color.secondary.opacity(0.4))
                    )
                }
                .buttonStyle(.plain)
                .accessibilityLabel(Text(choice.choose.label))
                .accessibilityAddTraits(choice.selected ? .isSelected : [])
            }
        }
    }
}

/// How often one channel is used: a menu of frequencies, compact at any text size.
private struct ChannelPicker: View {
    let channel: ChannelView
    @Environment(\.sendEvent) private var send

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            Text(channel.label).font(.headline)
            Picker(selection: selection) {
                ForEach(Array(channel.frequencies.enumerated()), id: \.offset) { index, frequency in
                    Text(frequency.label).tag(index)
                }
            } label: {
                Text(channel.label)
            }
            .pickerStyle(.menu)
        }
        .boxed()
    }

    /// The chosen frequency's position; choosing another sends that frequency's event.
    private var selection: Binding<Int> {
        Binding(
            get: { channel.frequencies.firstIndex(where: \.selected) ?? 0 },
            set: { index in send(channel.frequencies[index].choose.event) }
        )
    }
}

// The self-assessment result as an SVG bar chart: one row per area, this attempt's bar and
// (when there is one) the last attempt's beside it. The chart is an image with a title and a
// full text description (the view model's summary), and the two series differ by pattern and
// label as well as colour.

import type { AreaResultView, ChartView } from "shared_types";

import { h, s } from "../dom";

const WIDTH = 640;
const LABEL_HEIGHT = 22;
const BAR_HEIGHT = 18;
const BAR_GAP = 4;
const ROW_GAP = 18;
const LEFT = 4;
const VALUE_SPACE = 40;

export function chart(view: ChartView, areas: AreaResultView[], idBase: string): HTMLElement {
  const titleId = `${idBase}-title`;
  const descId = `${idBase}-desc`;
  const twoSeries = view.series.length > 1;
  const max = Math.max(1, view.max);
  const barsPerRow = twoSeries ? 2 : 1;
  const rowHeight = LABEL_HEIGHT + barsPerRow * BAR_HEIGHT + (barsPerRow - 1) * BAR_GAP + ROW_GAP;
  const plotWidth = WIDTH - LEFT - VALUE_SPACE;
  const height = areas.length * rowHeight + 8;
  const scale = (value: number) => (Math.min(value, max) / max) * plotWidth;

  const rows = areas.map((area, i) => {
    const top = i * rowHeight;
    const bars = [{ value: area.score, series: 0 }];
    if (twoSeries && area.previous !== null) bars.push({ value: area.previous, series: 1 });
    return s(
      "g",
      { class: "app-chart__row" },
      s("text", { x: LEFT, y: top + 15, class: "app-chart__label" }, area.title),
      bars.map(({ value, series }) => {
        const y = top + LABEL_HEIGHT + series * (BAR_HEIGHT + BAR_GAP);
        const width = Math.max(2, scale(value));
        return [
          s("rect", {
            x: LEFT,
            y,
            width: width.toFixed(1),
            height: BAR_HEIGHT,
            class: series === 0 ? "app-chart__bar" : "app-chart__bar app-chart__bar--previous",
            fill: series === 0 ? "currentColor" : `url(#${idBase}-hatch)`,
          }),
          s("text", { x: (LEFT + width + 6).toFixed(1), y: y + 14, class: "app-chart__value" }, String(value)),
        ];
      }),
    );
  });

  const svg = s(
    "svg",
    {
      class: "app-chart__svg",
      viewBox: `0 0 ${WIDTH} ${height}`,
      role: "img",
      "aria-labelledby": titleId,
      "aria-describedby": descId,
      focusable: "false",
    },
    s("title", { id: titleId }, view.title),
    s("desc", { id: descId }, view.summary),
    s(
      "defs",
      null,
      s(
        "pattern",
        { id: `${idBase}-hatch`, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
        s("rect", { width: 6, height: 6, class: "app-chart__hatch-bg" }),
        s("line", { x1: 0, y1: 0, x2: 0, y2: 6, class: "app-chart__hatch-line" }),
      ),
    ),
    rows,
  );

  const legend = h(
    "ul",
    { class: "app-chart__legend", "aria-hidden": "true" },
    view.series.map((name, i) =>
      h(
        "li",
        { class: "app-chart__legend-item" },
        h("span", { class: i === 0 ? "app-chart__key" : "app-chart__key app-chart__key--previous" }),
        name,
      ),
    ),
  );

  return h(
    "figure",
    { class: "app-chart", id: idBase },
    h("figcaption", { class: "govuk-heading-m" }, view.title),
    legend,
    svg,
  );
}

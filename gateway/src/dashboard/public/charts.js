/* global document */
// Inline SVG charts for the strategy dashboard: a few plain functions, each returning
// an <svg> element sized by its viewBox (it stretches to its panel's width). Colours
// come from classes in dashboard.css, so that no inline style is needed (the page's
// Content-Security-Policy allows none).

const SVG = "http://www.w3.org/2000/svg";

/** An SVG element with attributes, and text or children. */
export function svgElement(name, attributes = {}, children = []) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  for (const child of [].concat(children)) {
    element.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return element;
}

function chart(width, height, label, children) {
  return svgElement(
    "svg",
    { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label, class: "chart" },
    children,
  );
}

/**
 * A semicircular gauge of `value` against `target`: the arc fills to value/target,
 * capped at 1; reaching the target turns it to the "met" colour.
 */
export function gauge({ value, target, label }) {
  const ratio = target > 0 ? Math.max(0, Math.min(1, value / target)) : 0;
  const radius = 40;
  const centre = { x: 50, y: 50 };
  const point = (fraction) => {
    const angle = Math.PI * (1 - fraction);
    return `${(centre.x + radius * Math.cos(angle)).toFixed(2)} ${(centre.y - radius * Math.sin(angle)).toFixed(2)}`;
  };
  const arc = (fraction) => `M ${point(0)} A ${radius} ${radius} 0 0 1 ${point(fraction)}`;
  const parts = [svgElement("path", { d: arc(1), class: "gauge-track" })];
  if (ratio > 0) {
    parts.push(svgElement("path", { d: arc(ratio), class: ratio >= 1 ? "gauge-fill met" : "gauge-fill" }));
  }
  return chart(100, 56, `${label}: ${Math.round(ratio * 100)} % of target`, parts);
}

/** Horizontal bars, one per item ({ label, value, shown? }: `shown` labels it instead of `value`), with an optional target line. */
export function horizontalBars(items, { label, target, format = String } = {}) {
  const rowHeight = 22;
  const labelWidth = 120;
  const barWidth = 240;
  const max = Math.max(1, target ?? 0, ...items.map((item) => item.value));
  const height = items.length * rowHeight + 6;
  const parts = [];
  items.forEach((item, index) => {
    const y = index * rowHeight + 4;
    const width = (item.value / max) * barWidth;
    parts.push(
      svgElement(
        "text",
        { x: labelWidth - 6, y: y + 13, class: "axis-label", "text-anchor": "end" },
        item.label,
      ),
      svgElement("rect", { x: labelWidth, y, width: barWidth, height: rowHeight - 6, class: "bar-track" }),
      svgElement("rect", {
        x: labelWidth,
        y,
        width: Math.max(width, 0),
        height: rowHeight - 6,
        class: "bar",
      }),
      svgElement(
        "text",
        { x: labelWidth + barWidth + 6, y: y + 13, class: "value-label", "data-key": item.key ?? item.label },
        item.shown ?? format(item.value),
      ),
    );
  });
  if (target !== undefined) {
    const x = labelWidth + (target / max) * barWidth;
    parts.push(svgElement("line", { x1: x, x2: x, y1: 0, y2: height, class: "target-line" }));
  }
  return chart(labelWidth + barWidth + 60, height, label ?? "bar chart", parts);
}

/**
 * Vertical stacked bars, one per column ({ label, parts: [{ value, className }] }), scaled
 * to each column's total (shares of 100 %), with the 100 % target as a line on top.
 */
export function stackedShareBars(columns, { label }) {
  const columnWidth = 64;
  const plotHeight = 150;
  const top = 18;
  const width = columns.length * columnWidth + 40;
  const parts = [
    svgElement("line", { x1: 30, x2: width, y1: top, y2: top, class: "target-line" }),
    svgElement("text", { x: 0, y: top + 4, class: "axis-label" }, "100 %"),
    svgElement("text", { x: 0, y: top + plotHeight, class: "axis-label" }, "0"),
  ];
  columns.forEach((column, index) => {
    const x = 40 + index * columnWidth;
    const total = column.parts.reduce((sum, part) => sum + part.value, 0);
    let y = top + plotHeight;
    for (const part of column.parts) {
      const height = total > 0 ? (part.value / total) * plotHeight : 0;
      y -= height;
      parts.push(svgElement("rect", { x, y, width: columnWidth - 16, height, class: part.className }));
    }
    if (total === 0) {
      parts.push(
        svgElement("rect", { x, y: top, width: columnWidth - 16, height: plotHeight, class: "bar-track" }),
      );
    }
    parts.push(
      svgElement(
        "text",
        {
          x: x + (columnWidth - 16) / 2,
          y: top + plotHeight + 16,
          class: "axis-label",
          "text-anchor": "middle",
        },
        column.label,
      ),
    );
  });
  return chart(width, top + plotHeight + 22, label, parts);
}

/** A label cut to `length` characters, so that it stays inside its chart. */
function shortened(label, length) {
  return label.length > length ? `${label.slice(0, length - 1)}…` : label;
}

/**
 * Diverging bars per row ({ label, outgoing, incoming, outgoingShown?, incomingShown? }: the
 * `…Shown` texts label the bars, e.g. "<5"): outgoing to the left of the
 * axis, incoming to the right, on one scale, so an unbalanced partner stands out.
 */
export function divergingBars(rows, { label }) {
  const rowHeight = 22;
  const labelWidth = 210;
  const half = 130;
  const axis = labelWidth + half;
  const max = Math.max(1, ...rows.flatMap((row) => [row.outgoing, row.incoming]));
  const height = rows.length * rowHeight + 24;
  const parts = [
    svgElement("text", { x: axis - 6, y: 12, class: "axis-label", "text-anchor": "end" }, "← outgoing"),
    svgElement("text", { x: axis + 6, y: 12, class: "axis-label" }, "incoming →"),
  ];
  rows.forEach((row, index) => {
    const y = index * rowHeight + 20;
    const out = (row.outgoing / max) * half;
    const inc = (row.incoming / max) * half;
    parts.push(
      svgElement("text", { x: labelWidth - 25, y: y + 13, class: "axis-label", "text-anchor": "end" }, [
        svgElement("title", {}, row.label),
        shortened(row.label, 30),
      ]),
      svgElement("rect", { x: axis - out, y, width: out, height: rowHeight - 6, class: "bar outgoing" }),
      svgElement("rect", { x: axis, y, width: inc, height: rowHeight - 6, class: "bar incoming" }),
      svgElement(
        "text",
        {
          x: axis - out - 4,
          y: y + 13,
          class: "value-label",
          "text-anchor": "end",
          "data-key": `${row.key}:outgoing`,
        },
        row.outgoingShown ?? String(row.outgoing),
      ),
      svgElement(
        "text",
        { x: axis + inc + 4, y: y + 13, class: "value-label", "data-key": `${row.key}:incoming` },
        row.incomingShown ?? String(row.incoming),
      ),
    );
  });
  parts.push(svgElement("line", { x1: axis, x2: axis, y1: 16, y2: height, class: "axis" }));
  return chart(axis + half + 40, height, label, parts);
}

/** A funnel: one centred bar per stage ({ label, value }), each as wide as its share of the first. */
export function funnel(stages, { label }) {
  const rowHeight = 20;
  const width = 220;
  const first = Math.max(1, stages[0]?.value ?? 0);
  const parts = [];
  stages.forEach((stage, index) => {
    const y = index * rowHeight;
    // A hidden count (null: 1 to 4 people, shown "<5") draws a stub bar, never a guessable one.
    const value = stage.value ?? 0;
    const barWidth = stage.value === null ? 2 : Math.max((value / first) * width, value > 0 ? 2 : 0);
    parts.push(
      svgElement("rect", {
        x: (width - barWidth) / 2,
        y,
        width: barWidth,
        height: rowHeight - 4,
        class: `funnel-stage stage-${index}`,
      }),
      svgElement("text", { x: width + 8, y: y + 12, class: "value-label" }, [
        `${stage.label} `,
        svgElement(
          "tspan",
          { "data-key": stage.key ?? stage.label, class: "stage-value" },
          stage.shown ?? String(stage.value),
        ),
      ]),
    );
  });
  return chart(width + 110, stages.length * rowHeight, label, parts);
}

/* global document */
// Building HTML without innerHTML: text from the graph is always inserted as text.

/** An HTML element with attributes (`data-*` included), and text or children. */
export function element(name, attributes = {}, children = []) {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) node.setAttribute(key, String(value));
  }
  for (const child of [].concat(children)) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
  }
  return node;
}

/** "27.3 %" for 0.273; "—" when there is no value (an empty cohort, say). */
export function percent(share) {
  return share === null || share === undefined ? "—" : `${(share * 100).toFixed(1)} %`;
}

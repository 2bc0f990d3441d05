// A line chart as inline SVG: no chart library. Accessible as an image with a text summary, plus a data table
// the caller renders next to it.

const SVG = 'http://www.w3.org/2000/svg';
const el = (name, attrs = {}, text) => {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text != null) node.textContent = text;
  return node;
};

/**
 * points: [{ label, value }] in date order (value may be null: a gap). format: value -> text.
 * Returns an <svg> that scales to its container's width.
 */
export function lineChart(points, { title, format, max: fixedMax, width = 720, height = 260 }) {
  const pad = { top: 16, right: 16, bottom: 40, left: 64 };
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart', preserveAspectRatio: 'xMidYMid meet' });
  svg.append(el('title', {}, title));
  const values = points.map((p) => p.value).filter((v) => v != null);
  const max = fixedMax ?? Math.max(1, ...values) * 1.1;
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const x = (i) => pad.left + (points.length <= 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (v) => pad.top + plotH - (v / max) * plotH;

  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    svg.append(el('line', { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: 'grid' }));
    svg.append(el('text', { x: pad.left - 8, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, format(v)));
  }
  const every = Math.max(1, Math.ceil(points.length / 8));
  points.forEach((p, i) => {
    if ((points.length - 1 - i) % every === 0) { // counted from the last day, so the latest date is always labelled
      svg.append(el('text', { x: x(i), y: height - pad.bottom + 20, 'text-anchor': 'middle', class: 'axis' }, p.label));
    }
  });
  // one path per run of known values, so a missing day shows as a gap rather than a false zero
  let d = '';
  let pen = false;
  points.forEach((p, i) => {
    if (p.value == null) { pen = false; return; }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)} `;
    pen = true;
  });
  if (d) svg.append(el('path', { d: d.trim(), class: 'line' }));
  points.forEach((p, i) => {
    if (p.value == null) return;
    const dot = el('circle', { cx: x(i), cy: y(p.value), r: 4, class: 'dot' });
    dot.append(el('title', {}, `${p.label}: ${format(p.value)}`));
    svg.append(dot);
  });
  return svg;
}

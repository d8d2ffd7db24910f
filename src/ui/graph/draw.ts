// Shared drawing rules of the graph view: node/edge styles (used by the SVG renderer, the canvas
// renderer, the legend and the exports), the canvas renderer, and the standalone SVG built for
// export. Module paths are drawn with fillText / textContent only — never parsed as markup.
import type { GraphEdge, GraphNode } from '../../core/views/graphModel';
import type { Layout, Point } from './layout';

export const NODE_H = 22;
export const FONT = '12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
const CHAR_W = 7.3;

export function label(n: GraphNode): string {
  return n.id;
}

export function nodeWidth(n: GraphNode): number {
  return Math.ceil(label(n).length * CHAR_W + 16);
}

export interface NodeStyle {
  fill: string;
  stroke: string;
  text: string;
  strokeWidth: number;
  dash: string;
  opacity: number;
  strike: boolean;
}

export const KIND_FILL: Record<GraphNode['kind'], { fill: string; text: string }> = {
  main: { fill: '#1f2937', text: '#ffffff' },
  direct: { fill: '#2563eb', text: '#ffffff' },
  indirect: { fill: '#bfdbfe', text: '#1e3a8a' },
  toolchain: { fill: '#e5e7eb', text: '#374151' },
};

export const MARK = {
  replaced: '#f59e0b',
  retracted: '#dc2626',
  excluded: '#dc2626',
  selected: '#111827',
  focused: '#9333ea',
  match: '#facc15',
  path: '#9333ea',
  added: '#16a34a',
  removed: '#dc2626',
};

export function nodeStyle(n: GraphNode): NodeStyle {
  const k = KIND_FILL[n.kind];
  const s: NodeStyle = { fill: k.fill, stroke: 'rgba(0,0,0,0.25)', text: k.text, strokeWidth: 1, dash: '', opacity: 1, strike: false };
  if (!n.selected && n.kind !== 'main') {
    // a version MVS did not select: hollow
    s.fill = '#ffffff';
    s.text = '#4b5563';
    s.stroke = k.fill === '#ffffff' ? '#6b7280' : k.fill;
    s.strokeWidth = 1.5;
  }
  if (!n.inGraph) {
    s.dash = '4 3';
    s.fill = '#f9fafb';
    s.text = '#6b7280';
    s.stroke = '#9ca3af';
  }
  if (n.replacement) {
    s.stroke = MARK.replaced;
    s.strokeWidth = 3;
  }
  if (n.retracted) {
    s.stroke = MARK.retracted;
    s.strokeWidth = 3;
  }
  if (n.excluded) {
    s.stroke = MARK.excluded;
    s.strokeWidth = 3;
    s.dash = '2 2';
  }
  if (n.deprecated) s.strike = true;
  return s;
}

export interface EdgeStyle {
  stroke: string;
  dash: string;
  width: number;
}

export function edgeStyle(e: GraphEdge): EdgeStyle {
  if (e.status === 'pruned') return { stroke: '#c4c9d2', dash: '1 3', width: 1 };
  if (e.status === 'excluded') return { stroke: MARK.excluded, dash: '2 3', width: 1 };
  if (e.required !== e.selected) return { stroke: '#94a3b8', dash: '5 3', width: 1 };
  return { stroke: '#94a3b8', dash: '', width: 1 };
}

export function edgeLabel(e: GraphEdge): string {
  return e.required === e.selected ? e.required : `${e.required} → ${e.selected}`;
}

export function edgeTitle(e: GraphEdge): string {
  const what = e.status === 'pruned' ? ' (not loaded: graph pruning)' : e.status === 'excluded' ? ' (dropped: excluded)' : '';
  return `${e.from} requires ${e.path}@${e.required}; MVS selected ${e.selected}${what}`;
}

/** Edge endpoints: box sides in the layered (left-to-right) layout, centres in the force layout. */
export function edgeEnds(a: Point, b: Point, wa: number, wb: number, layered: boolean): [number, number, number, number] {
  if (!layered) return [a.x, a.y, b.x, b.y];
  return [a.x + wa / 2, a.y, b.x - wb / 2, b.y];
}

export function edgePathD(a: Point, b: Point, wa: number, wb: number, layered: boolean): string {
  const [x1, y1, x2, y2] = edgeEnds(a, b, wa, wb, layered);
  if (!layered) return `M${x1},${y1}L${x2},${y2}`;
  const dx = Math.max(30, Math.abs(x2 - x1) / 2);
  return `M${x1},${y1}C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}`;
}

/** What a tidy / go get preview adds (in the "after" graph) or removes (in the current one). */
export interface DiffMarks {
  addedNodes: ReadonlySet<string>;
  removedNodes: ReadonlySet<string>;
  /** "from to" keys */
  addedEdges: ReadonlySet<string>;
  removedEdges: ReadonlySet<string>;
}

export interface Marks {
  selected: string | null;
  focused: string | null;
  matches: ReadonlySet<string>;
  pathNodes: ReadonlySet<string>;
  /** "from to" keys */
  pathEdges: ReadonlySet<string>;
  diff?: DiffMarks;
}

export type MarkName = 'added' | 'removed' | 'on-path' | 'focused' | 'selected' | 'match';

/** A node's or edge's stroke under the view's marks, and the names of the marks that apply. */
export interface Outline {
  stroke: string;
  width: number;
  dash: string;
  marks: MarkName[];
  /** A preview mark: drawn at least this many screen pixels wide at any zoom. */
  minScreenWidth: number;
}

export const DIFF_STROKE = {
  added: { stroke: MARK.added, width: 4, dash: '' },
  removed: { stroke: MARK.removed, width: 4, dash: '6 3' },
};

/**
 * The one decision both renderers (SVG and canvas) draw a node's outline from: its own style,
 * then a preview's added / removed mark, the why-path, keyboard focus and the selection, the
 * later overriding the earlier. A search match is listed (drawn as a halo, not an outline).
 */
export function nodeOutline(n: GraphNode, s: NodeStyle, m: Marks): Outline {
  const o: Outline = { stroke: s.stroke, width: s.strokeWidth, dash: s.dash, marks: [], minScreenWidth: 0 };
  if (m.matches.has(n.id)) o.marks.push('match');
  if (m.pathNodes.has(n.id)) Object.assign(o, { stroke: MARK.path, width: 3, dash: '' }, { marks: [...o.marks, 'on-path'] });
  const d = m.diff?.addedNodes.has(n.id) ? 'added' : m.diff?.removedNodes.has(n.id) ? 'removed' : undefined;
  if (d) Object.assign(o, DIFF_STROKE[d], { marks: [...o.marks, d], minScreenWidth: 3 });
  if (n.id === m.focused) Object.assign(o, { stroke: MARK.focused, width: 3, dash: '4 2' }, { marks: [...o.marks, 'focused'] });
  if (n.id === m.selected) Object.assign(o, { stroke: MARK.selected, width: 4, dash: '' }, { marks: [...o.marks, 'selected'] });
  return o;
}

/** An edge's stroke under the marks (same precedence as nodeOutline). */
export function edgeOutline(e: GraphEdge, s: EdgeStyle, m: Marks): Outline {
  const key = `${e.from} ${e.to}`;
  const o: Outline = { stroke: s.stroke, width: s.width, dash: s.dash, marks: [], minScreenWidth: 0 };
  const d = m.diff?.addedEdges.has(key) ? 'added' : m.diff?.removedEdges.has(key) ? 'removed' : undefined;
  if (d) Object.assign(o, { ...DIFF_STROKE[d], width: 3 }, { marks: [d], minScreenWidth: 2 });
  if (m.pathEdges.has(key)) Object.assign(o, { stroke: MARK.path, width: 3, dash: '' }, { marks: [...o.marks, 'on-path'] });
  return o;
}

export interface Transform {
  x: number;
  y: number;
  k: number;
}

interface Prepared {
  nodes: GraphNode[];
  widths: Map<string, number>;
  styles: Map<string, NodeStyle>;
  edgeStyles: EdgeStyle[];
}

const prepCache = new WeakMap<object, Prepared>();

function prepare(sub: { nodes: GraphNode[]; edges: GraphEdge[] }): Prepared {
  let p = prepCache.get(sub);
  if (!p) {
    const widths = new Map<string, number>();
    const styles = new Map<string, NodeStyle>();
    for (const n of sub.nodes) {
      widths.set(n.id, nodeWidth(n));
      styles.set(n.id, nodeStyle(n));
    }
    p = { nodes: sub.nodes, widths, styles, edgeStyles: sub.edges.map(edgeStyle) };
    prepCache.set(sub, p);
  }
  return p;
}

/**
 * Draws the graph on a 2D canvas (already scaled for devicePixelRatio) under a zoom transform.
 * Culls what lies outside the view; batches paths by style; labels only when legible.
 */
export function drawCanvas(
  ctx: CanvasRenderingContext2D,
  sub: { nodes: GraphNode[]; edges: GraphEdge[] },
  layout: Layout,
  t: Transform,
  size: { w: number; h: number },
  marks: Marks,
  layered: boolean,
  showEdgeLabels = true,
): void {
  const p = prepare(sub);
  ctx.save();
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size.w, size.h);
  ctx.translate(t.x, t.y);
  ctx.scale(t.k, t.k);
  // visible world rectangle (with a margin for wide boxes)
  const margin = 400;
  const x0 = -t.x / t.k - margin;
  const y0 = -t.y / t.k - margin;
  const x1 = (size.w - t.x) / t.k + margin;
  const y1 = (size.h - t.y) / t.k + margin;
  const inView = (q: Point) => q.x >= x0 && q.x <= x1 && q.y >= y0 && q.y <= y1;

  // edges, batched by style; marked ones (preview, why-path) drawn last, on top
  const batches = new Map<string, { o: Outline; idx: number[] }>();
  const marked = new Map<string, { o: Outline; idx: number[] }>();
  sub.edges.forEach((e, i) => {
    const a = layout.pos.get(e.from);
    const b = layout.pos.get(e.to);
    if (!a || !b) return;
    if (!inView(a) && !inView(b)) {
      // both ends outside: skip unless the segment may cross the view
      if ((a.x < x0 && b.x < x0) || (a.x > x1 && b.x > x1) || (a.y < y0 && b.y < y0) || (a.y > y1 && b.y > y1)) return;
    }
    const o = edgeOutline(e, p.edgeStyles[i]!, marks);
    const into = o.marks.length > 0 ? marked : batches;
    const key = o.stroke + o.dash + o.width;
    let bt = into.get(key);
    if (!bt) into.set(key, (bt = { o, idx: [] }));
    bt.idx.push(i);
  });
  const curves = t.k > 0.35 && layered;
  const strokeBatch = (idx: number[], o: Outline) => {
    ctx.beginPath();
    for (const i of idx) {
      const e = sub.edges[i]!;
      const a = layout.pos.get(e.from)!;
      const b = layout.pos.get(e.to)!;
      const [ax, ay, bx, by] = edgeEnds(a, b, p.widths.get(e.from)!, p.widths.get(e.to)!, layered);
      ctx.moveTo(ax, ay);
      if (curves) {
        const dx = Math.max(30, Math.abs(bx - ax) / 2);
        ctx.bezierCurveTo(ax + dx, ay, bx - dx, by, bx, by);
      } else ctx.lineTo(bx, by);
    }
    ctx.strokeStyle = o.stroke;
    ctx.lineWidth = Math.max(o.width / Math.max(t.k, 0.5), o.minScreenWidth / t.k);
    ctx.setLineDash(o.dash && t.k > 0.5 ? o.dash.split(' ').map(Number) : []);
    ctx.stroke();
  };
  for (const { o, idx } of batches.values()) strokeBatch(idx, o);
  for (const { o, idx } of marked.values()) strokeBatch(idx, o);
  ctx.setLineDash([]);

  // nodes
  const visible: GraphNode[] = [];
  for (const n of sub.nodes) {
    const q = layout.pos.get(n.id);
    if (q && inView(q)) visible.push(n);
  }
  const byFill = new Map<string, GraphNode[]>();
  for (const n of visible) {
    const f = p.styles.get(n.id)!.fill;
    let l = byFill.get(f);
    if (!l) byFill.set(f, (l = []));
    l.push(n);
  }
  for (const [fill, list] of byFill) {
    ctx.beginPath();
    for (const n of list) {
      const q = layout.pos.get(n.id)!;
      const w = p.widths.get(n.id)!;
      ctx.rect(q.x - w / 2, q.y - NODE_H / 2, w, NODE_H);
    }
    ctx.fillStyle = fill;
    ctx.fill();
  }
  // outlines that carry meaning (replaced / retracted / excluded / not selected / not in graph / marks)
  const outlined = visible.map((n) => ({ n, o: nodeOutline(n, p.styles.get(n.id)!, marks) }));
  // marked outlines last, so that no neighbour's outline covers them
  outlined.sort((a, b) => Number(a.o.marks.length > 0) - Number(b.o.marks.length > 0));
  for (const { n, o } of outlined) {
    const s = p.styles.get(n.id)!;
    const q = layout.pos.get(n.id)!;
    const w = p.widths.get(n.id)!;
    if (o.marks.includes('match')) {
      ctx.fillStyle = MARK.match;
      ctx.fillRect(q.x - w / 2 - 4, q.y - NODE_H / 2 - 4, w + 8, NODE_H + 8);
      ctx.fillStyle = s.fill;
      ctx.fillRect(q.x - w / 2, q.y - NODE_H / 2, w, NODE_H);
    }
    if (o.width <= 1 && t.k < 0.5 && o.minScreenWidth === 0) continue;
    ctx.strokeStyle = o.stroke;
    ctx.lineWidth = Math.max(o.width, o.minScreenWidth / t.k);
    ctx.setLineDash(o.dash ? o.dash.split(' ').map(Number) : []);
    ctx.strokeRect(q.x - w / 2, q.y - NODE_H / 2, w, NODE_H);
  }
  ctx.setLineDash([]);

  // labels when legible
  if (t.k >= 0.55) {
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'center';
    for (const n of visible) {
      const s = p.styles.get(n.id)!;
      const q = layout.pos.get(n.id)!;
      ctx.fillStyle = s.text;
      const text = label(n);
      ctx.fillText(text, q.x, q.y + 0.5);
      if (s.strike) {
        const w = p.widths.get(n.id)! - 16;
        ctx.fillRect(q.x - w / 2, q.y, w, 1);
      }
    }
    if (showEdgeLabels && t.k >= 1.2) {
      ctx.font = '10px ui-monospace, monospace';
      ctx.fillStyle = '#475569';
      for (const e of sub.edges) {
        const a = layout.pos.get(e.from);
        const b = layout.pos.get(e.to);
        if (!a || !b) continue;
        const [ax, ay, bx, by] = edgeEnds(a, b, p.widths.get(e.from)!, p.widths.get(e.to)!, layered);
        const mx = (ax + bx) / 2;
        const my = (ay + by) / 2;
        if (mx < x0 || mx > x1 || my < y0 || my > y1) continue;
        ctx.fillText(edgeLabel(e), mx, my - 6);
      }
    }
  }
  ctx.restore();
}

/** A standalone SVG document of the (visible) graph for export, built with DOM calls only. */
export function buildSvg(doc: Document, sub: { nodes: GraphNode[]; edges: GraphEdge[] }, layout: Layout, layered: boolean): SVGSVGElement {
  const NS = 'http://www.w3.org/2000/svg';
  const el = <K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] => {
    const e = doc.createElementNS(NS, name) as SVGElementTagNameMap[K];
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    return e;
  };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of sub.nodes) {
    const q = layout.pos.get(n.id);
    if (!q) continue;
    const w = nodeWidth(n);
    minX = Math.min(minX, q.x - w / 2);
    maxX = Math.max(maxX, q.x + w / 2);
    minY = Math.min(minY, q.y - NODE_H / 2);
    maxY = Math.max(maxY, q.y + NODE_H / 2);
  }
  if (minX === Infinity) minX = minY = maxX = maxY = 0;
  const pad = 20;
  const svg = el('svg', {
    xmlns: NS,
    viewBox: `${minX - pad} ${minY - pad} ${maxX - minX + 2 * pad} ${maxY - minY + 2 * pad}`,
    width: Math.ceil(maxX - minX + 2 * pad),
    height: Math.ceil(maxY - minY + 2 * pad),
    'font-family': 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    'font-size': 12,
  });
  svg.appendChild(el('rect', { x: minX - pad, y: minY - pad, width: maxX - minX + 2 * pad, height: maxY - minY + 2 * pad, fill: '#ffffff' }));
  const widths = new Map(sub.nodes.map((n) => [n.id, nodeWidth(n)] as const));
  const ge = el('g', { fill: 'none' });
  for (const e of sub.edges) {
    const a = layout.pos.get(e.from);
    const b = layout.pos.get(e.to);
    if (!a || !b) continue;
    const s = edgeStyle(e);
    const p = el('path', { d: edgePathD(a, b, widths.get(e.from) ?? 0, widths.get(e.to) ?? 0, layered), stroke: s.stroke, 'stroke-width': s.width });
    if (s.dash) p.setAttribute('stroke-dasharray', s.dash);
    const title = el('title', {});
    title.textContent = edgeTitle(e);
    p.appendChild(title);
    ge.appendChild(p);
  }
  svg.appendChild(ge);
  const gn = el('g', {});
  for (const n of sub.nodes) {
    const q = layout.pos.get(n.id);
    if (!q) continue;
    const s = nodeStyle(n);
    const w = nodeWidth(n);
    const g = el('g', { transform: `translate(${q.x},${q.y})` });
    const r = el('rect', { x: -w / 2, y: -NODE_H / 2, width: w, height: NODE_H, rx: 3, fill: s.fill, stroke: s.stroke, 'stroke-width': s.strokeWidth });
    if (s.dash) r.setAttribute('stroke-dasharray', s.dash);
    const t = el('text', { 'text-anchor': 'middle', 'dominant-baseline': 'central', fill: s.text });
    if (s.strike) t.setAttribute('text-decoration', 'line-through');
    t.textContent = label(n);
    g.appendChild(r);
    g.appendChild(t);
    gn.appendChild(g);
  }
  svg.appendChild(gn);
  return svg;
}

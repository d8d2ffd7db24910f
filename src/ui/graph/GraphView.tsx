// GraphView: the module graph (src/core/views/graphModel.ts) drawn with D3.
//
// Mount API
// ---------
//   import { GraphView } from './graph/GraphView';
//   <GraphView
//     model={model}                    // GraphModel from loadGraphModel(ctx, deps, opts) (run it in the worker;
//                                      // the model is plain data and crosses Comlink as is)
//     syncHash                         // default true: selection/filters/layout live in location.hash as g.* params
//     initialState={{ selected }}      // optional Partial<ViewState>, used when the hash has no g.* params
//     onStateChange={(s) => ...}       // optional
//     loadDetails={(node) => worker.moduleFiles(node)}   // optional: Promise<{ files?, goMod?, note? }>
//     canvasThreshold={1500}           // above this many visible nodes, draw on a canvas instead of SVG
//     height="70vh"                    // CSS height of the view (default 600px)
//   />
// The component is self-contained (its CSS is imported here). Keyboard: focus the graph, arrows
// move between nodes, Enter selects, Escape clears; +/- zoom; 0 fits.
import { select } from 'd3-selection';
import { zoom as d3zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import { quadtree, type Quadtree } from 'd3-quadtree';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { indexModel, shortestPath, toDot, toJSON, whyVersion, type GraphEdge, type GraphModel, type GraphNode } from '../../core/views/graphModel';
import { boundsOf, filterGraph, forceLayout, layeredLayout, neighborInDirection, searchNodes, type Layout } from './layout';
import { buildSvg, drawCanvas, edgeLabel, edgeOutline, edgePathD, edgeTitle, edgeStyle, label, MARK, NODE_H, nodeOutline, nodeStyle, nodeWidth, type DiffMarks, type Marks, type Outline } from './draw';
import { Legend } from './Legend';
import { NodeDetails, type NodeExtras } from './NodeDetails';
import { Toolbar, type ExportKind } from './Toolbar';
import { decodeViewState, defaultViewState, encodeViewState, filterOf, type ViewState } from './viewState';
import './graph.css';

export interface GraphViewProps {
  model: GraphModel;
  syncHash?: boolean;
  initialState?: Partial<ViewState>;
  onStateChange?: (s: ViewState) => void;
  loadDetails?: (node: GraphNode) => Promise<NodeExtras>;
  canvasThreshold?: number;
  height?: number | string;
  /** A preview's additions / removals to mark (both renderers draw them; see draw.ts nodeOutline). */
  diff?: DiffMarks;
}

const hasGraphParams = (hash: string) => /(^#|&)g\./.test(hash);

function initial(props: GraphViewProps): ViewState {
  if ((props.syncHash ?? true) && typeof location !== 'undefined' && hasGraphParams(location.hash)) return decodeViewState(location.hash);
  return { ...defaultViewState, ...props.initialState, hide: { ...defaultViewState.hide, ...props.initialState?.hide } };
}

function download(name: string, data: Blob): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function GraphView(props: GraphViewProps) {
  const { model } = props;
  const syncHash = props.syncHash ?? true;
  const threshold = props.canvasThreshold ?? 1500;
  const [state, setStateRaw] = useState<ViewState>(() => initial(props));
  const [focused, setFocused] = useState<string | null>(null);
  const [size, setSize] = useState({ w: 800, h: 600 });
  const wrapRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const viewportRef = useRef<SVGGElement>(null);
  const zoomRef = useRef<ZoomBehavior<Element, unknown> | null>(null);
  const transformRef = useRef<ZoomTransform>(zoomIdentity);
  const drawRef = useRef<() => void>(() => {});
  const frameRef = useRef(0);
  const searchCursor = useRef(0);

  const onStateChange = props.onStateChange;
  const setState = useCallback(
    (s: ViewState | ((p: ViewState) => ViewState)) =>
      setStateRaw((prev) => {
        const next = typeof s === 'function' ? s(prev) : s;
        return next;
      }),
    [],
  );
  useEffect(() => {
    onStateChange?.(state);
    if (!syncHash) return;
    const h = encodeViewState(state, location.hash);
    if (h !== location.hash && !(h === '' && location.hash === '')) history.replaceState(null, '', h === '' ? location.pathname + location.search : h);
  }, [state, syncHash, onStateChange]);
  useEffect(() => {
    if (!syncHash) return;
    const onHash = () => {
      if (hasGraphParams(location.hash)) setState(decodeViewState(location.hash));
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, [syncHash, setState]);

  const index = useMemo(() => indexModel(model), [model]);
  const filter = useMemo(() => filterOf(state), [state]);
  const sub = useMemo(() => filterGraph(model, filter), [model, filter]);
  const layered = state.layout === 'layered';
  const layout: Layout = useMemo(() => {
    const widths = new Map(sub.nodes.map((n) => [n.id, nodeWidth(n)] as const));
    const lay = layeredLayout(sub, { roots: model.main, nodeWidth: (id) => widths.get(id) ?? 160, nodeHeight: NODE_H });
    if (layered) return lay;
    const big = sub.nodes.length > 2000;
    return forceLayout(sub, { seed: 1, initial: big ? lay.pos : undefined, linkDistance: 90, charge: -160, collide: big ? 0 : 40 });
  }, [sub, layered, model.main]);
  const useCanvas = sub.nodes.length > threshold;

  const matches = useMemo(() => searchNodes(sub.nodes, state.search), [sub, state.search]);
  const matchSet = useMemo(() => new Set(matches), [matches]);
  const selectedNode = state.selected ? index.byId.get(state.selected) : undefined;
  const why = useMemo(() => (selectedNode ? whyVersion(model, selectedNode.path, index) : null), [model, selectedNode, index]);
  const marks: Marks = useMemo(() => {
    const path = selectedNode ? shortestPath(model, selectedNode.id, index, true) : [];
    const pathEdges = new Set<string>();
    for (let i = 1; i < path.length; i++) pathEdges.add(`${path[i - 1]} ${path[i]}`);
    return { selected: state.selected, focused, matches: matchSet, pathNodes: new Set(path), pathEdges, diff: props.diff };
  }, [selectedNode, model, index, state.selected, focused, matchSet, props.diff]);
  const marksRef = useRef(marks);
  marksRef.current = marks;

  // size
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      const r = el.getBoundingClientRect();
      setSize({ w: Math.max(100, Math.floor(r.width)), h: Math.max(100, Math.floor(r.height)) });
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const maxW = useMemo(() => sub.nodes.reduce((m, n) => Math.max(m, nodeWidth(n)), 160), [sub]);
  const fit = useCallback(() => {
    const z = zoomRef.current;
    const target = useCanvas ? canvasRef.current : svgRef.current;
    if (!z || !target) return;
    const b = boundsOf(layout);
    const w = b.maxX - b.minX + (layered ? maxW : 0) + 80;
    const h = b.maxY - b.minY + NODE_H + 60;
    const k = Math.min(2, Math.max(0.02, Math.min(size.w / w, size.h / h)));
    const t = zoomIdentity.translate(size.w / 2 - ((b.minX + b.maxX) / 2) * k, size.h / 2 - ((b.minY + b.maxY) / 2) * k).scale(k);
    select(target as Element).call(z.transform, t);
  }, [layout, size, useCanvas, layered, maxW]);

  // canvas drawing
  const draw = useCallback(() => {
    const c = canvasRef.current;
    if (!c) return;
    const ctx = c.getContext('2d');
    if (!ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const t0 = performance.now();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const t = transformRef.current;
    drawCanvas(ctx, sub, layout, { x: t.x, y: t.y, k: t.k }, size, marksRef.current, layered);
    const ms = performance.now() - t0;
    const wrap = wrapRef.current;
    if (wrap) {
      wrap.dataset.transform = `${t.x},${t.y},${t.k}`;
      wrap.dataset.drawMs = ms.toFixed(2);
      wrap.dataset.draws = String(Number(wrap.dataset.draws ?? '0') + 1);
    }
  }, [sub, layout, size, layered]);
  drawRef.current = draw;
  const scheduleDraw = useCallback(() => {
    if (frameRef.current) return;
    frameRef.current = requestAnimationFrame(() => {
      frameRef.current = 0;
      drawRef.current();
    });
  }, []);

  // zoom behaviour on the active surface
  useEffect(() => {
    const target = useCanvas ? canvasRef.current : svgRef.current;
    if (!target) return;
    const z = d3zoom<Element, unknown>()
      .scaleExtent([0.01, 8])
      .on('zoom', (ev: { transform: ZoomTransform }) => {
        transformRef.current = ev.transform;
        if (useCanvas) scheduleDraw();
        else viewportRef.current?.setAttribute('transform', ev.transform.toString());
      });
    zoomRef.current = z;
    const sel = select(target as Element);
    sel.call(z).on('dblclick.zoom', null);
    sel.call(z.transform, transformRef.current);
    return () => {
      sel.on('.zoom', null);
    };
  }, [useCanvas, scheduleDraw]);

  // fit when the graph (not the marks) changes
  const fitKey = `${sub.nodes.length}:${sub.edges.length}:${state.layout}:${useCanvas}`;
  const lastFit = useRef('');
  useEffect(() => {
    if (lastFit.current === fitKey) return;
    lastFit.current = fitKey;
    fit();
  }, [fitKey, fit]);

  useEffect(() => {
    if (useCanvas) scheduleDraw();
  }, [useCanvas, scheduleDraw, draw, marks]);

  // SVG rendering with D3 joins
  useEffect(() => {
    if (useCanvas) return;
    const vp = viewportRef.current;
    if (!vp) return;
    const g = select(vp);
    const widths = new Map(sub.nodes.map((n) => [n.id, nodeWidth(n)] as const));
    const edgeLabels = sub.edges.length <= 400;
    g.select<SVGGElement>('g.edges')
      .selectAll<SVGGElement, GraphEdge>('g.edge')
      .data(sub.edges, (e) => `${e.from} ${e.to}`)
      .join((enter) => {
        const eg = enter.append('g').attr('class', 'edge');
        eg.append('path').attr('class', 'edge').attr('fill', 'none');
        eg.append('title');
        eg.append('text').attr('class', 'edge-label').attr('text-anchor', 'middle');
        return eg;
      })
      .attr('data-from', (e) => e.from)
      .attr('data-to', (e) => e.to)
      .attr('data-status', (e) => e.status)
      .each(function (e) {
        const a = layout.pos.get(e.from);
        const b = layout.pos.get(e.to);
        const s = edgeStyle(e);
        const eg = select(this);
        if (!a || !b) return;
        eg.select('path')
          .attr('d', edgePathD(a, b, widths.get(e.from)!, widths.get(e.to)!, layered))
          .attr('stroke', s.stroke)
          .attr('stroke-width', s.width)
          .attr('stroke-dasharray', s.dash || null);
        eg.select('title').text(edgeTitle(e));
        const wa = widths.get(e.from)!;
        const wb = widths.get(e.to)!;
        const x1 = layered ? a.x + wa / 2 : a.x;
        const x2 = layered ? b.x - wb / 2 : b.x;
        eg.select('text')
          .attr('x', (x1 + x2) / 2)
          .attr('y', (a.y + b.y) / 2 - 4)
          .text(edgeLabels ? edgeLabel(e) : '');
      });
    g.select<SVGGElement>('g.nodes')
      .selectAll<SVGGElement, GraphNode>('g.node')
      .data(sub.nodes, (n) => n.id)
      .join((enter) => {
        const ng = enter.append('g').attr('class', 'node');
        ng.append('rect').attr('rx', 3);
        ng.append('text').attr('text-anchor', 'middle').attr('dominant-baseline', 'central');
        ng.append('title');
        return ng;
      })
      .attr('data-id', (n) => n.id)
      .attr('data-kind', (n) => n.kind)
      .attr('transform', (n) => {
        const q = layout.pos.get(n.id);
        return q ? `translate(${q.x},${q.y})` : null;
      })
      .on('click', (ev: MouseEvent, n) => {
        ev.stopPropagation();
        setFocused(n.id);
        setState((s) => ({ ...s, selected: n.id }));
      })
      .each(function (n) {
        const s = nodeStyle(n);
        const w = widths.get(n.id)!;
        const ng = select(this);
        ng.select('rect')
          .attr('x', -w / 2)
          .attr('y', -NODE_H / 2)
          .attr('width', w)
          .attr('height', NODE_H)
          .attr('fill', s.fill)
          .attr('stroke', s.stroke)
          .attr('stroke-width', s.strokeWidth)
          .attr('stroke-dasharray', s.dash || null);
        ng.select('text')
          .attr('fill', s.text)
          .attr('text-decoration', s.strike ? 'line-through' : null)
          .text(label(n));
        const facts = [n.kind, n.selected ? 'selected' : `not selected (MVS: ${n.selectedVersion})`];
        if (n.replacement) facts.push(`replaced by ${n.replacement.path}${n.replacement.version ? '@' + n.replacement.version : ''}`);
        if (n.retracted) facts.push('retracted');
        if (n.excluded) facts.push('excluded');
        if (n.deprecated) facts.push('deprecated');
        if (!n.inGraph) facts.push('not in go mod graph');
        ng.select('title').text(`${n.id}\n${facts.join(', ')}`);
      });
  }, [useCanvas, sub, layout, layered, setState]);

  // SVG marks (selection, focus, search matches, why-path, preview additions / removals): the
  // same outline decision as the canvas renderer (draw.ts nodeOutline / edgeOutline)
  useEffect(() => {
    if (useCanvas) return;
    const vp = viewportRef.current;
    if (!vp) return;
    const g = select(vp);
    const names = ['selected', 'focused', 'match', 'on-path', 'added', 'removed'] as const;
    const cls = (m: string) => (m === 'added' || m === 'removed' ? 'diff-' + m : m);
    const apply = (el: Element, o: Outline, shape: string) => {
      const sel = select(el);
      for (const m of names) sel.classed(cls(m), o.marks.includes(m));
      sel.attr('data-marks', o.marks.join(' ') || null);
      sel.select(shape).attr('stroke', o.stroke).attr('stroke-width', o.width).attr('stroke-dasharray', o.dash || null);
    };
    g.selectAll<SVGGElement, GraphNode>('g.node').each(function (n) {
      apply(this, nodeOutline(n, nodeStyle(n), marks), 'rect');
    });
    g.selectAll<SVGGElement, GraphEdge>('g.edge').each(function (e) {
      apply(this, edgeOutline(e, edgeStyle(e), marks), 'path');
    });
  }, [useCanvas, marks, sub, layout]);

  // canvas hit testing
  const tree: Quadtree<GraphNode> | null = useMemo(
    () =>
      useCanvas
        ? quadtree<GraphNode>()
            .x((n) => layout.pos.get(n.id)?.x ?? 0)
            .y((n) => layout.pos.get(n.id)?.y ?? 0)
            .addAll(sub.nodes)
        : null,
    [useCanvas, sub, layout],
  );
  const onCanvasClick = (ev: React.MouseEvent<HTMLCanvasElement>) => {
    if (!tree) return;
    const r = ev.currentTarget.getBoundingClientRect();
    const [x, y] = transformRef.current.invert([ev.clientX - r.left, ev.clientY - r.top]);
    let hit: GraphNode | undefined;
    tree.visit((q, x0, y0, x1, y1) => {
      if (!('length' in q)) {
        for (let d: typeof q | undefined = q; d; d = d.next) {
          const n = d.data;
          const p = layout.pos.get(n.id)!;
          if (Math.abs(p.x - x) <= nodeWidth(n) / 2 && Math.abs(p.y - y) <= NODE_H / 2) hit = n;
        }
      }
      return x0 > x + maxW / 2 || x1 < x - maxW / 2 || y0 > y + NODE_H || y1 < y - NODE_H;
    });
    if (hit) {
      setFocused(hit.id);
      setState((s) => ({ ...s, selected: hit!.id }));
    }
  };

  const centerOn = useCallback(
    (id: string) => {
      const z = zoomRef.current;
      const p = layout.pos.get(id);
      const target = useCanvas ? canvasRef.current : svgRef.current;
      if (!z || !p || !target) return;
      const t = transformRef.current;
      const sx = t.applyX(p.x);
      const sy = t.applyY(p.y);
      if (sx > 40 && sx < size.w - 40 && sy > 20 && sy < size.h - 20) return;
      select(target as Element).call(z.translateTo, p.x, p.y);
    },
    [layout, useCanvas, size],
  );

  const onKeyDown = (ev: React.KeyboardEvent<HTMLDivElement>) => {
    const dirs: Record<string, 'left' | 'right' | 'up' | 'down'> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
    const d = dirs[ev.key];
    if (d) {
      ev.preventDefault();
      const from = focused && layout.pos.has(focused) ? focused : state.selected && layout.pos.has(state.selected) ? state.selected : model.main.find((m) => layout.pos.has(m)) ?? sub.nodes[0]?.id;
      if (!from) return;
      const next = focused && layout.pos.has(focused) ? neighborInDirection(layout, from, d) : from;
      setFocused(next);
      centerOn(next);
    } else if (ev.key === 'Enter') {
      if (focused) setState((s) => ({ ...s, selected: focused }));
    } else if (ev.key === 'Escape') {
      setFocused(null);
      setState((s) => ({ ...s, selected: null }));
    } else if (ev.key === '+' || ev.key === '=' || ev.key === '-' || ev.key === '0') {
      const z = zoomRef.current;
      const target = useCanvas ? canvasRef.current : svgRef.current;
      if (!z || !target) return;
      if (ev.key === '0') fit();
      else select(target as Element).call(z.scaleBy, ev.key === '-' ? 1 / 1.25 : 1.25);
    }
  };

  const searchNext = () => {
    if (matches.length === 0) return;
    const id = matches[searchCursor.current++ % matches.length]!;
    setFocused(id);
    setState((s) => ({ ...s, selected: id }));
    centerOn(id);
  };

  const onExport = async (k: ExportKind) => {
    const visible = { ...model, nodes: sub.nodes, edges: sub.edges };
    if (k === 'json') download('modgraph.json', new Blob([toJSON(visible)], { type: 'application/json' }));
    else if (k === 'dot') download('modgraph.dot', new Blob([toDot(visible)], { type: 'text/vnd.graphviz' }));
    else if (k === 'svg') {
      const svg = buildSvg(document, sub, layout, layered);
      download('modgraph.svg', new Blob([new XMLSerializer().serializeToString(svg)], { type: 'image/svg+xml' }));
    } else {
      const b = boundsOf(layout);
      const pad = 40;
      const w0 = b.maxX - b.minX + 2 * pad + maxW;
      const h0 = b.maxY - b.minY + 2 * pad + NODE_H;
      const k2 = Math.min(2, 8192 / w0, 8192 / h0);
      const c = document.createElement('canvas');
      c.width = Math.max(1, Math.ceil(w0 * k2));
      c.height = Math.max(1, Math.ceil(h0 * k2));
      const ctx = c.getContext('2d');
      if (!ctx) return;
      const t = { k: k2, x: (-b.minX + pad + maxW / 2) * k2, y: (-b.minY + pad + NODE_H / 2) * k2 };
      drawCanvas(ctx, sub, layout, t, { w: c.width, h: c.height }, marks, layered);
      const blob = await new Promise<Blob | null>((res) => c.toBlob(res, 'image/png'));
      if (blob) download('modgraph.png', blob);
    }
  };

  const dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
  return (
    <div className="graph-view" style={{ height: props.height ?? 600 }}>
      <Toolbar
        state={state}
        onChange={setState}
        matches={matches.length}
        onSearchNext={searchNext}
        onFit={fit}
        onExport={(k) => void onExport(k)}
        shown={{ nodes: sub.nodes.length, edges: sub.edges.length }}
        total={{ nodes: model.nodes.length, edges: model.edges.length }}
        renderer={useCanvas ? 'canvas' : 'svg'}
      />
      {model.error && (
        <pre className="graph-error" role="alert" data-testid="graph-error">
          {model.error}
        </pre>
      )}
      <div className="graph-body">
        <div
          ref={wrapRef}
          className="graph-surface"
          tabIndex={0}
          role="application"
          aria-label="Module graph: arrow keys move between modules, Enter selects, Escape clears"
          onKeyDown={onKeyDown}
          data-testid="graph-surface"
          data-renderer={useCanvas ? 'canvas' : 'svg'}
          data-nodes={sub.nodes.length}
          data-edges={sub.edges.length}
          data-focused={focused ?? ''}
          data-selected={state.selected ?? ''}
        >
          {useCanvas ? (
            <canvas
              ref={canvasRef}
              width={Math.floor(size.w * dpr)}
              height={Math.floor(size.h * dpr)}
              style={{ width: size.w, height: size.h, display: 'block' }}
              onClick={onCanvasClick}
            />
          ) : (
            <svg ref={svgRef} width={size.w} height={size.h} onClick={() => setFocused(null)}>
              <g ref={viewportRef}>
                <g className="edges" />
                <g className="nodes" />
              </g>
            </svg>
          )}
          <div className="sr-only" aria-live="polite" data-testid="focus-announce">
            {focused ? `focused ${focused}` : ''}
          </div>
          {sub.hiddenBy.size > 0 && (
            <div className="graph-note">
              {[...sub.hiddenBy].map(([id, n]) => (
                <span key={id}>
                  {id} collapsed: {n} hidden.{' '}
                </span>
              ))}
            </div>
          )}
        </div>
        <div className="graph-side">
          {selectedNode && why ? (
            <NodeDetails
              node={selectedNode}
              model={model}
              index={index}
              why={why}
              onSelect={(id) => {
                setFocused(id);
                setState((s) => ({ ...s, selected: id }));
                centerOn(id);
              }}
              loadDetails={props.loadDetails}
            />
          ) : (
            <p className="graph-hint">Click a module (or use the arrow keys and Enter) to see why it is there.</p>
          )}
          <Legend />
        </div>
      </div>
    </div>
  );
}

export { MARK };

// The Graph tab: the workspace's module graph (loaded in the worker as `go mod graph` sees it,
// with `go mod why -m` paths) in the GraphView, module details from the module cache, and — when
// a tidy / go get preview exists — what it would add and remove, marked in the graph.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { GraphModel, GraphNode } from '../../core/views/graphModel';
import type { WorkerClient } from '../../worker/client';
import { GraphView } from '../graph/GraphView';
import type { NodeExtras } from '../graph/NodeDetails';
import type { PreviewState } from './Preview';

export interface GraphDiff {
  addedNodes: string[];
  removedNodes: string[];
  addedEdges: string[];
  removedEdges: string[];
}

/** Nodes and edges (go mod graph's) present in one model and not the other. */
export function graphDiff(before: GraphModel, after: GraphModel): GraphDiff {
  const ids = (m: GraphModel) => new Set(m.nodes.filter((n) => n.inGraph).map((n) => n.id));
  const edges = (m: GraphModel) => new Set(m.edges.filter((e) => e.status === 'loaded').map((e) => `${e.from} ${e.to}`));
  const [bn, an, be, ae] = [ids(before), ids(after), edges(before), edges(after)];
  return {
    addedNodes: [...an].filter((x) => !bn.has(x)),
    removedNodes: [...bn].filter((x) => !an.has(x)),
    addedEdges: [...ae].filter((x) => !be.has(x)),
    removedEdges: [...be].filter((x) => !ae.has(x)),
  };
}

export function GraphPanel(props: {
  client: WorkerClient;
  files: Record<string, Uint8Array>;
  env: Record<string, string>;
  preview?: PreviewState;
  onError: (m: string) => void;
}) {
  const { client, files, env, preview, onError } = props;
  const [model, setModel] = useState<GraphModel>();
  const [after, setAfter] = useState<GraphModel>();
  const [show, setShow] = useState<'current' | 'after'>('current');
  const [loading, setLoading] = useState(true);
  const wrap = useRef<HTMLDivElement>(null);
  const seq = useRef(0);

  const load = useCallback(async () => {
    const my = ++seq.current;
    setLoading(true);
    try {
      const m = await client.graphModel(files, env);
      const a = preview && !preview.applied && preview.reply.result.exitCode === 0 ? await client.graphModel(preview.reply.files, env) : undefined;
      if (my !== seq.current) return; // a newer load started: drop this one
      setModel(m);
      setAfter(a);
      if (!a) setShow('current');
    } catch (e) {
      if (my === seq.current) onError((e as Error).message);
    } finally {
      if (my === seq.current) setLoading(false);
    }
  }, [client, files, env, preview, onError]);

  useEffect(() => {
    void load();
  }, [load]);

  const diff = model && after ? graphDiff(model, after) : undefined;
  const shown = show === 'after' && after ? after : model;

  // Mark what the preview adds (in the "after" graph) and removes (in the current one). The
  // GraphView's SVG nodes and edges carry data-id / data-from / data-to.
  useLayoutEffect(() => {
    const root = wrap.current;
    if (!root) return;
    const mark = () => {
      const added = new Set(show === 'after' ? (diff?.addedNodes ?? []) : []);
      const removed = new Set(show === 'current' ? (diff?.removedNodes ?? []) : []);
      const addedE = new Set(show === 'after' ? (diff?.addedEdges ?? []) : []);
      const removedE = new Set(show === 'current' ? (diff?.removedEdges ?? []) : []);
      root.querySelectorAll<SVGGElement>('g.node[data-id]').forEach((g) => {
        const id = g.getAttribute('data-id') ?? '';
        g.classList.toggle('diff-added', added.has(id));
        g.classList.toggle('diff-removed', removed.has(id));
      });
      root.querySelectorAll<SVGGElement>('g.edge[data-from]').forEach((g) => {
        const k = `${g.getAttribute('data-from')} ${g.getAttribute('data-to')}`;
        g.classList.toggle('diff-added', addedE.has(k));
        g.classList.toggle('diff-removed', removedE.has(k));
      });
    };
    mark();
    const mo = new MutationObserver(() => mark());
    mo.observe(root, { childList: true, subtree: true });
    return () => mo.disconnect();
  }, [diff, show, shown]);

  const loadDetails = useCallback(
    async (node: GraphNode): Promise<NodeExtras> => {
      if (node.kind === 'main' || node.kind === 'toolchain' || node.version === '') return {};
      const d = await client.moduleDetails(node.replacement?.version ? node.replacement.path : node.path, node.replacement?.version || node.version);
      return { files: d.files, note: d.h1 ? `module cache: ${d.h1}${d.note ? ' — ' + d.note : ''}` : d.note };
    },
    [client],
  );

  return (
    <section className="graphpanel" aria-label="module graph" ref={wrap} data-testid="graph-panel" data-loading={loading ? 'yes' : 'no'}>
      <div className="graph-head">
        <button type="button" onClick={() => void load()} disabled={loading}>
          {loading ? 'Loading…' : 'Reload graph'}
        </button>
        {diff && preview && (
          <>
            <span className="seg" role="group" aria-label="which graph">
              <button type="button" aria-pressed={show === 'current'} onClick={() => setShow('current')}>
                current
              </button>
              <button type="button" aria-pressed={show === 'after'} onClick={() => setShow('after')}>
                after {preview.kind === 'tidy' ? 'go mod tidy' : `go get ${preview.args.join(' ')}`}
              </button>
            </span>
            <span className="muted" data-testid="graph-diff" data-added={diff.addedNodes.join(' ')} data-removed={diff.removedNodes.join(' ')}>
              <span className="legend-added">adds {diff.addedNodes.length} modules, {diff.addedEdges.length} edges</span> ·{' '}
              <span className="legend-removed">removes {diff.removedNodes.length} modules, {diff.removedEdges.length} edges</span>
            </span>
          </>
        )}
      </div>
      {shown ? <GraphView key={show} model={shown} loadDetails={loadDetails} height="calc(100vh - 8.5rem)" /> : <p className="muted">{loading ? 'Loading the module graph…' : 'No graph yet.'}</p>}
    </section>
  );
}

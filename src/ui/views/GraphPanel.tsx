// The Graph tab: the workspace's module graph (loaded in the worker as `go mod graph` sees it,
// with `go mod why -m` paths) in the GraphView, module details from the module cache, and — when
// a tidy / go get preview exists — what it would add and remove, marked in the graph.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { GraphModel, GraphNode } from '../../core/views/graphModel';
import { diffMarksFor, graphDiff } from '../../core/views/graphDiff';
import type { WorkerClient } from '../../worker/client';
import { GraphView } from '../graph/GraphView';
import type { NodeExtras } from '../graph/NodeDetails';
import type { PreviewState } from './Preview';


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

  const diff = useMemo(() => (model && after ? graphDiff(model, after) : undefined), [model, after]);
  const shown = show === 'after' && after ? after : model;

  // What the preview adds (marked in the "after" graph) and removes (in the current one).
  const marks = useMemo(() => (diff ? diffMarksFor(diff, show) : undefined), [diff, show]);

  const loadDetails = useCallback(
    async (node: GraphNode): Promise<NodeExtras> => {
      if (node.kind === 'main' || node.kind === 'toolchain' || node.version === '') return {};
      const d = await client.moduleDetails(node.replacement?.version ? node.replacement.path : node.path, node.replacement?.version || node.version);
      return { files: d.files, note: d.h1 ? `module cache: ${d.h1}${d.note ? ' — ' + d.note : ''}` : d.note };
    },
    [client],
  );

  return (
    <section className="graphpanel" aria-label="module graph" data-testid="graph-panel" data-loading={loading ? 'yes' : 'no'}>
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
      {shown ? <GraphView key={show} model={shown} diff={marks} loadDetails={loadDetails} height="calc(100vh - 8.5rem)" /> : <p className="muted">{loading ? 'Loading the module graph…' : 'No graph yet.'}</p>}
    </section>
  );
}

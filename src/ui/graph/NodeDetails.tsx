// The details panel of the selected module: facts, "why this version?", who requires it and what
// it requires, go mod why paths, go.sum hashes, its go.mod, and host-provided extras (files).
// Every string is rendered as text by React (no markup from module data).
import { useEffect, useState } from 'react';
import type { GraphModel, GraphNode, ModelIndex, WhyVersion } from '../../core/views/graphModel';

export interface NodeExtras {
  files?: string[];
  goMod?: string;
  note?: string;
}

export interface NodeDetailsProps {
  node: GraphNode;
  model: GraphModel;
  index: ModelIndex;
  why: WhyVersion;
  onSelect: (id: string) => void;
  loadDetails?: (node: GraphNode) => Promise<NodeExtras>;
}

function Link({ id, onSelect }: { id: string; onSelect: (id: string) => void }) {
  return (
    <button type="button" className="linklike" onClick={() => onSelect(id)} data-goto={id}>
      {id}
    </button>
  );
}

export function NodeDetails({ node, model, index, why, onSelect, loadDetails }: NodeDetailsProps) {
  const [extras, setExtras] = useState<NodeExtras | null>(null);
  useEffect(() => {
    let live = true;
    setExtras(null);
    if (loadDetails) {
      loadDetails(node).then(
        (x) => live && setExtras(x),
        (e: unknown) => live && setExtras({ note: String((e as Error)?.message ?? e) }),
      );
    }
    return () => {
      live = false;
    };
  }, [node, loadDetails]);
  const inEdges = index.in.get(node.id) ?? [];
  const outEdges = index.out.get(node.id) ?? [];
  const goMod = node.goMod ?? extras?.goMod;
  const whyPkgs = model.why?.[node.path];
  return (
    <aside className="graph-details" aria-label="Module details" data-testid="node-details">
      <h3 data-testid="details-id">{node.id}</h3>
      <dl>
        <dt>kind</dt>
        <dd data-testid="details-kind">{node.kind}</dd>
        <dt>MVS</dt>
        <dd>{node.kind === 'main' ? 'main module' : node.selected ? `selected (${node.selectedVersion})` : `not selected: MVS chose ${node.selectedVersion}`}</dd>
        <dt>depth</dt>
        <dd>{node.depth < 0 ? '—' : node.depth}</dd>
        {node.goVersion && (
          <>
            <dt>go</dt>
            <dd>{node.goVersion}</dd>
          </>
        )}
        <dt>graph</dt>
        <dd>{!node.inGraph ? 'not in go mod graph (only reached through unloaded requirements)' : node.loaded ? 'requirements loaded' : 'requirements not loaded (graph pruning)'}</dd>
        {node.replacement && (
          <>
            <dt>replaced by</dt>
            <dd>{node.replacement.version ? `${node.replacement.path}@${node.replacement.version}` : node.replacement.path}</dd>
          </>
        )}
        {node.excluded && (
          <>
            <dt>excluded</dt>
            <dd>excluded by the main go.mod</dd>
          </>
        )}
        {node.retracted && (
          <>
            <dt>retracted</dt>
            <dd>{node.retracted.join('; ')}</dd>
          </>
        )}
        {node.deprecated && (
          <>
            <dt>deprecated</dt>
            <dd>{node.deprecated}</dd>
          </>
        )}
        {node.problems?.map((p, i) => (
          <span key={i}>
            <dt>problem</dt>
            <dd className="problem">{p}</dd>
          </span>
        ))}
      </dl>

      {node.kind !== 'main' && (
        <section data-testid="why-version">
          <h4>Why this version?</h4>
          <p>
            MVS selected <b>{why.selected}</b>
            {why.max && <> — the highest version any loaded requirement asks for is {why.max}</>}
            {why.mainRequires && <> (the main module requires {why.mainRequires})</>}.
          </p>
          <table>
            <thead>
              <tr>
                <th>required by</th>
                <th>asks for</th>
              </tr>
            </thead>
            <tbody>
              {why.requirers.map((r) => (
                <tr key={r.from + ' ' + r.required} className={r.status !== 'loaded' ? 'unloaded' : undefined}>
                  <td>
                    <Link id={r.from} onSelect={onSelect} />
                    {!r.fromSelected && ' (not selected)'}
                  </td>
                  <td>
                    {r.required}
                    {r.status !== 'loaded' && ` (${r.status})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {why.pathFromMain.length > 0 && (
            <p className="path" data-testid="why-path">
              path:{' '}
              {why.pathFromMain.map((id, i) => (
                <span key={id}>
                  {i > 0 && ' → '}
                  <Link id={id} onSelect={onSelect} />
                </span>
              ))}
            </p>
          )}
          {why.notSelected.length > 0 && <p>also in the graph: {why.notSelected.join(', ')}</p>}
        </section>
      )}

      {whyPkgs && (
        <section>
          <h4>go mod why -m</h4>
          <pre>{whyPkgs.length > 0 ? whyPkgs.join('\n') : '(main module does not need this module)'}</pre>
        </section>
      )}

      <section>
        <h4>required by ({inEdges.length})</h4>
        <ul>
          {inEdges.map((e) => (
            <li key={e.from}>
              <Link id={e.from} onSelect={onSelect} /> requires {e.required}
              {e.status !== 'loaded' && ` (${e.status})`}
            </li>
          ))}
        </ul>
        <h4>requires ({outEdges.length})</h4>
        <ul>
          {outEdges.map((e) => (
            <li key={e.to}>
              <Link id={e.to} onSelect={onSelect} />
              {e.required !== e.selected && ` (MVS selected ${e.selected})`}
              {e.status !== 'loaded' && ` (${e.status === 'pruned' ? 'not loaded' : e.status})`}
            </li>
          ))}
        </ul>
      </section>

      {node.sums && (
        <section>
          <h4>go.sum</h4>
          <pre>
            {[...node.sums.zip.map((h) => `${node.path} ${node.version} ${h}`), ...node.sums.goMod.map((h) => `${node.path} ${node.version}/go.mod ${h}`)].join('\n')}
          </pre>
        </section>
      )}
      {goMod !== undefined && (
        <section>
          <h4>go.mod{node.replacement ? ' (of the replacement)' : ''}</h4>
          <pre data-testid="details-gomod">{goMod}</pre>
        </section>
      )}
      {extras?.files && (
        <section>
          <h4>files ({extras.files.length})</h4>
          <pre>{extras.files.join('\n')}</pre>
        </section>
      )}
      {extras?.note && <p>{extras.note}</p>}
    </aside>
  );
}

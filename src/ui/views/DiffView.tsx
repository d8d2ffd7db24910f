// A file's change in a preview: side-by-side (with the report's reason beside each changed line)
// or unified (the patch text). All text is rendered as text.
import { useMemo, useState } from 'react';
import { sideBySide } from './diffs';

export function DiffView(props: { name: string; before: string; after: string; unified: string; reason?: (line: string, side: 'left' | 'right') => string | undefined }) {
  const [mode, setMode] = useState<'side' | 'unified'>('side');
  const rows = useMemo(() => sideBySide(props.before, props.after), [props.before, props.after]);
  const changed = props.before !== props.after;
  return (
    <section className="diffview" aria-label={`diff of ${props.name}`} data-testid={`diff-${props.name}`} data-changed={changed ? 'yes' : 'no'}>
      <div className="diff-head">
        <strong>{props.name}</strong>
        <span className="muted">{changed ? `${rows.filter((r) => r.kind !== 'same').length} changed lines` : 'unchanged'}</span>
        <span className="seg" role="group" aria-label={`${props.name} diff layout`}>
          <button type="button" aria-pressed={mode === 'side'} onClick={() => setMode('side')}>
            side by side
          </button>
          <button type="button" aria-pressed={mode === 'unified'} onClick={() => setMode('unified')}>
            unified
          </button>
        </span>
      </div>
      {mode === 'unified' ? (
        <pre className="unified" data-testid={`unified-${props.name}`}>{props.unified || '(no changes)'}</pre>
      ) : (
        <table className="side">
          <tbody>
            {rows.map((r, i) => {
              const why = r.kind === 'same' ? undefined : (r.right !== undefined && props.reason?.(r.right, 'right')) || (r.left !== undefined && props.reason?.(r.left, 'left')) || undefined;
              return (
                <tr key={i} className={`row-${r.kind}`}>
                  <td className="no">{r.leftNo ?? ''}</td>
                  <td className={r.kind === 'del' || r.kind === 'chg' ? 'cell del' : 'cell'}>{r.left ?? ''}</td>
                  <td className="no">{r.rightNo ?? ''}</td>
                  <td className={r.kind === 'add' || r.kind === 'chg' ? 'cell add' : 'cell'}>{r.right ?? ''}</td>
                  <td className="why" data-testid={why ? 'diff-reason' : undefined}>{why ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

import { useEffect, useState } from 'react';
import type { WorkspaceSummary } from '../io/workspaceStore';

/** The stored workspaces: switch, rename, delete, export (txtar, zip), share link. */
export function WorkspaceBar(props: {
  list: WorkspaceSummary[];
  currentId?: string;
  currentName?: string;
  shareURL?: string;
  onSwitch: (id: string) => void;
  onRename: (name: string) => void;
  onDelete: () => void;
  onExportTxtar: () => void;
  onExportZip: () => void;
  onShare: () => void;
}) {
  const [name, setName] = useState(props.currentName ?? '');
  useEffect(() => setName(props.currentName ?? ''), [props.currentName, props.currentId]);
  return (
    <section className="wsbar" aria-label="workspaces">
      <label>
        <span className="muted small">workspace</span>
        <select aria-label="workspace" value={props.currentId ?? ''} onChange={(e) => props.onSwitch(e.target.value)}>
          {props.list.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name} ({w.files} files)
            </option>
          ))}
        </select>
      </label>
      {props.currentId && (
        <>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim()) props.onRename(name.trim());
            }}
          >
            <input aria-label="workspace name" value={name} onChange={(e) => setName(e.target.value)} />
            <button type="submit">Rename</button>
          </form>
          <div className="row wrap">
            <button type="button" onClick={props.onExportTxtar}>
              Export txtar
            </button>
            <button type="button" onClick={props.onExportZip}>
              Export zip
            </button>
            <button type="button" onClick={props.onShare}>
              Share link
            </button>
            <button type="button" className="danger" onClick={props.onDelete}>
              Delete
            </button>
          </div>
          {props.shareURL && (
            <input className="share" aria-label="share link" readOnly value={props.shareURL} onFocus={(e) => e.target.select()} />
          )}
        </>
      )}
    </section>
  );
}

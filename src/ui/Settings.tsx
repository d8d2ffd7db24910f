import { useEffect, useState } from 'react';
import { useDropZone } from './dropZone';

export const settingKeys = ['GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOFLAGS', 'GOSUMDB'] as const;

export const defaultSettings: Record<string, string> = {
  GOPROXY: 'https://proxy.golang.org,direct',
  GOPRIVATE: '',
  GONOPROXY: '',
  GONOSUMDB: '',
  GOFLAGS: '',
  GOSUMDB: 'off',
};

const help: Record<string, string> = {
  GOPROXY: 'https://proxy.golang.org goes through this server’s same-origin relay; file:///modscope/proxy is the loaded universe; file:///modscope/modcache-download is an uploaded module cache.',
};

/** What the page does with GOSUMDB (shown under the field). */
export function gosumdbNote(v: string | undefined): string {
  if ((v ?? '').trim() === 'off') {
    return 'GOSUMDB is off: module checksums are NOT checked against a checksum database; only go.sum is consulted (as go does with GOSUMDB=off). The default here, because the loaded universes are local proxies no public database knows.';
  }
  return `Checksums of modules missing from go.sum are looked up in ${v || 'sum.golang.org'} through this server’s relay (/sumdb/…) and verified with its signed tree.`;
}

/** The mounted module cache folder, as Settings shows it. */
export interface CacheFolderState {
  /** 'handle': picked or dropped as a directory handle (kept across reloads); 'files': a folder input's files */
  kind: 'handle' | 'files';
  name: string;
  files?: number;
  /** a kept handle whose read permission must be asked for again (after a reload) */
  needsReconnect?: boolean;
}

const MOUNT_URL = 'file:///modscope/modcache-download';

/** The page's go env: edited here or with `go env -w` in the terminal. */
export function Settings(props: {
  settings: Record<string, string>;
  onSave: (s: Record<string, string>) => void;
  onUploadCache: (files: FileList) => void;
  /** Chromium's folder picker, when the browser has one. */
  onPickFolder?: () => void;
  /** Called inside the drop event (directory handles must be asked for before it returns). */
  onDropFolder: (dt: DataTransfer) => void;
  onReconnect: () => void;
  onForget: () => void;
  cacheFolder?: CacheFolderState;
}) {
  const [draft, setDraft] = useState(props.settings);
  const drop = useDropZone(props.onDropFolder);
  const cf = props.cacheFolder;
  useEffect(() => setDraft(props.settings), [props.settings]);
  return (
    <section className="settings" aria-label="settings">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onSave(draft);
        }}
      >
        {settingKeys.map((k) => (
          <label key={k}>
            <span className="key">{k}</span>
            <input name={k} aria-label={k} value={draft[k] ?? ''} spellCheck={false} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} />
            {help[k] && <span className="muted small">{help[k]}</span>}
            {k === 'GOSUMDB' && (
              <span className="muted small" data-testid="gosumdb-note">
                {gosumdbNote(draft.GOSUMDB)}
              </span>
            )}
          </label>
        ))}
        <div className="row">
          <button type="submit">Save settings</button>
          <button type="button" onClick={() => setDraft(defaultSettings)}>
            Defaults
          </button>
        </div>
      </form>
      <div className={drop.over ? 'upload-cache drop-over' : 'upload-cache'} data-testid="cache-dropzone" {...drop.props}>
        <p>
          Use my module cache folder (pick <code>$GOMODCACHE/cache/download</code>, or drop it here); then set GOPROXY=<code>{MOUNT_URL}</code>.
        </p>
        <div className="row wrap">
          {props.onPickFolder && (
            <button type="button" onClick={props.onPickFolder}>
              Choose module cache folder…
            </button>
          )}
          <label>
            {props.onPickFolder ? 'or select its files: ' : 'Select the folder: '}
            <input type="file" aria-label="module cache folder" {...{ webkitdirectory: '' }} multiple onChange={(e) => e.target.files && props.onUploadCache(e.target.files)} />
          </label>
        </div>
        {cf && (
          <div className="muted" data-testid="uploaded-cache" data-state={cf.needsReconnect ? 'reconnect' : 'mounted'}>
            {cf.needsReconnect ? (
              <p>
                The folder “{cf.name}” is remembered, but after the reload the browser needs your permission to read it again.{' '}
                <button type="button" onClick={props.onReconnect}>
                  Reconnect folder
                </button>
              </p>
            ) : cf.kind === 'handle' ? (
              <p>folder “{cf.name}” mounted at {MOUNT_URL} (read only when a command asks for a file; kept after a reload)</p>
            ) : (
              <p>
                {cf.files} files mounted at {MOUNT_URL} (read only when a command asks for them; not kept after a reload
                {props.onPickFolder ? ' — choose the folder with the button to keep it' : ''})
              </p>
            )}
            <button type="button" onClick={props.onForget}>
              Forget folder
            </button>
          </div>
        )}
      </div>
    </section>
  );
}

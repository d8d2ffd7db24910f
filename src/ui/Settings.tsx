import { useEffect, useState } from 'react';

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

/** The page's go env: edited here or with `go env -w` in the terminal. */
export function Settings(props: {
  settings: Record<string, string>;
  onSave: (s: Record<string, string>) => void;
  onUploadCache: (files: FileList) => void;
  uploadedCache?: number;
}) {
  const [draft, setDraft] = useState(props.settings);
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
      <div className="upload-cache">
        <label>
          Use my module cache folder (pick <code>$GOMODCACHE/cache/download</code>):{' '}
          <input type="file" aria-label="module cache folder" {...{ webkitdirectory: '' }} multiple onChange={(e) => e.target.files && props.onUploadCache(e.target.files)} />
        </label>
        {props.uploadedCache !== undefined && (
          <p className="muted" data-testid="uploaded-cache">
            {props.uploadedCache} files mounted at file:///modscope/modcache-download (read only when a command asks for them)
          </p>
        )}
      </div>
    </section>
  );
}

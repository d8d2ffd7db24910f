import type { CacheEntry, CacheVerifyResult } from '../worker/protocol';
import { formatBytes } from './format';

/** The module cache (IndexedDB) in Go's layout: modules, versions, sizes, h1 hashes. */
export function CacheView(props: {
  entries?: CacheEntry[];
  verify?: CacheVerifyResult[];
  onRefresh: () => void;
  onVerify: () => void;
  onClean: () => void;
  onExport: () => void;
}) {
  const es = props.entries;
  const total = es?.reduce((n, e) => n + (e.zipSize ?? 0), 0) ?? 0;
  const vmap = new Map(props.verify?.map((v) => [v.path + '@' + v.version, v]));
  return (
    <section className="cacheview" aria-label="module cache">
      <div className="row">
        <button type="button" onClick={props.onRefresh}>
          Refresh
        </button>
        <button type="button" onClick={props.onVerify}>
          Verify
        </button>
        <button type="button" onClick={props.onClean}>
          Clean (go clean -modcache)
        </button>
        <button type="button" onClick={props.onExport}>
          Export cache/download (.zip)
        </button>
      </div>
      <p className="muted" data-testid="cache-summary">
        {es === undefined ? 'loading…' : `${es.length} module versions in /gomodcache/cache/download · ${formatBytes(total)} of zips`}
      </p>
      {es && es.length > 0 && (
        <table data-testid="cache-table">
          <thead>
            <tr>
              <th scope="col">module</th>
              <th scope="col">version</th>
              <th scope="col">files</th>
              <th scope="col">zip</th>
              <th scope="col">h1</th>
              <th scope="col">verify</th>
            </tr>
          </thead>
          <tbody>
            {es.map((e) => {
              const v = vmap.get(e.path + '@' + e.version);
              return (
                <tr key={e.path + '@' + e.version}>
                  <td>{e.path}</td>
                  <td>{e.version}</td>
                  <td>{e.files.map((f) => '.' + f).join(' ') + (e.extracted ? ' + dir' : '')}</td>
                  <td>{formatBytes(e.zipSize)}</td>
                  <td className="hash">{e.h1 ?? ''}</td>
                  <td data-testid="verify-cell">{v ? (v.ok ? 'ok' : `mismatch: ${v.detail}`) : props.verify && !e.files.includes('zip') ? 'go.mod only' : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

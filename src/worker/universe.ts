// "Universe txtar": one archive holding a repository (top-level files) and the module versions a
// proxy serves (.proxy/<path>@<version>/<file>; go.mod doubles as the version's .mod, and .info
// defaults to {"Version":v}). The demo (public/demo/demo.txtar) and pasted archives use it. A
// plain txtar without .proxy/ is just a repository.
import { escapePath, escapeVersion, unescapePath, unescapeVersion } from '../core/module';
import { TxtarProxy } from '../core/proxyTxtar';
import { parseTxtar, formatTxtarText } from '../core/txtar';
import { utf8Decode } from '../core/gostrings';

export interface Universe {
  comment: string;
  /** Repository files by slash path relative to the repo root. */
  repo: Record<string, Uint8Array>;
  /** The proxy directory (GOPROXY file layout: <escpath>/@v/list, .info, .mod, .zip), if any. */
  proxyDir?: Map<string, Uint8Array>;
  /** Module versions in the proxy. */
  modules: { path: string; version: string }[];
}

const enc = new TextEncoder();

export function parseUniverse(data: string | Uint8Array): Universe {
  const a = parseTxtar(data);
  const repo: Record<string, Uint8Array> = {};
  const groups = new Map<string, { path: string; version: string; files: { name: string; data: Uint8Array }[] }>();
  for (const f of a.files) {
    const name = f.name.replace(/^\.\/+/, '');
    if (name.startsWith('.proxy/')) {
      const rest = name.slice('.proxy/'.length);
      const at = rest.indexOf('@');
      const slash = at < 0 ? -1 : rest.indexOf('/', at);
      if (at <= 0 || slash < 0) continue;
      const path = rest.slice(0, at);
      const version = rest.slice(at + 1, slash);
      const key = path + '@' + version;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { path, version, files: [] }));
      g.files.push({ name: rest.slice(slash + 1), data: f.data });
    } else if (name !== '' && !name.endsWith('/')) {
      repo[name] = f.data;
    }
  }
  const u: Universe = { comment: utf8Decode(a.comment), repo, modules: [] };
  if (groups.size === 0) return u;
  const archives: [string, string][] = [];
  for (const g of groups.values()) {
    let file: string;
    try {
      file = escapePath(g.path).replaceAll('/', '_') + '_' + escapeVersion(g.version) + '.txt';
    } catch {
      continue;
    }
    const files = [...g.files];
    const gomod = files.find((f) => f.name === 'go.mod');
    if (!files.some((f) => f.name === '.mod')) files.unshift({ name: '.mod', data: gomod?.data ?? enc.encode(`module ${g.path}\n`) });
    if (!files.some((f) => f.name === '.info')) files.unshift({ name: '.info', data: enc.encode(`{"Version":"${g.version}"}\n`) });
    archives.push([file, formatTxtarText({ comment: new Uint8Array(), files })]);
    u.modules.push({ path: g.path, version: g.version });
  }
  u.proxyDir = proxyDirFromTxtar(new TxtarProxy(archives));
  return u;
}

/** The GOPROXY directory a TxtarProxy serves: list, .info, .mod and .zip per version (no @latest). */
export function proxyDirFromTxtar(p: TxtarProxy): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const paths = new Set(p.modList.map((m) => m.path));
  for (const path of paths) {
    const esc = escapePath(path);
    const list = p.handle(`${esc}/@v/list`);
    if (list.statusCode === 200) out.set(`${esc}/@v/list`, list.body);
  }
  for (const m of p.modList) {
    const base = `${escapePath(m.path)}/@v/${escapeVersion(m.version)}`;
    for (const ext of ['info', 'mod', 'zip']) {
      const r = p.handle(`${base}.${ext}`);
      if (r.statusCode === 200) out.set(`${base}.${ext}`, r.body);
    }
  }
  return out;
}

/** Serializes a repository (and optionally module versions) back to a universe txtar. */
export function formatUniverse(comment: string, repo: Record<string, Uint8Array | string>): string {
  const files = Object.keys(repo)
    .sort()
    .map((name) => ({ name, data: typeof repo[name] === 'string' ? enc.encode(repo[name] as string) : (repo[name] as Uint8Array) }));
  return formatTxtarText({ comment: enc.encode(comment), files });
}

/** Module versions present in a GOPROXY directory (or an uploaded cache/download folder). */
export function modulesInProxyDir(dir: Map<string, Uint8Array>): { path: string; version: string }[] {
  const out: { path: string; version: string }[] = [];
  for (const k of dir.keys()) {
    const m = /^(.+)\/@v\/([^/]+)\.mod$/.exec(k);
    if (!m) continue;
    try {
      out.push({ path: unescapePath(m[1]!), version: unescapeVersion(m[2]!) });
    } catch {
      /* not a module file */
    }
  }
  return out;
}

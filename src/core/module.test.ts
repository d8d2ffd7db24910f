// Differential tests of module.ts against golang.org/x/mod/module, path.Match and strconv quoting
// (via the Go oracle), on hand-picked corner cases and seeded random near-valid paths.
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../scripts/oracle/client';
import {
  canonicalVersion, check, checkError, checkFilePath, checkImportPath, checkPath, checkPathMajor, escapePath, escapeVersion,
  filePathError, goQuote, goQuoteRune, importPathError, isLetter, isPrint, InvalidPathError, InvalidVersionError, isStandardImportPath,
  matchPathMajor, matchPrefixPatterns, ModuleError, modulePathError, moduleVersionString, pathMajorError, pathMajorPrefix,
  pathMatch, sortModuleVersions, splitPathVersion, unescapePath, unescapeVersion, versionError,
} from './module';
import { compare as semverCompare } from './semver';
import { distinctPathLists } from './versionTestkit';
import { mulberry32 as rng } from './rng';

const SEED = 0x40d01e;

const wellFormed = (s: string) => s.replace(/\p{Surrogate}/gu, ''); // JSON would carry lone surrogates as U+FFFD

const HAND_PATHS = [
  '', '/', 'x', 'x.y', 'x.y/z', 'example.com', 'example.com/', 'example.com//a', '/example.com', '-example.com', 'example.com/-a',
  'example.com/a-', 'Example.com', 'example.COM/a', 'exa_mple.com', 'exa~mple.com', 'example.com:8080/a', 'example.com/A/B',
  'example.com/a/v2', 'example.com/a/v1', 'example.com/a/v0', 'example.com/a/v02', 'example.com/a/v2.0', 'example.com/a/v2.',
  'example.com/v2', 'example.com/a/V2', 'example.com/a/v', 'example.com/a/vv2', 'example.com/a.v2', 'example.com/v2/a',
  'gopkg.in/yaml.v2', 'gopkg.in/yaml.v0', 'gopkg.in/yaml.v1', 'gopkg.in/yaml.v02', 'gopkg.in/yaml', 'gopkg.in/yaml.v2-unstable',
  'gopkg.in/yaml.v1-unstable', 'gopkg.in/yaml.v-unstable', 'gopkg.in/user/yaml.v3', 'gopkg.in/v2', 'gopkg.in/.v2', 'gopkg.in/yaml/v2',
  'gopkg.in', 'gopkg.in/', 'example.com/.a', 'example.com/a.', 'example.com/..', 'example.com/.', 'example.com/...',
  'example.com/a..b', '.example.com', 'example.com./a', 'example.com/CON', 'example.com/con', 'example.com/con.txt',
  'example.com/Aux.go', 'example.com/COM1', 'example.com/com0', 'example.com/LPT9', 'example.com/LPT10', 'example.com/nul.',
  'con.com', 'example.com/GIT~1', 'example.com/git~1.txt', 'example.com/a~b', 'example.com/a~', 'example.com/~1', 'example.com/~',
  'example.com/a~1b', 'example.com/a+b', 'example.com/a b', 'example.com/a!b', 'example.com/a@b', 'example.com/a\\b',
  'example.com/é', 'example.com/😀', 'example.com/a\u0000', 'example.com/\u00a0', 'example.com/a\u200b', 'exämple.com/a',
  'example.com/\u212a', 'example.com/a#b', 'example.com/a$b', 'example.com/(a)', 'example.com/a=b', 'example.com/[a]',
  'example.com/a{b}', 'example.com/a^b', 'example.com/a,b', 'example.com/a%b', 'example.com/a&b', 'example.com/a\'b',
  'example.com/a"b', 'example.com/a\tb', 'example.com/a\nb', 'example.com/a\u007fb', 'example.com/a\u0085', 'example.com/\ufffd',
  'example.com/\ufeff', 'example.com/\u{10ffff}', 'example.com/\u{e0001}', 'fmt', 'net/http', 'cmd/go', 'std', 'all', 'go',
  'toolchain', 'golang.org/toolchain', 'github.com/user/repo', 'github.com/User/Repo/v3', 'a/b/c/d/e/f/v9',
  'example.com/a/v99999999999999999999', 'example.com/-', 'example.com/a/.b', '.', '..', 'a/./b', 'a/../b', './a', '../a',
];

const ELEMS = ['example.com', 'golang.org', 'gopkg.in', 'github.com', 'x', 'A', 'Foo', 'v2', 'v0', 'v1', 'v2.0', 'v10', 'v02', 'v',
  'yaml.v2', 'yaml.v0', 'yaml.v1-unstable', 'y.v2-unstable', '.v2', 'CON', 'con.txt', 'aux', 'COM1', 'LPT9x', 'GIT~1', 'a~b', '~1',
  'a+b', 'a b', 'é', 'ü', '😀', '!', '!a', '-x', 'x-', '.', '..', '...', '.hidden', 'trailing.', '_', '', '\\', ':', '@', 'Ω',
  '\u0007', '\u00ad', 'a\u0301', 'x.y.z', 'a_b', '~', 'a~', '#', '[x]', 'v1.2.3', '%41', 'k8s.io', '1.2', 'Ǆ', 'ǅ'];

function pathish(r: () => number): string {
  const pick = <T,>(l: T[]) => l[Math.floor(r() * l.length)];
  const mode = r();
  if (mode < 0.6) {
    const n = 1 + Math.floor(r() * 4);
    const parts = [r() < 0.7 ? pick(['example.com', 'golang.org', 'gopkg.in', 'github.com', 'k8s.io', 'x']) : pick(ELEMS)];
    for (let i = 1; i < n; i++) parts.push(pick(ELEMS));
    let s = parts.join('/');
    if (r() < 0.05) s = '/' + s;
    if (r() < 0.05) s += '/';
    if (r() < 0.03) s = s.replace('/', '//');
    return s;
  }
  let s = pick(HAND_PATHS);
  const k = 1 + Math.floor(r() * 2);
  for (let i = 0; i < k; i++) {
    const at = Math.floor(r() * (s.length + 1));
    const op = r();
    const ins = pick(['/', '.', '-', '~', '~1', 'v2', '/v2', '.v2', '!', 'A', 'é', '+', ' ', '-unstable', '+incompatible', '0', '1', '😀']);
    if (op < 0.4) s = s.slice(0, at) + ins + s.slice(at);
    else if (op < 0.6) s = s.slice(0, at) + s.slice(at + 1);
    else if (op < 0.8) s = s.slice(0, at) + ins + s.slice(at + 1);
    else s = s.toUpperCase();
  }
  return s;
}

const HAND_VERSIONS = ['', 'v0.0.0', 'v1.0.0', 'v1.2.3', 'v2.0.0', 'v2.0.0+incompatible', 'v2.0.0+meta', 'v3.1.0-pre', 'v0.0.0-20191109021931-daa7c04131f5',
  'v1.0.0-20191109021931-daa7c04131f5', 'v2.0.0-20191109021931-daa7c04131f5', 'v1', 'v1.2', 'v2', 'v2.0', 'v0', 'v10.0.0', 'v1.2.3.4',
  'latest', 'master', 'V1.0.0', 'v1.0.0-RC1', 'v1.0.0-Beta', 'v1.0.0!', 'v1.0.0-a.b', 'v1.0.0/go.mod', 'v1.0.0+incompatible.x',
  'CON', 'v1.0.0~1', '.v1', 'v1.', 'v1.0.0 ', 'é', 'v1.0.0-é', 'v0.0.0-00010101000000-000000000000', 'v2.3.4+incompatible'];

const MAJORS = ['', '/v2', '/v3', '/v1', '/v0', '.v1', '.v2', '.v0', '.v1-unstable', '.v2-unstable', 'v2', '/v2.0', '/', '.', 'x', '/v02', '/v10', '-unstable'];

type ErrInfo = { msg: string; type: string } | null;

// Our error classes and the Go types they stand for.
function info(e: Error | null): ErrInfo {
  if (e === null) return null;
  const type = e instanceof InvalidPathError ? 'module.InvalidPathError' : e instanceof ModuleError ? 'module.ModuleError' : e instanceof InvalidVersionError ? 'module.InvalidVersionError' : 'other';
  return { msg: e.message, type };
}
function goInfo(e: ErrInfo): ErrInfo {
  if (e === null) return null;
  return { msg: e.msg, type: e.type.startsWith('module.') ? e.type : 'other' };
}
function thrown(f: () => unknown): ErrInfo {
  try {
    f();
    return null;
  } catch (e) {
    return info(e as Error);
  }
}
function result(f: () => string): { ok: string } | { err: string } {
  try {
    return { ok: f() };
  } catch (e) {
    return { err: (e as Error).message };
  }
}

function pathCorpus(n: number, seed: number): string[] {
  const r = rng(seed);
  const out = new Set(HAND_PATHS);
  while (out.size < HAND_PATHS.length + n) out.add(wellFormed(pathish(r)));
  // random code points from every plane, inside an element (file paths accept Unicode letters)
  for (let i = 0; i < 600; i++) {
    let c = Math.floor(r() * (i % 3 === 0 ? 0x110000 : i % 3 === 1 ? 0x3000 : 0x200));
    if (c >= 0xd800 && c < 0xe000) c = 0x2fe;
    out.add(`example.com/a${String.fromCodePoint(c)}b/${String.fromCodePoint(c)}`);
  }
  return [...out];
}

describe('module vs x/mod/module', () => {
  const o = new GoOracle();
  afterAll(() => o.close());
  const paths = pathCorpus(4000, SEED);

  it(`agrees on CheckPath/CheckImportPath/CheckFilePath and their exact errors for ${paths.length} paths (seed ${SEED})`, async () => {
    const ops = [
      ['ver.module.checkPath', modulePathError, checkPath],
      ['ver.module.checkImportPath', importPathError, checkImportPath],
      ['ver.module.checkFilePath', filePathError, checkFilePath],
    ] as const;
    let valid = 0;
    const kinds = new Set<string>();
    for (const [op, errf, checkf] of ops) {
      const want = await Promise.all(paths.map((p) => o.value<ErrInfo>(op, p)));
      const diffs = paths.flatMap((p, i) => {
        const got = info(errf(p));
        const gotThrown = thrown(() => checkf(p));
        const w = goInfo(want[i]);
        return JSON.stringify(got) === JSON.stringify(w) && JSON.stringify(gotThrown) === JSON.stringify(w) ? [] : [{ op, p, got, want: w }];
      });
      expect(diffs).toEqual([]);
      valid += want.filter((w) => w === null).length;
      for (const w of want) if (w) kinds.add(op.slice(11) + ': ' + w.msg.replace(/^malformed \w+ path "(?:[^"\\]|\\.)*": /, '').replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)+'/g, 'Q'));
    }
    expect(valid).toBeGreaterThan(1500);
    // the corpus reaches every reachable error of checkPath/checkElem (32 kinds over the three checks;
    // "leading slash", "leading dash in first path element" and "invalid UTF-8" cannot be reached from here)
    expect(kinds.size).toBeGreaterThanOrEqual(32);
  });

  it('agrees on SplitPathVersion, IsStandardImportPath, EscapePath and UnescapePath', async () => {
    const escaped = paths.map((p) => p.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase()));
    const inputs = [...paths, ...escaped, 'example.com/!a', 'example.com/!!a', 'example.com/a!', 'example.com/!A', 'github.com/!azure/azure-sdk'];
    const [ws, wi, we, wu] = await Promise.all([
      Promise.all(paths.map((p) => o.value('ver.module.splitPathVersion', p))),
      Promise.all(paths.map((p) => o.value<boolean>('ver.module.isStandardImportPath', p))),
      Promise.all(paths.map((p) => o.call<string>('ver.module.escapePath', p))),
      Promise.all(inputs.map((p) => o.call<string>('ver.module.unescapePath', p))),
    ]);
    expect(paths.map((p) => splitPathVersion(p))).toEqual(ws);
    expect(paths.map(isStandardImportPath)).toEqual(wi);
    expect(paths.map((p) => result(() => escapePath(p)))).toEqual(we);
    expect(inputs.map((p) => result(() => unescapePath(p)))).toEqual(wu);
    // escapePath errors are the CheckPath errors, and round-trip otherwise
    for (const p of paths) {
      const e = result(() => escapePath(p));
      if ('ok' in e) expect(unescapePath(e.ok)).toBe(p);
      else expect(thrown(() => escapePath(p))?.type).toBe('module.InvalidPathError');
    }
  });

  it('agrees on Check(path, version), CheckPathMajor, MatchPathMajor, PathMajorPrefix', async () => {
    const r = rng(SEED + 1);
    const pairs: [string, string][] = [];
    const vpaths = paths.filter((_, i) => i % 4 === 0);
    for (const p of vpaths) for (let k = 0; k < 3; k++) pairs.push([p, HAND_VERSIONS[Math.floor(r() * HAND_VERSIONS.length)]]);
    for (const p of ['example.com/a', 'example.com/a/v2', 'gopkg.in/yaml.v1', 'gopkg.in/yaml.v2-unstable', 'gopkg.in/yaml.v0']) {
      for (const v of HAND_VERSIONS) pairs.push([p, v]);
    }
    const want = await Promise.all(pairs.map(([p, v]) => o.value<ErrInfo>('ver.module.check', p, v)));
    const diffs = pairs.flatMap(([p, v], i) => {
      const got = info(checkError(p, v));
      const gotThrown = thrown(() => check(p, v));
      const w = goInfo(want[i]);
      return JSON.stringify(got) === JSON.stringify(w) && JSON.stringify(gotThrown) === JSON.stringify(w) ? [] : [{ p, v, got, want: w }];
    });
    expect(diffs).toEqual([]);
    expect(want.filter((w) => w === null).length).toBeGreaterThan(100);

    const mp = MAJORS.flatMap((m) => HAND_VERSIONS.map((v) => [v, m] as const));
    const [wc, wm] = await Promise.all([
      Promise.all(mp.map(([v, m]) => o.value<ErrInfo>('ver.module.checkPathMajor', v, m))),
      Promise.all(mp.map(([v, m]) => o.value<boolean>('ver.module.matchPathMajor', v, m))),
    ]);
    expect(mp.map(([v, m]) => info(pathMajorError(v, m)))).toEqual(wc.map(goInfo));
    expect(mp.map(([v, m]) => thrown(() => checkPathMajor(v, m)))).toEqual(wc.map(goInfo));
    expect(mp.map(([v, m]) => matchPathMajor(v, m))).toEqual(wm);

    const prefixes = [...MAJORS, '/v2-unstable', '.v3-unstable', '/v1.0', '.vx', '/x', '.v'];
    const wp = await Promise.all(prefixes.map((m) => o.call<string>('ver.module.pathMajorPrefix', m)));
    expect(prefixes.map((m) => result(() => pathMajorPrefix(m)))).toEqual(wp);
  });

  it('agrees on CanonicalVersion, EscapeVersion and UnescapeVersion', async () => {
    const r = rng(SEED + 2);
    const vs = new Set(HAND_VERSIONS);
    const pieces = ['v', '1', '.', '0', '-', '+', 'incompatible', 'A', 'Z', '!', '!a', 'é', '/', ' ', 'CON', '~1', 'pre', '😀', '.', '\\'];
    while (vs.size < 1500) {
      let s = '';
      const n = 1 + Math.floor(r() * 7);
      for (let i = 0; i < n; i++) s += pieces[Math.floor(r() * pieces.length)];
      vs.add(wellFormed(s));
    }
    const list = [...vs];
    const [wc, we, wu] = await Promise.all([
      Promise.all(list.map((v) => o.value<string>('ver.module.canonicalVersion', v))),
      Promise.all(list.map((v) => o.call<string>('ver.module.escapeVersion', v))),
      Promise.all(list.map((v) => o.call<string>('ver.module.unescapeVersion', v))),
    ]);
    expect(list.map(canonicalVersion)).toEqual(wc);
    expect(list.map((v) => result(() => escapeVersion(v)))).toEqual(we);
    expect(list.map((v) => result(() => unescapeVersion(v)))).toEqual(wu);
    for (const v of list) {
      const e = thrown(() => escapeVersion(v));
      // non-ASCII letters pass checkElem and then hit escapeString's plain "internal error"
      if (e) expect(e.type).toBe(e.msg.startsWith('internal error') ? 'other' : 'module.InvalidVersionError');
    }
  });

  it('agrees on Sort for random lists of module versions, with and without ties', async () => {
    const r = rng(SEED + 3);
    const mpaths = ['example.com/a', 'example.com/b', 'example.com/a/v2', 'golang.org/x/mod', 'é.com', 'Z.com'];
    const vers = ['v1.0.0', 'v1.2.3', 'v1.2.3-pre', 'v1.2.3-pre.1', 'v1.10.0', 'v0.0.0-20191109021931-daa7c04131f5', 'v2.0.0+incompatible',
      'v1.0', 'bad', 'v3', 'v1.2.4-0.20191109021931-daa7c04131f5'];
    const lists = Array.from({ length: 300 }, () => {
      const l: { path: string; version: string }[] = [];
      const owner = new Map<string, string>();
      const seen = new Set<string>();
      const n = Math.floor(r() * 40);
      for (let i = 0; i < n; i++) {
        const path = mpaths[Math.floor(r() * mpaths.length)];
        const bare = vers[Math.floor(r() * vers.length)];
        const version = bare + (r() < 0.3 ? '/go.mod' : '');
        const cls = path + '\0' + (vers.find((v) => semverCompare(v, bare) === 0) ?? bare);
        if (seen.has(path + '\0' + version) || (owner.has(cls) && owner.get(cls) !== bare)) continue;
        owner.set(cls, bare);
        seen.add(path + '\0' + version);
        l.push({ path, version });
      }
      return l;
    });
    // Lists of at most 12 elements are insertion-sorted by Go (stable), so ties are fine there.
    for (let i = 0; i < 100; i++) {
      lists.push(Array.from({ length: Math.floor(r() * 13) }, () => ({ path: mpaths[Math.floor(r() * 2)], version: vers[Math.floor(r() * vers.length)] + (r() < 0.3 ? '/go.mod' : '') })));
    }
    // With Go's sort.Slice ported, ties land where Go puts them in long lists too.
    for (let i = 0; i < 100; i++) {
      lists.push(Array.from({ length: 13 + Math.floor(r() * 120) }, () => ({ path: mpaths[Math.floor(r() * 2)], version: vers[Math.floor(r() * vers.length)] + (r() < 0.3 ? '/go.mod' : '') })));
    }
    // Long lists with one version per path, sorted natively (no two elements tie).
    lists.push(...distinctPathLists(r, vers, 0.3, 60));
    const want = await Promise.all(lists.map((l) => o.value<{ path: string; version: string }[] | null>('ver.module.sort', l)));
    lists.forEach((l, i) => expect(sortModuleVersions([...l])).toEqual(want[i] ?? []));
  });

  it('agrees on Version.String and VersionError', async () => {
    const cases = [['example.com/a', 'v1.0.0'], ['example.com/a', ''], ['', '']];
    for (const [p, v] of cases) expect(moduleVersionString({ path: p, version: v })).toBe(await o.value('ver.module.versionString', p, v));
    const ve = [
      ['example.com/a', 'v1.0.0', 'boom', '', ''],
      ['example.com/a', '', 'boom', '', ''],
      ['example.com/a', 'v1.0.0', 'boom', 'example.com/a', 'v1.0.0'],
      ['example.com/a', 'v1.0.0', 'boom', 'example.com/b', 'v1.0.0'],
      ['example.com/a', 'v1.0.0', 'boom', 'example.com/a', ''],
    ];
    for (const [p, v, msg, ip, iv] of ve) {
      const inner = ip ? new ModuleError(ip, iv, new Error(msg)) : new Error(msg);
      const got = versionError({ path: p, version: v }, inner);
      expect(info(got)).toEqual(goInfo(await o.value<ErrInfo>('ver.module.versionError', p, v, msg, ip, iv)));
      if (ip === p && iv === v) expect(got).toBe(inner);
    }
  });
});

describe('path.Match and MatchPrefixPatterns vs Go', () => {
  const o = new GoOracle();
  afterAll(() => o.close());

  const PAT_PIECES = ['*', '*', '?', 'a', 'b', '/', '.', 'example.com', 'x', '[a-c]', '[^a]', '[]', '[', ']', '\\', '\\*', '[\\]]', '[a-]',
    '[-a]', '[é-ü]', 'é', '[^/]', '**', 'golang.org', '-', ',', '[a', '[a-\\'];
  const NAME_PIECES = ['a', 'b', 'c', '/', '.', 'example.com', 'x', 'é', 'ü', '*', '?', '[', ']', '\\', '-', 'golang.org', 'z', ''];

  it('agrees on path.Match for random patterns and names (with ErrBadPattern)', async () => {
    const r = rng(SEED + 4);
    const pick = <T,>(l: T[]) => l[Math.floor(r() * l.length)];
    const cases: [string, string][] = [];
    for (let i = 0; i < 6000; i++) {
      const pat = Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(PAT_PIECES)).join('');
      const name = Array.from({ length: Math.floor(r() * 5) }, () => pick(NAME_PIECES)).join('');
      cases.push([pat, r() < 0.3 ? pat.replace(/[*?\\[\]^]/g, 'a') : name]);
    }
    const want = await Promise.all(cases.map(([p, n]) => o.call<boolean>('ver.path.match', p, n)));
    const diffs = cases.flatMap(([p, n], i) => {
      const [m, err] = pathMatch(p, n);
      const got = err ? { err: err.message } : { ok: m };
      return JSON.stringify(got) === JSON.stringify(want[i]) ? [] : [{ p, n, got, want: want[i] }];
    });
    expect(diffs).toEqual([]);
    expect(want.filter((w) => w.ok === true).length).toBeGreaterThan(300);
    expect(want.filter((w) => w.err !== undefined).length).toBeGreaterThan(100);
  });

  it('agrees on MatchPrefixPatterns (GOPRIVATE-style lists)', async () => {
    const r = rng(SEED + 5);
    const pick = <T,>(l: T[]) => l[Math.floor(r() * l.length)];
    const globs = ['example.com', 'example.com/', '*.example.com', 'example.com/a', 'example.com/*', '*', '*/*', 'golang.org/x',
      'golang.org/x/*', 'gopkg.in/yaml.v?', '', ',', 'example.com,golang.org', '[', 'ex*', '*.com/a/b', 'EXAMPLE.com', 'example.com/a/b/c/d'];
    const targets = ['example.com', 'example.com/a', 'example.com/a/b', 'sub.example.com/a', 'golang.org/x/mod', 'golang.org/x',
      'gopkg.in/yaml.v2', 'a/b/c/d/e', '', '/', 'example.com/', 'Example.com/a', 'exa.com', 'x.com/a/b'];
    const cases: [string, string][] = [];
    for (let i = 0; i < 3000; i++) {
      const g = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(globs)).join(',');
      cases.push([g, pick(targets)]);
    }
    const want = await Promise.all(cases.map(([g, t]) => o.value<boolean>('ver.module.matchPrefixPatterns', g, t)));
    expect(cases.map(([g, t]) => matchPrefixPatterns(g, t))).toEqual(want);
    expect(want.filter(Boolean).length).toBeGreaterThan(500);
  });
});

describe('Go %q quoting and Unicode tables vs Go', () => {
  const o = new GoOracle();
  afterAll(() => o.close());

  it('isPrint and isLetter equal unicode.IsPrint and unicode.IsLetter on every code point', async () => {
    for (const [name, f] of [['print', isPrint], ['letter', isLetter]] as const) {
      const ranges = await o.value<[number, number][]>('ver.unicode.ranges', name);
      const go = new Uint8Array(0x110000);
      for (const [a, b] of ranges) go.fill(1, a, b + 1);
      const diffs: string[] = [];
      for (let r = 0; r < 0x110000; r++) if (f(r) !== (go[r] === 1)) diffs.push(r.toString(16));
      expect({ name, diffs: diffs.slice(0, 50), count: diffs.length }).toEqual({ name, diffs: [], count: 0 });
    }
  });

  it('agrees on QuoteRune and Quote across Unicode planes', async () => {
    const r = rng(SEED + 6);
    const cps: number[] = [];
    for (let c = 0; c < 0x300; c++) cps.push(c);
    for (const c of [0x85, 0xa0, 0xad, 0x2028, 0x2029, 0x200b, 0x200d, 0xfeff, 0xfffd, 0xfffe, 0xffff, 0x10000, 0x1f600, 0xe0001, 0x10ffff, 0x1680, 0x3000]) cps.push(c);
    while (cps.length < 3000) {
      const c = Math.floor(r() * 0x110000);
      if (c < 0xd800 || c > 0xdfff) cps.push(c);
    }
    const [wr, wq] = await Promise.all([
      Promise.all(cps.map((c) => o.value<string>('ver.strconv.quoteRune', c))),
      Promise.all(cps.map((c) => o.value<string>('ver.strconv.quote', 'a' + String.fromCodePoint(c) + '"\\\''))),
    ]);
    const diffs = cps.flatMap((c, i) => {
      const gr = goQuoteRune(c);
      const gq = goQuote('a' + String.fromCodePoint(c) + '"\\\'');
      return gr === wr[i] && gq === wq[i] ? [] : [{ c: c.toString(16), gr, wr: wr[i], gq, wq: wq[i] }];
    });
    // Unicode tables may differ slightly between Node's ICU and Go 1.23 (Unicode 15.0): report any.
    expect(diffs).toEqual([]);
  });
});

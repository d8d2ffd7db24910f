import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../../scripts/oracle/client';
// @ts-expect-error plain ESM helper without types
import { GOROOT_SRC } from '../../../scripts/gotool.mjs';
import { readImports, scanGoFile } from './scan';
import { Gen } from './testgen';

const oracle = new GoOracle();
afterAll(() => oracle.close());

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** The .go sections of cmd/go's script tests (txtar: "-- name --" lines start files). */
function scriptGoFiles(): { name: string; data: Uint8Array }[] {
  const dir = join(GOROOT_SRC, 'cmd/go/testdata/script');
  const out: { name: string; data: Uint8Array }[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.txt')) continue;
    const buf = readFileSync(join(dir, f));
    const text = buf.toString('latin1'); // byte-preserving
    const re = /^-- (.+?) --$/gm;
    const marks: { name: string; start: number; end: number }[] = [];
    for (let m; (m = re.exec(text)); ) marks.push({ name: m[1], start: m.index, end: m.index + m[0].length + 1 });
    marks.forEach((m, i) => {
      if (!m.name.endsWith('.go')) return;
      const stop = i + 1 < marks.length ? marks[i + 1].start : text.length;
      out.push({ name: `${f}/${m.name}`, data: buf.subarray(Math.min(m.end, stop), stop) });
    });
  }
  return out;
}

/** Every 5th .go file of the Go source tree (sorted walk). */
function stdSample(): { name: string; data: Uint8Array }[] {
  const out: { name: string; data: Uint8Array }[] = [];
  let k = 0;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir).sort()) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e.endsWith('.go') && k++ % 5 === 0) out.push({ name: p, data: readFileSync(p) });
    }
  };
  walk(GOROOT_SRC);
  return out;
}

function generated(seed: number, n: number): { name: string; data: Uint8Array }[] {
  const g = new Gen(seed);
  return Array.from({ length: n }, (_, i) => {
    const data = Buffer.from(g.goFile(), 'utf8');
    return { name: `gen/f${i}${i % 7 === 0 ? '_test' : ''}.go`, data: i % 3 === 2 ? g.mutate(data) : data };
  });
}

interface GoFileInfo {
  header: string;
  readErr?: string;
  packageName?: string;
  parseErr?: string;
  imports?: { path: string; name: string; offset: number; line: number; column: number }[];
  unquoteErr?: string;
  constraintErr?: string;
  goBuild?: string;
  plusBuild?: string[];
}

function ours(name: string, data: Uint8Array): GoFileInfo {
  const info = scanGoFile(name, data);
  const res: GoFileInfo = { header: b64(info.header) };
  if (info.error?.startsWith(`read ${name}: unexpected NUL`)) {
    res.readErr = 'unexpected NUL in input';
    return res;
  }
  res.packageName = info.packageName;
  if (info.parseError !== undefined) res.parseErr = info.parseError;
  else if (info.error?.includes('parser returned invalid quoted string')) res.unquoteErr = info.error.replace(/.*<(.*)>$/s, '$1');
  else if (info.imports.length > 0 || !info.error) {
    res.imports = info.imports.map((i) => ({ path: i.path, name: i.name, offset: i.pos.offset, line: i.pos.line, column: i.pos.column }));
  }
  if (info.error?.endsWith('multiple //go:build comments')) res.constraintErr = 'multiple //go:build comments';
  else {
    res.goBuild = info.constraints.goBuild;
    res.plusBuild = info.constraints.plusBuild;
  }
  return res;
}

function canon(v: object): string {
  return JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.keys(x).filter((k) => x[k] !== undefined && x[k] !== null && !(Array.isArray(x[k]) && x[k].length === 0)).sort().map((k) => [k, x[k]]))
      : x,
  );
}

async function compare(label: string, files: { name: string; data: Uint8Array }[]) {
  const want = await Promise.all(files.map((f) => oracle.value<GoFileInfo>('imports.fileInfo', f.name, b64(f.data))));
  const diffs: string[] = [];
  let errs = 0;
  files.forEach((f, i) => {
    if (want[i].parseErr || want[i].readErr) errs++;
    const o = canon(ours(f.name, f.data));
    const w = canon(want[i]);
    if (o !== w) diffs.push(`${f.name}\n  ours ${o.slice(0, 600)}\n  go   ${w.slice(0, 600)}`);
  });
  console.log(`fileInfo ${label}: ${files.length} files (${errs} with syntax/read errors), ${files.length - diffs.length} identical, ${diffs.length} differing`);
  return diffs;
}

describe('scan vs go/build readGoInfo + go/parser', () => {
  it('cmd/go script testdata .go files', async () => {
    const diffs = await compare('cmd/go testdata', scriptGoFiles());
    expect(diffs.slice(0, 5)).toEqual([]);
  });

  it('every 5th file of GOROOT/src', async () => {
    const diffs = await compare('std sample', stdSample());
    expect(diffs.slice(0, 5)).toEqual([]);
  });

  it('seeded tricky headers', async () => {
    const seed = Number(process.env.IMPORTS_SEED ?? 20240601);
    const diffs = await compare(`generated seed=${seed}`, generated(seed, Number(process.env.IMPORTS_N ?? 3000)));
    expect(diffs.slice(0, 5)).toEqual([]);
  });

  it('ReadImports (reportSyntaxError both ways) agrees', async () => {
    const seed = 5150;
    const files = [...generated(seed, 1500), ...scriptGoFiles().slice(0, 300)];
    const cases = files.flatMap((f) => [true, false].map((rep) => ({ f, rep })));
    const want = await Promise.all(
      cases.map((c) => oracle.value<{ header: string; imports: string[] | null; err?: string }>('imports.readImports', b64(c.f.data), c.rep)),
    );
    let same = 0;
    const diffs: string[] = [];
    cases.forEach((c, i) => {
      const r = readImports(c.f.data, c.rep);
      // Go's literals are raw bytes; ours are UTF-8 text of the same bytes.
      const w = { header: want[i].header, imports: (want[i].imports ?? []).map((s) => s), err: want[i].err };
      const o = { header: b64(r.header), imports: r.imports, err: r.error };
      if (canon(o) === canon(w)) same++;
      else diffs.push(`${c.f.name}: ours ${canon(o)} go ${canon(w)}`);
    });
    console.log(`readImports seed=${seed}: ${cases.length} cases, ${same} identical, ${diffs.length} differing`);
    expect(diffs.slice(0, 5)).toEqual([]);
  });
});

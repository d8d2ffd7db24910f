// go.sum reader conformance against REAL go 1.23: every go.sum in cmd/go/testdata/script/*.txt
// plus synthetic and mutated malformed files. Each go.sum is put beside a go.mod that requires
// a module, so `go list -m all` (GOPROXY=off) reads go.sum before anything else can fail;
// go's verdict is whether it prints the malformed-go.sum error, and which line.
// Real-go results are cached in .test-out/gosum-conformance keyed by content hash.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { GO, GOROOT_SRC, goEnv } from '../../scripts/gotool.mjs';
import { GoSumMap, readGoSum } from './gosum';
import { parseTxtar } from './txtar';
import { mulberry32 as rng } from './rng';

const CACHE = resolve(__dirname, '../../.test-out/gosum-conformance');
const PLACEHOLDER = '$GOSUM';
const GO_MOD = 'module example.com/m\n\ngo 1.23\n\nrequire example.com/a v1.0.0\n';

interface Verdict {
  /** The malformed-go.sum message go printed (path replaced by $GOSUM), or null if none. */
  malformed: string | null;
  /** Whether go printed "go: " in front of it. */
  prefixed?: boolean;
}

function sha(b: Uint8Array | string): string {
  return createHash('sha256').update(b).digest('hex');
}

function runGo(dir: string): Promise<{ code: number; stderr: string }> {
  return new Promise((res) => {
    execFile(GO as string, ['list', '-m', 'all'], { cwd: dir, env: goEnv() }, (err, _stdout, stderr) => {
      res({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr: String(stderr) });
    });
  });
}

async function goVerdict(data: Uint8Array): Promise<Verdict> {
  const key = sha(GO_MOD + '\0' + Buffer.from(data).toString('base64'));
  const cached = join(CACHE, key + '.json');
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as Verdict;
  const dir = mkdtempSync(join(tmpdir(), 'gosum-conf-'));
  try {
    writeFileSync(join(dir, 'go.mod'), GO_MOD);
    writeFileSync(join(dir, 'go.sum'), data);
    const { stderr } = await runGo(dir);
    const m = /^(go: )?(malformed go\.sum:\n.*\n)/m.exec(stderr);
    let v: Verdict = { malformed: null };
    if (m) {
      const msg = m[2]!.slice(0, -1);
      const path = join(dir, 'go.sum');
      if (!msg.includes(`\n${path}:`)) throw new Error(`go named an unexpected file: ${msg}`);
      v = { malformed: msg.replace(path, PLACEHOLDER), prefixed: m[1] !== undefined };
    }
    mkdirSync(CACHE, { recursive: true });
    writeFileSync(cached, JSON.stringify(v));
    return v;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function ourVerdict(data: Uint8Array): Verdict {
  const err = readGoSum(new GoSumMap(), PLACEHOLDER, data);
  return err ? { malformed: err.message, prefixed: false } : { malformed: null };
}

const enc = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

const GOOD = [
  'rsc.io/quote v1.5.2 h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=',
  'rsc.io/quote v1.5.2/go.mod h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=',
  'example.com/a v1.0.0/go.mod h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=',
  'golang.org/x/text v0.0.0-20170915032832-14c0d48ead0c h1:qgOY6WgZOaTkIIMiVjBQcw93ERBE4m30iBm00nkL0i8=',
];

// Separators and line pieces: tabs, CR, Unicode spaces (U+00A0, U+2028, U+3000 split fields in
// go), non-spaces that look like spaces (U+200B, U+FEFF), vertical tab, form feed.
const SEPS = [' ', '  ', '\t', ' \t ', '\u00a0', '\u2028', '\u3000', '\u200b', '\ufeff', '\v', '\f', '\r', '\u0085', '\u001c'];

function syntheticLine(r: () => number): string {
  const k = r();
  const pick = <T,>(a: T[]) => a[Math.floor(r() * a.length)]!;
  if (k < 0.15) return ''; // blank
  if (k < 0.2) return pick([' ', '\t', '\r', '  \t\r', '\u00a0', '\u200b']); // whitespace-ish only
  const f = pick(GOOD).split(' ');
  let fields = f;
  const n = r();
  if (n < 0.15) fields = f.slice(0, 1 + Math.floor(r() * 2)); // 1 or 2 fields
  else if (n < 0.3) fields = [...f, pick(['h1:x', '// comment', 'extra'])]; // 4+ fields
  let line = fields.join(pick(SEPS.slice(0, r() < 0.7 ? 3 : SEPS.length)));
  if (r() < 0.2) line = pick(SEPS) + line; // leading space
  if (r() < 0.2) line += pick([' ', '\t', '\r', '  ']); // trailing space / CR
  return line;
}

function synthetic(r: () => number): Uint8Array {
  const lines = Array.from({ length: Math.floor(r() * 8) }, () => syntheticLine(r));
  if (r() < 0.2 && lines.length > 0) lines.push(lines[0]!); // duplicate line
  const eol = r() < 0.2 ? '\r\n' : '\n';
  let text = lines.join(eol);
  if (r() < 0.7 && lines.length > 0) text += eol; // sometimes no final newline
  return enc(text);
}

function mutate(r: () => number, src: string): Uint8Array {
  const lines = src.split('\n');
  const i = Math.floor(r() * lines.length);
  const op = r();
  if (op < 0.3) lines[i] = lines[i]!.split(' ').slice(0, 2).join(' ');
  else if (op < 0.5 && i + 1 < lines.length) lines.splice(i, 2, lines[i]! + ' ' + lines[i + 1]!);
  else if (op < 0.7) lines.splice(i, 0, '', '   ');
  else if (op < 0.85) lines[i] = lines[i]!.replace(/ /g, '\t') + '\r';
  else lines[i] = lines[i]! + ' trailing';
  return enc(lines.join('\n'));
}

function testdataGoSums(): { label: string; data: Uint8Array }[] {
  const dir = join(GOROOT_SRC as string, 'cmd/go/testdata/script');
  const out: { label: string; data: Uint8Array }[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) {
    for (const file of parseTxtar(new Uint8Array(readFileSync(join(dir, f)))).files) {
      if (file.name === 'go.sum' || file.name.endsWith('/go.sum')) out.push({ label: `${f}: ${file.name}`, data: file.data });
    }
  }
  return out;
}

async function pool<T, R>(items: T[], n: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

describe('go.sum reader vs real go', () => {
  it('accepts/rejects every testdata, synthetic and mutated go.sum like go 1.23', async () => {
    const fromTestdata = testdataGoSums();
    const hand: { label: string; data: Uint8Array }[] = [
      ['empty', ''],
      ['only newline', '\n'],
      ['one field', 'rsc.io/quote\n'],
      ['two fields', 'rsc.io/quote v1.5.2\n'],
      ['four fields', GOOD[0] + ' extra\n'],
      ['blank lines then bad line', `\n\n   \n${GOOD[0]}\nbad\n`],
      ['tabs', GOOD[0]!.replace(/ /g, '\t') + '\n'],
      ['CRLF', GOOD.join('\r\n') + '\r\n'],
      ['CR only line ends (one line)', GOOD.join('\r') + '\r'],
      ['duplicate lines', `${GOOD[0]}\n${GOOD[0]}\n`],
      ['trailing spaces', `${GOOD[0]}   \n`],
      ['no final newline', `${GOOD[0]}\n${GOOD[1]}`],
      ['no final newline, bad last line', `${GOOD[0]}\nx y`],
      ['NBSP separator', GOOD[0]!.replace(/ /g, '\u00a0') + '\n'],
      ['zero-width space is not a separator', GOOD[0]!.replace(/ /g, '\u200b') + '\n'],
      ['BOM then line', '\ufeff' + GOOD[0] + '\n'],
      ['BOM alone', '\ufeff\n'],
      ['empty go.mod hash', `${GOOD[2]}\n`],
      ['comment line', '// comment\n'],
      ['hash comment', '# x y z\n'],
      ['form feed line', '\f\n' + GOOD[1] + '\n'],
      ['NUL bytes', 'a\u0000b c d\n'],
    ].map(([label, text]) => ({ label: label!, data: enc(text!) }));
    const invalidUtf8 = { label: 'invalid UTF-8', data: new Uint8Array([0x61, 0xff, 0x20, 0x62, 0x20, 0xc2, 0x0a, 0x78, 0xc2, 0xa0, 0x79, 0x0a]) };
    const seed = 1234;
    const r = rng(seed);
    const synth = Array.from({ length: 150 }, (_, i) => ({ label: `synthetic#${i} (seed ${seed})`, data: synthetic(r) }));
    const mutated = Array.from({ length: 40 }, (_, i) => {
      const src = fromTestdata[Math.floor(r() * fromTestdata.length)]!;
      return { label: `mutated#${i} of ${src.label}`, data: mutate(r, Buffer.from(src.data).toString('utf8')) };
    });
    const all = [...fromTestdata, ...hand, invalidUtf8, ...synth, ...mutated];
    // Unique contents only.
    const seen = new Set<string>();
    const cases = all.filter((c) => {
      const k = sha(c.data);
      return !seen.has(k) && (seen.add(k), true);
    });

    const verdicts = await pool(cases, 2, (c) => goVerdict(c.data));
    let same = 0;
    let rejected = 0;
    const differing: string[] = [];
    cases.forEach((c, i) => {
      const want = verdicts[i]!;
      const got = ourVerdict(c.data);
      if (want.malformed !== null) rejected++;
      if (want.malformed === got.malformed && (want.prefixed ?? false) === false) same++;
      else differing.push(`${c.label}: go=${JSON.stringify(want)} ours=${JSON.stringify(got)}`);
    });
    console.log(
      `go.sum conformance: files=${cases.length} (testdata ${fromTestdata.length}, go rejects ${rejected}) ` +
        `identical=${same} differing=${differing.length}`,
    );
    expect(fromTestdata.length).toBeGreaterThan(20);
    expect(rejected).toBeGreaterThan(20);
    expect(differing).toEqual([]);
  });
});

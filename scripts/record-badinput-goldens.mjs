// Records real Go 1.23's verdict on every case of the bad-input corpus (scripts/gen-badinput.mjs)
// into src/core/fuzz/badinput.golden.json: accept/reject, the first error line (all of the error
// text for invalid-UTF-8 cases) and, for go.mod, the file `go mod edit -fmt` leaves.
//   go.mod: `go mod edit -fmt` on it;
//   go.work: beside ./m (`module m`), `go list -m`;
//   go.sum: beside `require example.com/a v1.0.0` (its .mod in the module cache), `go list -m all`
//           with GOPROXY=off;
//   txtar:  Go's internal/txtar Parse and Format (the oracle, scripts/oracle, built from Go's source);
//   zip:    `go mod download -json example.com/m@v1.0.0` from a file:// proxy serving it.
// The same setup (setupCase/summarize) is used by src/core/fuzz/badinput.test.ts for modscope.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GO, goEnv } from './gotool.mjs';
import { badinputDir, generate } from './gen-badinput.mjs';
import { buildOracle } from './oracle/build.mjs';

const root = new URL('..', import.meta.url).pathname;
export const goldenFile = join(root, 'src/core/fuzz/badinput.golden.json');

// Go's output is bytes and may hold invalid UTF-8 (go prints such bytes raw with %s). Goldens keep
// text in the reversible form modscope uses (src/core/gostrings.ts utf8Decode): each byte that is
// not part of a valid UTF-8 sequence becomes the lone surrogate U+DC00+byte. Written here
// independently of modscope's decoder, by matching the valid UTF-8 sequences on the bytes.
const utf8Seq = /[\x00-\x7f]|[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}|[\x80-\xff]/g;
export function bytesToText(b) {
  return Buffer.from(b)
    .toString('latin1')
    .replace(utf8Seq, (m) => (m.length === 1 && m >= '\x80' ? String.fromCharCode(0xdc00 | m.charCodeAt(0)) : Buffer.from(m, 'latin1').toString('utf8')));
}

/** The go.mod left by a successful `go mod edit -fmt` (long ones as their SHA-256), else undefined. */
export function formattedGoMod(c, s, exitCode) {
  if (c.kind !== 'gomod' || exitCode !== 0) return undefined;
  const data = readFileSync(join(s.cwd, 'go.mod'));
  return data.length > 4096 ? 'sha256:' + createHash('sha256').update(data).digest('hex') : bytesToText(data);
}

/** Prepares a fresh directory for one case; returns how to run the go command on it. */
export function setupCase(c, manifest, work, dir = badinputDir) {
  const data = readFileSync(join(dir, c.file));
  const m = join(work, 'm');
  const cache = join(work, 'cache');
  mkdirSync(m, { recursive: true });
  mkdirSync(cache, { recursive: true });
  const env = { GOMODCACHE: cache, GOFLAGS: '-modcacherw' };
  if (c.kind === 'gomod') {
    writeFileSync(join(m, 'go.mod'), data);
    return { cwd: m, args: ['mod', 'edit', '-fmt'], env };
  }
  if (c.kind === 'gowork') {
    writeFileSync(join(m, 'go.mod'), 'module m\n\ngo 1.21\n');
    writeFileSync(join(work, 'go.work'), data);
    return { cwd: work, args: ['list', '-m'], env: { ...env, GOWORK: join(work, 'go.work') } };
  }
  if (c.kind === 'gosum') {
    const a = manifest.sumModule;
    writeFileSync(join(m, 'go.mod'), `module m\n\ngo 1.21\n\nrequire ${a.path} ${a.version}\n`);
    writeFileSync(join(m, 'go.sum'), data);
    const d = join(cache, 'cache/download', a.path, '@v');
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, `${a.version}.mod`), a.gomod);
    writeFileSync(join(d, `${a.version}.info`), JSON.stringify({ Version: a.version, Time: '2024-01-01T00:00:00Z' }) + '\n');
    return { cwd: m, args: ['list', '-m', 'all'], env: { ...env, GOPROXY: 'off' } };
  }
  const z = manifest.zipModule;
  const d = join(work, 'proxy', z.path, '@v');
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'list'), `${z.version}\n`);
  writeFileSync(join(d, `${z.version}.info`), JSON.stringify({ Version: z.version, Time: '2024-01-01T00:00:00Z' }) + '\n');
  writeFileSync(join(d, `${z.version}.mod`), z.gomod);
  writeFileSync(join(d, `${z.version}.zip`), data);
  return { cwd: m, args: ['mod', 'download', '-json', `${z.path}@${z.version}`], env: { ...env, GOPROXY: pathToFileURL(join(work, 'proxy')).href } };
}

/** The verdict and first error line of one run (paths under work written as $WORK). */
export function summarize(c, r, work) {
  const norm = (s) => s.split(work).join('$WORK');
  let text = r.stderr;
  if (c.kind === 'zip') {
    try {
      const j = JSON.parse(r.stdout);
      if (j.Error) text = j.Error;
    } catch {
      // no JSON: the error is on stderr
    }
  }
  const lines = norm(text).split('\n').filter((l) => l !== '');
  const verdict = r.exitCode === 0 ? 'ok' : 'error';
  return {
    verdict,
    firstLine: verdict === 'ok' ? '' : (lines[0] ?? ''),
    // the first line naming the error (after a "go: errors parsing go.mod:" or "malformed go.sum:" header)
    firstError: verdict === 'ok' ? '' : (lines.find((l) => !/^(go: errors parsing .*|malformed go\.sum):$/.test(l)) ?? ''),
    // invalid-UTF-8 cases (issue 7) compare all of the error text: how each byte is spelled
    ...(c.name.includes('utf8') && verdict === 'error' ? { text: lines.join('\n') } : {}),
  };
}

/** A txtar case's summary: file names and contents and format(parse(data)), as base64 bytes. */
export function txtarSummary(names, datas, formatted) {
  const b64 = (b) => Buffer.from(b).toString('base64');
  return { verdict: 'ok', firstLine: '', firstError: '', names: names.map(b64), data: datas.map(b64), formatted: b64(formatted) };
}

/** Go's internal/txtar (through the oracle, built from Go's source) on each txtar case. */
function recordTxtar(cases) {
  const reqs = cases.map((c) => JSON.stringify({ op: 'txtar.parse', args: [readFileSync(join(badinputDir, c.file)).toString('base64')] }));
  const parsed = runOracle(reqs);
  const formatted = runOracle(parsed.map((a) => JSON.stringify({ op: 'txtar.format', args: [a] })));
  const unb64 = (x) => Buffer.from(x, 'base64');
  return cases.map((c, i) => txtarSummary(parsed[i].files.map((f) => unb64(f.name)), parsed[i].files.map((f) => unb64(f.data)), unb64(formatted[i])));
}

function runOracle(reqs) {
  const p = spawnSync(buildOracle(), [], { input: reqs.join('\n') + '\n', encoding: 'utf8', maxBuffer: 64 << 20 });
  return p.stdout.trim().split('\n').map((l) => {
    const r = JSON.parse(l);
    if (r.ok === undefined) throw new Error(`oracle: ${l}`);
    return r.ok;
  });
}

export function record() {
  const { cases } = generate();
  const manifest = JSON.parse(readFileSync(join(badinputDir, 'manifest.json'), 'utf8'));
  const base = mkdtempSync(join(tmpdir(), 'modscope-badinput-'));
  const out = {};
  const version = spawnSync(GO, ['version'], { encoding: 'utf8', env: goEnv() }).stdout.trim();
  const txtarCases = cases.filter((c) => c.kind === 'txtar');
  const txtarOut = new Map(recordTxtar(txtarCases).map((v, i) => [txtarCases[i].file, v]));
  for (const [i, c] of cases.entries()) {
    if (txtarOut.has(c.file)) {
      out[c.file] = txtarOut.get(c.file);
      continue;
    }
    const work = join(base, String(i));
    const s = setupCase(c, manifest, work);
    const p = spawnSync(GO, s.args, { cwd: s.cwd, env: goEnv(s.env), maxBuffer: 64 << 20 });
    const exitCode = p.status ?? -1;
    out[c.file] = summarize(c, { stdout: bytesToText(p.stdout), stderr: bytesToText(p.stderr), exitCode }, work);
    const formatted = formattedGoMod(c, s, exitCode);
    if (formatted !== undefined) out[c.file].formatted = formatted;
  }
  spawnSync('chmod', ['-R', 'u+w', base]);
  rmSync(base, { recursive: true, force: true });
  const golden = { recordedWith: version, note: 'written by scripts/record-badinput-goldens.mjs (real go); do not edit', cases: out };
  writeFileSync(goldenFile, JSON.stringify(golden, null, 1) + '\n');
  return golden;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const g = record();
  const vals = Object.values(g.cases);
  console.log(`${g.recordedWith}: ${vals.length} cases, ${vals.filter((v) => v.verdict === 'ok').length} accepted, ${vals.filter((v) => v.verdict === 'error').length} rejected -> ${goldenFile}`);
}

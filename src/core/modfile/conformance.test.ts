// Conformance: every go.mod-like file in Go 1.23's cmd/go testdata, through our parser and
// printer (`go mod edit -fmt -print` and `go mod edit -json`), compared with the real go
// command run on the same bytes. Real go's answers are cached in .test-out keyed by the
// content hash and go version.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { GO, GOROOT_SRC, goEnv } from '../../../scripts/gotool.mjs';
import { modEdit } from '../commands/modedit';

interface GoRun {
  stdout: string;
  stderr: string;
  code: number;
}

const root = resolve(__dirname, '../../..');
const cacheDir = join(root, '.test-out', 'modfile-conformance');

/** txtar sections (internal/txtar: "-- NAME --" marker lines). */
function txtarFiles(text: string): Array<{ name: string; data: string }> {
  const out: Array<{ name: string; data: string }> = [];
  const lines = text.split(/(?<=\n)/);
  let cur: { name: string; data: string } | null = null;
  for (const line of lines) {
    const l = line.endsWith('\n') ? line.slice(0, -1) : line;
    const m = /^-- (.*) --$/.exec(l);
    if (m !== null && m[1].trim() !== '') {
      if (cur) out.push(cur);
      cur = { name: m[1].trim(), data: '' };
      continue;
    }
    if (cur) cur.data += line;
  }
  if (cur) out.push(cur);
  // txtar adds a final newline to a file whose data does not end in one
  for (const f of out) if (f.data !== '' && !f.data.endsWith('\n')) f.data += '\n';
  return out;
}

function isGoModName(name: string): boolean {
  return /(^|\/)go\.mod$/.test(name) || name.endsWith('.mod') || /(^|\/)go\.mod\.[^/]+$/.test(name);
}

function testdataGoMods(): Array<{ where: string; data: string }> {
  const seen = new Map<string, string>();
  for (const dir of ['cmd/go/testdata/script', 'cmd/go/testdata/mod']) {
    const full = join(GOROOT_SRC, dir);
    for (const f of readdirSync(full).sort()) {
      if (!f.endsWith('.txt')) continue;
      for (const sec of txtarFiles(readFileSync(join(full, f), 'utf8'))) {
        if (!isGoModName(sec.name)) continue;
        if (!seen.has(sec.data)) seen.set(sec.data, `${dir}/${f}:${sec.name}`);
      }
    }
  }
  return [...seen].map(([data, where]) => ({ where, data }));
}

let goVersion = '';
function realGoVersion(): string {
  goVersion ||= execFileSync(GO, ['env', 'GOVERSION'], { env: goEnv() }).toString().trim();
  return goVersion;
}

/** Runs `go mod edit ARGS go.mod` on data in a scratch dir, cached by content. */
async function realModEdit(args: string[], data: string, dir: string): Promise<GoRun> {
  const key = createHash('sha256')
    .update(realGoVersion() + '\0' + args.join('\0') + '\0' + data)
    .digest('hex');
  const cached = join(cacheDir, key.slice(0, 2), key + '.json');
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as GoRun;
  writeFileSync(join(dir, 'go.mod'), data);
  const r = await new Promise<GoRun>((res) => {
    execFile(GO, ['mod', 'edit', ...args], { cwd: dir, env: goEnv(), encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      res({ stdout, stderr, code });
    });
  });
  mkdirSync(join(cacheDir, key.slice(0, 2)), { recursive: true });
  writeFileSync(cached, JSON.stringify(r));
  return r;
}

/** Runs tasks with a fixed concurrency, each worker owning a scratch directory. */
async function pool<T, R>(items: T[], n: number, fn: (item: T, dir: string) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'modscope-modedit-'));
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], dir);
      }
    }),
  );
  return out;
}

describe('go.mod files in Go 1.23 testdata vs real go mod edit', () => {
  it('formats, JSON and errors match byte for byte', async () => {
    const files = testdataGoMods();
    const modes = [['-fmt', '-print', 'go.mod'], ['-json', 'go.mod']];
    let identical = 0;
    const diffs: string[] = [];
    const results = await pool(files, 2, async (f, dir) => {
      const rs: Array<[string[], GoRun]> = [];
      for (const m of modes) rs.push([m, await realModEdit(m, f.data, dir)]);
      return rs;
    });
    files.forEach((f, i) => {
      let same = true;
      for (const [args, real] of results[i]) {
        const ours = modEdit(args, { name: "go.mod", data: f.data });
        const got: GoRun = { stdout: ours.stdout, stderr: ours.stderr, code: ours.exitCode };
        if (got.stdout !== real.stdout || got.stderr !== real.stderr || got.code !== real.code) {
          same = false;
          if (diffs.length < 10) {
            diffs.push(`${f.where} (${args.join(' ')}):\n--- real\n${JSON.stringify(real)}\n--- ours\n${JSON.stringify(got)}`);
          }
        }
      }
      if (same) identical++;
    });
    const errors = results.filter((r) => r[0][1].code !== 0).length;
    console.log(
      `modfile conformance: ${files.length} files (${errors} rejected by go), ${identical} identical, ${files.length - identical} differing`,
    );
    expect(diffs).toEqual([]);
    expect(identical).toBe(files.length);
  });
});

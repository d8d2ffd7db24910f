// Helpers for the app-shell browser tests: run a terminal line in the page, run the same line
// with the CLI (node bin/modscope.js) on an identical directory, and normalise the paths that
// legitimately differ (repo dir, GOMODCACHE, the file:// proxy directory).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { parseUniverse } from '../src/worker/universe';

export const ROOT = join(import.meta.dirname, '..');

export interface Run {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Types a line into the page's terminal and waits for its output. */
export async function pageRun(page: Page, line: string, timeout = 30_000): Promise<Run> {
  const entries = page.getByTestId('term-entry');
  const n = await entries.count();
  await page.getByLabel('go command').fill(line);
  await page.getByLabel('go command').press('Enter');
  const e = entries.nth(n);
  await e.waitFor({ timeout });
  const text = async (cls: string) => ((await e.locator(`pre.${cls}`).count()) ? ((await e.locator(`pre.${cls}`).textContent()) ?? '') : '');
  return { stdout: await text('stdout'), stderr: await text('stderr'), exitCode: Number(await e.getAttribute('data-exit')) };
}

/** A directory laid out like the page: repo/, proxy/ (GOPROXY file layout), modcache/. */
export class CliSide {
  readonly dir = mkdtempSync(join(tmpdir(), 'modscope-e2e-'));
  readonly repo = join(this.dir, 'repo');
  readonly proxy = join(this.dir, 'proxy');
  readonly modcache = join(this.dir, 'modcache');
  /** Variables every run adds (e.g. a GOENV file, so that `go env -w` has somewhere to write). */
  extraEnv: Record<string, string> = {};
  /** The CLI entry point run by run() (buildPrivateCli gives a copy no concurrent build replaces). */
  cliEntry = join(ROOT, 'bin/modscope.js');
  constructor(universeText: string) {
    const u = parseUniverse(universeText);
    for (const [p, d] of Object.entries(u.repo)) this.write(join(this.repo, p), d);
    mkdirSync(this.repo, { recursive: true });
    for (const [p, d] of u.proxyDir ?? []) this.write(join(this.proxy, p), d);
    mkdirSync(this.proxy, { recursive: true });
  }
  private write(p: string, d: Uint8Array) {
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, d);
  }
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: '/home/gopher',
      GOPATH: '/home/gopher/go',
      GOMODCACHE: this.modcache,
      GOTOOLCHAIN: 'local',
      GOENV: 'off',
      GOPROXY: `file://${this.proxy}`,
      GOSUMDB: 'off',
      GOFLAGS: '',
      ...this.extraEnv,
      ...extra,
    };
  }
  /** `node bin/modscope.js <args>` in repo/, with the page-equivalent paths substituted back. */
  run(line: string): Run {
    const args = line.split(/\s+/).slice(1); // test lines are simple words after "go"
    const r = spawnSync(process.execPath, [this.cliEntry, ...args], { cwd: this.repo, env: this.env(), encoding: 'utf8' });
    return { stdout: this.norm(r.stdout), stderr: this.norm(r.stderr), exitCode: r.status ?? -1 };
  }
  norm(s: string): string {
    return s
      .replaceAll(`file://${this.proxy}`, 'file:///modscope/proxy')
      // base.ShortPath: here ../modcache/… is shorter than the absolute path; in the page
      // ../gomodcache/… is longer than /gomodcache/…, so go prints the absolute one there
      .replace(/(^|[\s'"(])\.\.\/modcache\//gm, '$1/gomodcache/')
      .replaceAll(this.modcache, '/gomodcache')
      .replaceAll(this.repo, '/repo');
  }
  file(name: string): string {
    return readFileSync(join(this.repo, name), 'utf8');
  }
}

/**
 * Bundles the CLI with scripts/build-cli.mjs into a temporary directory of its own (dist/ may be
 * rebuilt by another process while a long browser test runs); returns its entry point.
 */
export function buildPrivateCli(): string {
  const out = mkdtempSync(join(tmpdir(), 'modscope-cli-'));
  symlinkSync(join(ROOT, 'src'), join(out, 'src'));
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: out, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build-cli: ${r.stderr}`);
  const entry = join(out, 'modscope.mjs');
  writeFileSync(entry, "const { main } = await import('./dist/cli.js');\nprocess.exitCode = await main(process.argv.slice(2));\n");
  return entry;
}

// The Graph and Tidy / get preview views in Debian Chromium, against the CLI (node bin/modscope.js)
// on identical files: the graph has exactly `modscope mod graph`'s nodes and edges with go list's
// kinds; the tidy preview's -diff text, exit status, go.mod and go.sum equal the CLI's tidy; Apply
// changes the workspace; the go get preview equals the CLI's go get; the graph marks what a preview
// adds and removes. Screenshots go to .test-out/screenshots and docs/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { launchChromium, screenshot, startApp, watchErrors } from './browser';
import { CliSide, ROOT } from './shell';

const demo = readFileSync(join(ROOT, 'public/demo/demo.txtar'), 'utf8');

// A txtar universe whose graph has a pruned requirement (lib's go.mod requires dep, but lib is a
// go ≥ 1.17 module reached only through another pruned module) and a non-selected version.
const universe = `a graph universe
-- go.mod --
module example.org/top

go 1.22

require (
	example.org/lib v1.0.0
	example.org/dep v1.1.0
)
-- top.go --
package top

import (
	"example.org/dep"
	"example.org/lib"
)

var X = lib.Name + dep.Name
-- .proxy/example.org/lib@v1.0.0/go.mod --
module example.org/lib

go 1.22

require (
	example.org/dep v1.0.0
	example.org/extra v1.0.0
)
-- .proxy/example.org/lib@v1.0.0/lib.go --
package lib

const Name = "lib"
-- .proxy/example.org/extra@v1.0.0/go.mod --
module example.org/extra

go 1.22

require example.org/deep v1.0.0
-- .proxy/example.org/extra@v1.0.0/extra.go --
package extra
-- .proxy/example.org/deep@v1.0.0/go.mod --
module example.org/deep

go 1.22
-- .proxy/example.org/deep@v1.0.0/deep.go --
package deep
-- .proxy/example.org/dep@v1.0.0/go.mod --
module example.org/dep
-- .proxy/example.org/dep@v1.0.0/dep.go --
package dep

const Name = "old"
-- .proxy/example.org/dep@v1.1.0/go.mod --
module example.org/dep
-- .proxy/example.org/dep@v1.1.0/dep.go --
package dep

const Name = "new"
`;

describe('graph and previews in Chromium', () => {
  let browser: Browser;
  let server: ViteDevServer;
  let url: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });
    ({ server, url } = await startApp());
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  async function open(): Promise<{ page: Page; errors: string[] }> {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    contexts.push(ctx);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto(url);
    await page.waitForSelector('[data-ready=yes]');
    return { page, errors };
  }

  async function loadTxtar(page: Page, text: string) {
    await page.getByRole('button', { name: 'Paste txtar…' }).click();
    await page.getByLabel('paste txtar').fill(text);
    await page.getByRole('button', { name: 'Load txtar' }).click();
    await page.getByTestId('notice').getByText('GOPROXY=file://').waitFor();
  }

  /** The graph as drawn: node ids with kinds, and edges by status. */
  async function drawnGraph(page: Page) {
    await page.getByTestId('graph-panel').and(page.locator('[data-loading=no]')).waitFor();
    await page.waitForFunction(() => {
      const s = document.querySelector('[data-testid=graph-surface]');
      return !!s && document.querySelectorAll('g.node[data-id]').length === Number(s.getAttribute('data-nodes')) && document.querySelectorAll('g.edge[data-from]').length === Number(s.getAttribute('data-edges'));
    });
    return page.evaluate(() => ({
      nodes: [...document.querySelectorAll('g.node[data-id]')].map((g) => [g.getAttribute('data-id')!, g.getAttribute('data-kind')!] as [string, string]),
      edges: [...document.querySelectorAll('g.edge[data-from]')].map((g) => [`${g.getAttribute('data-from')} ${g.getAttribute('data-to')}`, g.getAttribute('data-status')!] as [string, string]),
    }));
  }

  /** Checks the drawn graph against the CLI's `mod graph` and `list -m -json all` on the same files. */
  function checkGraph(g: Awaited<ReturnType<typeof drawnGraph>>, cli: CliSide) {
    const mg = cli.run('go mod graph');
    expect(mg.exitCode).toBe(0);
    const lines = mg.stdout.split('\n').filter((l) => l !== '');
    const want = new Set(lines.flatMap((l) => l.split(' ')));
    const loaded = g.edges.filter(([, s]) => s === "loaded").map(([e]) => e);
    expect(new Set(loaded)).toEqual(new Set(lines));
    expect(loaded.length).toBe(lines.length);
    // Nodes beyond go mod graph's are exactly those reached only through unloaded (pruned/excluded) edges.
    const unloadedTargets = new Set(g.edges.filter(([, s]) => s !== 'loaded').map(([e]) => e.split(' ')[1]));
    const ids = g.nodes.map(([id]) => id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of want) expect(ids).toContain(id);
    for (const id of ids) if (!want.has(id)) expect(unloadedTargets.has(id), id).toBe(true);
    // Kinds: the main module; go list -m's Indirect for the rest (when go list -m all can run on
    // these files — a stale go.sum stops it — else the main go.mod's // indirect markings, which
    // is where go list's Indirect comes from); toolchain for go/toolchain.
    const kindOf = new Map<string, string>();
    const list = cli.run('go list -m -json all');
    if (list.exitCode === 0) {
      const mods = JSON.parse('[' + list.stdout.replace(/\}\n\{/g, '},{') + ']') as { Path: string; Main?: boolean; Indirect?: boolean }[];
      for (const m of mods) kindOf.set(m.Path, m.Main ? 'main' : m.Indirect ? 'indirect' : 'direct');
    } else {
      const gomod = cli.file('go.mod');
      kindOf.set(/^module (\S+)/m.exec(gomod)![1]!, 'main');
      for (const m of gomod.matchAll(/^\s*(?:require\s+)?([a-z0-9.\-/]+\.[a-z]+\/\S+) (v\S+)( \/\/ indirect)?$/gm)) kindOf.set(m[1]!, m[3] ? 'indirect' : 'direct');
      for (const id of want) if (id.includes('@') && !kindOf.has(id.slice(0, id.lastIndexOf('@')))) kindOf.set(id.slice(0, id.lastIndexOf('@')), 'indirect');
    }
    let checked = 0;
    for (const [id, kind] of g.nodes) {
      const path = id.includes('@') ? id.slice(0, id.lastIndexOf('@')) : id;
      if (path === 'go' || path === 'toolchain') expect(kind, id).toBe('toolchain');
      else if (kindOf.has(path)) expect(kind, id).toBe(kindOf.get(path));
      else continue;
      checked++;
    }
    return { nodes: ids.length, edges: g.edges.length, graphLines: lines.length, kindsChecked: checked };
  }

  async function downloads(page: Page, click: () => Promise<void>, n: number): Promise<Record<string, string>> {
    const got: Download[] = [];
    const done = new Promise<void>((res) => {
      page.on('download', (d) => {
        got.push(d);
        if (got.length === n) res();
      });
    });
    await click();
    await done;
    const out: Record<string, string> = {};
    for (const d of got) {
      const p = await d.path();
      out[d.suggestedFilename()] = readFileSync(p, 'utf8');
    }
    page.removeAllListeners('download');
    return out;
  }

  it('demo: graph = modscope mod graph; tidy preview = CLI tidy byte for byte; apply; get preview; graph marks the changes', async () => {
    const { page, errors } = await open();
    await page.getByRole('button', { name: 'Bundled demo' }).click();
    await page.getByTestId('notice').getByText('GOPROXY=file://').waitFor();
    const cli = new CliSide(demo);

    // Graph of the stale demo workspace.
    await page.getByRole('tab', { name: 'Graph' }).click();
    const g0 = checkGraph(await drawnGraph(page), cli);
    // A module's details: go mod why path, files from the module cache.
    await page.locator('g.node[data-id="example.com/text@v1.2.0"]').dispatchEvent('click');
    await expect.poll(() => page.getByTestId('details-id').textContent()).toBe('example.com/text@v1.2.0');

    // Tidy preview: the CI check and -diff text equal the CLI's go mod tidy -diff.
    await page.getByRole('tab', { name: 'Tidy / get preview' }).click();
    await page.getByRole('button', { name: 'Preview go mod tidy' }).click();
    await page.getByTestId('preview').waitFor();
    const cliDiff = cli.run('go mod tidy -diff');
    expect(cliDiff.exitCode).toBe(1);
    expect(Number(await page.getByTestId('ci-check').getAttribute('data-exit'))).toBe(cliDiff.exitCode);
    expect(await page.getByTestId('tidy-diff-text').textContent()).toBe(cliDiff.stdout);
    expect(cli.file('go.mod')).toBe(demo.split('-- go.mod --\n')[1]!.split('-- ')[0]); // -diff wrote nothing
    // The workspace is untouched before Apply; the downloaded files equal the CLI's tidy result.
    const files = await downloads(page, () => page.getByRole('button', { name: 'Download go.mod and go.sum' }).click(), 2);
    const tidy = cli.run('go mod tidy');
    expect(tidy.exitCode).toBe(0);
    expect(files['go.mod']).toBe(cli.file('go.mod'));
    expect(files['go.sum']).toBe(cli.file('go.sum'));
    // Every change carries a reason; every go.sum line is classified.
    const reasons = await page.getByTestId('change').allTextContents();
    expect(reasons.length).toBeGreaterThan(3);
    for (const r of reasons) expect(r).toMatch(/ — \S/);
    const sumRows = page.getByTestId('gosum-line');
    const after = cli.file('go.sum').split('\n').filter((l) => l !== '');
    expect(await sumRows.and(page.locator(':not([data-status=removed])')).count()).toBe(after.length);
    expect(await sumRows.and(page.locator('[data-hash=zip]:not([data-status=removed])')).count()).toBe(after.filter((l) => !l.includes('/go.mod ')).length);
    // Each line kept or added names what needs it (src/core/views/sumReasons.ts, checked against real go there).
    const whys = await sumRows.and(page.locator(':not([data-status=removed])')).locator('td:last-child').allTextContents();
    for (const w of whys) expect(w).toMatch(/^(zip hash: module \S+ (provides|could also provide) package \S+|go\.mod hash: (module \S+ provides package|needed to load the module graph \(\S+ is required by)|kept for -compat=)/);
    // Unified view shows go's own -diff section for go.mod.
    await page.getByRole('group', { name: 'go.mod diff layout' }).getByRole('button', { name: 'unified' }).click();
    expect(cliDiff.stdout.startsWith((await page.getByTestId('unified-go.mod').textContent())!)).toBe(true);
    await page.getByRole('group', { name: 'go.mod diff layout' }).getByRole('button', { name: 'side by side' }).click();
    expect(await page.getByTestId('diff-reason').count()).toBeGreaterThan(3);
    const shot = await screenshot(page, 'tidy-preview');
    mkdirSync(join(ROOT, 'docs'), { recursive: true });
    copyFileSync(shot, join(ROOT, 'docs/tidy-preview.png'));

    // The graph marks what tidy removes (the unused module) in the current graph.
    await page.getByRole('tab', { name: 'Graph' }).click();
    await page.getByTestId('graph-diff').waitFor();
    const removed = (await page.getByTestId('graph-diff').getAttribute('data-removed'))!.split(' ');
    expect(removed).toContain('example.com/unused@v1.0.0');
    await page.locator('g.node.diff-removed[data-id="example.com/unused@v1.0.0"]').waitFor();

    // Apply: the workspace now holds the CLI's tidy files; the CI check passes.
    await page.getByRole('tab', { name: 'Tidy / get preview' }).click();
    await page.getByRole('button', { name: 'Apply to workspace' }).click();
    await page.locator('[data-testid=preview][data-applied=yes]').waitFor();
    await page.getByRole('tab', { name: 'Files' }).click();
    await page.getByRole('navigation', { name: 'files' }).getByRole('button', { name: 'go.mod', exact: true }).click();
    expect(await page.getByLabel('contents of go.mod').inputValue()).toBe(cli.file('go.mod'));
    await page.getByRole('navigation', { name: 'files' }).getByRole('button', { name: 'go.sum', exact: true }).click();
    expect(await page.getByLabel('contents of go.sum').inputValue()).toBe(cli.file('go.sum'));
    await page.getByRole('tab', { name: 'Tidy / get preview' }).click();
    await page.getByRole('button', { name: 'Preview go mod tidy' }).click();
    await page.locator('[data-testid=ci-check][data-exit="0"]').waitFor();
    expect(cli.run('go mod tidy -diff')).toEqual({ stdout: '', stderr: '', exitCode: 0 });

    // go get preview: upgrade an indirect dependency; equals the CLI's go get on the same files.
    await page.getByLabel('go get arguments').fill('example.com/text@latest');
    await page.getByRole('button', { name: 'Preview go get' }).click();
    await page.locator('[data-testid=preview][data-kind=get]').waitFor();
    const getFiles = await downloads(page, () => page.getByRole('button', { name: 'Download go.mod and go.sum' }).click(), 2);
    const get = cli.run('go get example.com/text@latest');
    expect(get.exitCode).toBe(0);
    expect(await page.getByTestId('preview-output').textContent()).toBe(get.stdout + get.stderr);
    expect(getFiles['go.mod']).toBe(cli.file('go.mod'));
    expect(getFiles['go.sum']).toBe(cli.file('go.sum'));
    expect(await page.getByTestId('change').allTextContents()).toEqual(['upgraded example.com/text v1.2.0 => v1.3.0']);

    // The graph: current (= the applied tidy state) vs after go get, the additions marked.
    await page.getByRole('tab', { name: 'Graph' }).click();
    await page.getByTestId('graph-diff').waitFor();
    const cliTidied = new CliSide(demo);
    cliTidied.run('go mod tidy');
    const g1 = checkGraph(await drawnGraph(page), cliTidied);
    expect((await page.getByTestId('graph-diff').getAttribute('data-added'))!.split(' ')).toContain('example.com/text@v1.3.0');
    await page.getByRole('group', { name: 'which graph' }).getByRole('button', { name: /^after/ }).click();
    await page.locator('g.node.diff-added[data-id="example.com/text@v1.3.0"]').waitFor();
    checkGraph(await drawnGraph(page), cli);
    await page.locator('g.node[data-id="example.com/text@v1.3.0"]').dispatchEvent('click');
    await page.getByTestId('node-details').getByText('go mod why', { exact: false }).first().waitFor();
    const gshot = await screenshot(page, 'graph-app');
    copyFileSync(gshot, join(ROOT, 'docs/graph.png'));
    expect(errors).toEqual([]);
    console.log(`views/demo: graph before tidy ${JSON.stringify(g0)}, after ${JSON.stringify(g1)}; tidy -diff, go.mod, go.sum, get output/files identical to the CLI`);
  });

  it('txtar universe: graph kinds and pruned edges; tidy preview = CLI; get @none preview', async () => {
    const { page, errors } = await open();
    await loadTxtar(page, universe);
    const cli = new CliSide(universe);
    await page.getByRole('tab', { name: 'Graph' }).click();
    const g = checkGraph(await drawnGraph(page), cli);
    await page.getByRole('tab', { name: 'Tidy / get preview' }).click();
    await page.getByRole('button', { name: 'Preview go mod tidy' }).click();
    await page.getByTestId('preview').waitFor();
    const d = cli.run('go mod tidy -diff');
    expect(Number(await page.getByTestId('ci-check').getAttribute('data-exit'))).toBe(d.exitCode);
    expect(await page.getByTestId('tidy-diff-text').textContent()).toBe(d.stdout);
    const files = await downloads(page, () => page.getByRole('button', { name: 'Download go.mod and go.sum' }).click(), 2);
    expect(cli.run('go mod tidy').exitCode).toBe(0);
    expect(files['go.mod']).toBe(cli.file('go.mod'));
    expect(files['go.sum']).toBe(cli.file('go.sum'));
    await page.getByRole('button', { name: 'Apply to workspace' }).click();
    await page.locator('[data-testid=preview][data-applied=yes]').waitFor();
    await page.getByLabel('go get arguments').fill('example.org/lib@none');
    await page.getByRole('button', { name: 'Preview go get' }).click();
    await page.locator('[data-testid=preview][data-kind=get]').waitFor();
    const get = cli.run('go get example.org/lib@none');
    expect(await page.getByTestId('preview-output').textContent()).toBe(get.stdout + get.stderr);
    expect(await page.getByTestId('change').allTextContents()).toContain('removed example.org/lib v1.0.0');
    expect(errors).toEqual([]);
    console.log(`views/txtar: graph ${JSON.stringify(g)}`);
  });
});

// The graph view in Chromium (e2e/fixtures/graph.html mounts GraphView with window.__MODEL__):
//   - a model loaded by the core from cmd/go/testdata/mod modules: the page shows exactly the
//     nodes and edges of the model, whose loaded edges are real go's `go mod graph` lines;
//   - clicking a node shows its details and "why this version?"; filters; keyboard navigation;
//     the view state in the URL hash survives a reload;
//   - a 10,000-module synthetic model draws on a canvas; pan/zoom frame times are printed;
//   - a preview's additions / removals on a 2,000-module graph: the canvas draws the same marks
//     as the SVG renderer (canvas pixels sampled at the nodes' outlines).
// Screenshots go to .test-out/screenshots (graph.png, graph-10k.png).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { launchChromium, screenshot, startApp, watchErrors } from './browser';
import { goTestdataArchives, writeFileProxy } from '../scripts/difftest';
import { cliFetchContext } from '../src/cli/context';
import { makeWritable } from '../src/cli/fetchTestHarness';
import { loadGraphModel, modGraphLines, type GraphModel } from '../src/core/views/graphModel';
import { filterGraph, layeredLayout, neighborInDirection } from '../src/ui/graph/layout';
import { syntheticChange, syntheticGraphModel } from '../src/core/views/synthetic';
import { diffMarksFor, graphDiff } from '../src/core/views/graphDiff';
import { defaultViewState, filterOf } from '../src/ui/graph/viewState';
import { DIFF_STROKE, NODE_H, nodeWidth } from '../src/ui/graph/draw';
// @ts-expect-error plain ESM helper without types
import { GO } from '../scripts/gotool.mjs';

const GOMOD = `module example.com/m

go 1.16

require (
	rsc.io/quote v1.5.2
	example.com/retract v1.0.0-bad
	example.com/deprecated/a v1.0.0
	golang.org/x/text v0.3.0
)

replace rsc.io/sampler => rsc.io/sampler v1.2.1
`;

let root: string;
let model: GraphModel;
let goLines: string[];

function prepareModel(): Promise<GraphModel> {
  root = mkdtempSync(join(tmpdir(), 'modscope-graph-e2e-'));
  const proxy = join(root, 'proxy');
  mkdirSync(proxy, { recursive: true });
  writeFileProxy(proxy, goTestdataArchives());
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: join(root, 'home'),
    GOTOOLCHAIN: 'local',
    GOPROXY: 'file://' + proxy,
    GOSUMDB: 'off',
    GOFLAGS: '-modcacherw',
    GONOPROXY: '',
    GONOSUMDB: '',
    GOPRIVATE: '',
    GOWORK: 'off',
    GOCACHE: join(root, 'gocache'),
    GOMODCACHE: join(root, 'modcache'),
    GOPATH: join(root, 'gopath'),
    GOENV: 'off',
    CGO_ENABLED: '0',
  };
  const work = join(root, 'work');
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'go.mod'), GOMOD);
  execFileSync(GO as string, ['list', '-m', 'all'], { cwd: work, env: { ...env, GOFLAGS: '-modcacherw -mod=mod' }, stdio: 'pipe' });
  writeFileSync(join(work, 'go.mod'), GOMOD); // keep the go.mod as written; go.sum stays from go
  expect(existsSync(join(work, 'go.sum'))).toBe(true);
  goLines = execFileSync(GO as string, ['mod', 'graph'], { cwd: work, env, encoding: 'utf8' })
    .split('\n')
    .filter((l) => l !== '');
  const c = cliFetchContext({ cwd: work, env, stdout: () => {}, stderr: () => {} });
  if ('error' in c) throw new Error(c.error);
  return loadGraphModel(c.ctx, c.deps);
}

describe('graph view in Chromium', () => {
  let browser: Browser;
  let server: ViteDevServer;
  let url: string;

  beforeAll(async () => {
    model = await prepareModel();
    ({ server, url } = await startApp());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (root) {
      makeWritable(root);
      rmSync(root, { recursive: true, force: true });
    }
  });

  async function open(page: Page, m: GraphModel, hash = ''): Promise<void> {
    await page.addInitScript((data) => {
      (window as unknown as { __MODEL__: unknown }).__MODEL__ = data;
    }, m);
    await page.goto(`${url}e2e/fixtures/graph.html${hash}`);
    await page.waitForSelector('[data-testid=graph-surface][data-renderer=svg]');
    await page.waitForFunction((n) => document.querySelectorAll('g.node').length === n, m.nodes.length);
  }

  it('shows exactly the model (= go mod graph) nodes and edges; details, filters, keyboard, URL state', async () => {
    // the model is real go's graph
    expect(modGraphLines(model)).toEqual(goLines);
    expect(model.nodes.some((n) => n.replacement)).toBe(true);
    expect(model.nodes.some((n) => n.retracted)).toBe(true);
    expect(model.nodes.some((n) => !n.selected)).toBe(true);

    const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    const errors = watchErrors(page);
    await open(page, model);

    const ids = await page.$$eval('g.node', (els) => els.map((e) => e.getAttribute('data-id')));
    expect(ids.slice().sort()).toEqual(model.nodes.map((n) => n.id).sort());
    const edges = await page.$$eval('g.edge', (els) => els.map((e) => `${e.getAttribute('data-from')} ${e.getAttribute('data-to')} ${e.getAttribute('data-status')}`));
    expect(edges.slice().sort()).toEqual(model.edges.map((e) => `${e.from} ${e.to} ${e.status}`).sort());
    const loaded = edges.filter((e) => e.endsWith(' loaded')).map((e) => e.replace(/ loaded$/, ''));
    expect(loaded.sort()).toEqual(goLines.slice().sort());
    const tokens = new Set<string>(model.main);
    for (const l of goLines) for (const t of l.split(' ')) tokens.add(t);
    expect(model.nodes.filter((n) => n.inGraph).map((n) => n.id).sort()).toEqual([...tokens].sort());
    // kinds as data attributes
    for (const n of model.nodes) {
      expect(await page.getAttribute(`g.node[data-id="${n.id}"]`, 'data-kind')).toBe(n.kind);
    }

    // click a node: details and why-this-version
    const target = model.nodes.find((n) => n.path === 'rsc.io/sampler' && n.selected)!;
    await page.click(`g.node[data-id="${target.id}"]`);
    await expect.poll(() => page.getByTestId('details-id').textContent()).toBe(target.id);
    const whyText = await page.getByTestId('why-version').textContent();
    expect(whyText).toContain(`MVS selected ${target.version}`);
    expect(await page.getByTestId('why-path').textContent()).toContain(model.main[0]);
    expect(await page.locator('g.node.on-path').count()).toBeGreaterThan(1);
    expect(new URL(page.url()).hash).toContain('g.sel=' + encodeURIComponent(target.id).replace(/%20/g, '+'));
    await screenshot(page, 'graph');

    // filters
    await page.uncheck('input[data-filter=indirect]');
    const noIndirect = filterGraph(model, { indirect: false });
    await expect.poll(() => page.locator('g.node').count()).toBe(noIndirect.nodes.length);
    expect(await page.locator('g.edge').count()).toBe(noIndirect.edges.length);
    await page.check('input[data-filter=indirect]');
    await page.uncheck('input[data-filter=notSelected]');
    await expect.poll(() => page.locator('g.node').count()).toBe(filterGraph(model, { notSelected: false }).nodes.length);
    await page.check('input[data-filter=notSelected]');
    await expect.poll(() => page.locator('g.node').count()).toBe(model.nodes.length);

    // force layout: same nodes and edges, different positions; kept in the hash
    const before = await page.getAttribute(`g.node[data-id="${model.main[0]}"]`, 'transform');
    await page.selectOption('select[aria-label=Layout]', 'force');
    await expect.poll(() => page.getAttribute(`g.node[data-id="${model.main[0]}"]`, 'transform')).not.toBe(before);
    expect(await page.locator('g.node').count()).toBe(model.nodes.length);
    expect(await page.locator('g.edge').count()).toBe(model.edges.length);
    expect(new URL(page.url()).hash).toContain('g.layout=force');
    await page.selectOption('select[aria-label=Layout]', 'layered');

    // keyboard: Escape clears, arrows move from the main module, Enter selects
    const surface = page.getByTestId('graph-surface');
    await surface.focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => surface.getAttribute('data-selected')).toBe('');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => surface.getAttribute('data-focused')).toBe(model.main[0]);
    const widths = new Map(model.nodes.map((n) => [n.id, nodeWidth(n)] as const));
    const lay = layeredLayout(filterGraph(model), { roots: model.main, nodeWidth: (id) => widths.get(id) ?? 160, nodeHeight: NODE_H });
    const next = neighborInDirection(lay, model.main[0]!, 'right');
    expect(next).not.toBe(model.main[0]);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => surface.getAttribute('data-focused')).toBe(next);
    await page.keyboard.press('Enter');
    await expect.poll(() => surface.getAttribute('data-selected')).toBe(next);
    await expect.poll(() => page.getByTestId('details-id').textContent()).toBe(next);

    // the state survives a reload through the URL hash
    await page.uncheck('input[data-filter=toolchain]');
    const hash = new URL(page.url()).hash;
    expect(hash).toContain('g.hide=toolchain');
    await page.reload();
    await page.waitForSelector('[data-testid=graph-surface][data-renderer=svg]');
    await expect.poll(() => surface.getAttribute('data-selected')).toBe(next);
    await expect.poll(() => page.locator('g.node').count()).toBe(filterGraph(model, { toolchain: false }).nodes.length);
    expect(await page.isChecked('input[data-filter=toolchain]')).toBe(false);

    // search
    await page.fill('input[type=search]', 'rsc.io/');
    const hits = model.nodes.filter((n) => n.id.toLowerCase().includes('rsc.io/') && (n.kind !== 'toolchain')).length;
    await expect.poll(() => page.getByTestId('match-count').textContent()).toBe(`${hits} match${hits === 1 ? '' : 'es'}`);
    expect(await page.locator('g.node.match').count()).toBe(hits);
    await page.fill('input[type=search]', '');

    // focus on the dependencies / dependents of a module
    const quote = model.nodes.find((n) => n.path === 'rsc.io/quote')!;
    await page.click(`g.node[data-id="${quote.id}"]`);
    await page.getByRole('button', { name: 'dependencies of selected' }).click();
    const deps = filterGraph(model, { toolchain: false, focus: { id: quote.id, mode: 'deps' } });
    await expect.poll(() => page.locator('g.node').count()).toBe(deps.nodes.length);
    expect(await page.locator('g.edge').count()).toBe(deps.edges.length);
    await page.getByRole('button', { name: 'dependents of selected' }).click();
    const dependents = filterGraph(model, { toolchain: false, focus: { id: quote.id, mode: 'dependents' } });
    await expect.poll(() => page.locator('g.node').count()).toBe(dependents.nodes.length);
    await page.getByRole('button', { name: 'show all' }).click();

    // exports: JSON and DOT of what is shown, SVG with module paths as text
    const [jsonDl] = await Promise.all([page.waitForEvent('download'), page.click('button[data-export=json]')]);
    const exported = JSON.parse(readFileSync((await jsonDl.path())!, 'utf8')) as GraphModel;
    const shown = filterGraph(model, { toolchain: false });
    expect(exported.nodes.map((n) => n.id)).toEqual(shown.nodes.map((n) => n.id));
    expect(exported.edges.length).toBe(shown.edges.length);
    const [dotDl] = await Promise.all([page.waitForEvent('download'), page.click('button[data-export=dot]')]);
    const dot = readFileSync((await dotDl.path())!, 'utf8');
    expect(dot.split('\n').filter((l) => l.includes(' -> ')).length).toBe(shown.edges.length);
    const [svgDl] = await Promise.all([page.waitForEvent('download'), page.click('button[data-export=svg]')]);
    const svgText = readFileSync((await svgDl.path())!, 'utf8');
    for (const n of shown.nodes) expect(svgText).toContain(`>${n.id}</text>`);
    const [pngDl] = await Promise.all([page.waitForEvent('download'), page.click('button[data-export=png]')]);
    expect(readFileSync((await pngDl.path())!).subarray(1, 4).toString()).toBe('PNG');

    // module strings are text, never markup
    expect(await page.locator('g.node text').first().evaluate((e) => e.children.length)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders a 10,000-module graph on a canvas; prints pan/zoom frame times', async () => {
    const n = 10_000;
    const expected = syntheticGraphModel(n, 1);
    const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    const errors = watchErrors(page);
    const t0 = Date.now();
    await page.goto(`${url}e2e/fixtures/graph.html?synthetic=${n}&seed=1`);
    await page.waitForSelector('[data-testid=graph-surface][data-renderer=canvas]', { timeout: 120_000 });
    await page.waitForFunction(() => Number((document.querySelector('[data-testid=graph-surface]') as HTMLElement).dataset.draws ?? '0') > 0, undefined, {
      timeout: 120_000,
    });
    const firstDraw = Date.now() - t0;
    const surface = page.getByTestId('graph-surface');
    expect(Number(await surface.getAttribute('data-nodes'))).toBe(expected.nodes.length);
    expect(Number(await surface.getAttribute('data-edges'))).toBe(expected.edges.length);

    await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __draws: number[]; __rec: boolean };
      w.__frames = [];
      w.__draws = [];
      w.__rec = true;
      const el = document.querySelector('[data-testid=graph-surface]') as HTMLElement;
      new MutationObserver(() => w.__draws.push(Number(el.dataset.drawMs))).observe(el, { attributes: true, attributeFilter: ['data-draws'] });
      let last = performance.now();
      const loop = (t: number) => {
        w.__frames.push(t - last);
        last = t;
        if (w.__rec) requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    });
    const box = (await page.locator('canvas').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.mouse.move(cx, cy);
    for (let i = 0; i < 10; i++) {
      await page.mouse.wheel(0, -240);
      await page.waitForTimeout(30);
    }
    await page.mouse.down();
    for (let i = 0; i < 30; i++) await page.mouse.move(cx - i * 12, cy - i * 5);
    await page.mouse.up();
    for (let i = 0; i < 6; i++) {
      await page.mouse.wheel(0, 300);
      await page.waitForTimeout(30);
    }
    const stats = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __draws: number[]; __rec: boolean };
      w.__rec = false;
      return { frames: w.__frames.slice(1), draws: w.__draws };
    });
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const p95 = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0;
    console.log(
      `graph view, ${n} modules / ${expected.edges.length} edges (canvas): first draw ${firstDraw} ms after navigation; ` +
        `pan/zoom: ${stats.draws.length} redraws, draw mean ${mean(stats.draws).toFixed(1)} ms, p95 ${p95(stats.draws).toFixed(1)} ms; ` +
        `frame interval mean ${mean(stats.frames).toFixed(1)} ms, p95 ${p95(stats.frames).toFixed(1)} ms (goal < 33 ms)`,
    );
    expect(stats.draws.length).toBeGreaterThan(5);

    // a click on the canvas selects the node under the pointer: zoom in on the main module first
    await surface.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => surface.getAttribute('data-focused')).toBe(expected.main[0]);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('details-id').textContent()).toBe(expected.main[0]);
    await screenshot(page, 'graph-10k');
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
  it("marks a preview's additions and removals on the canvas as in SVG (2,000 modules, pixels sampled)", async () => {
    const base = syntheticGraphModel(2000, 1);
    const after = syntheticChange(base, 12);
    const d = graphDiff(base, after);
    const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const near = (px: number[], hex: string) => rgb(hex).every((c, i) => Math.abs(c - px[i]!) <= 48);
    const report: string[] = [];
    for (const show of ['current', 'after'] as const) {
      const m = show === 'after' ? after : base;
      const marks = diffMarksFor(d, show);
      const mark = show === 'after' ? 'added' : 'removed';
      const markedIds = [...(show === 'after' ? marks.addedNodes : marks.removedNodes)];
      expect(markedIds.length).toBe(12);
      const color = DIFF_STROKE[mark].stroke;

      // SVG renderer (threshold raised): exactly the marked nodes carry the mark and its stroke.
      const svgPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const svgErrors = watchErrors(svgPage);
      await svgPage.goto(`${url}e2e/fixtures/graph.html?synthetic=2000&seed=1&diff=${show}&diff-n=12&threshold=100000`);
      await svgPage.waitForSelector('[data-testid=graph-surface][data-renderer=svg]', { timeout: 60_000 });
      await svgPage.waitForFunction((n) => document.querySelectorAll('g.node').length === n, m.nodes.length, { timeout: 60_000 });
      await expect.poll(() => svgPage.locator(`g.node[data-marks~=${mark}]`).count()).toBe(12);
      const svgMarked = await svgPage.locator(`g.node[data-marks~=${mark}]`).evaluateAll((els) => els.map((e) => [e.getAttribute('data-id'), e.querySelector('rect')!.getAttribute('stroke')]));
      expect(svgMarked.map(([id]) => id).sort()).toEqual(markedIds.slice().sort());
      for (const [, stroke] of svgMarked) expect(stroke).toBe(color);
      const markedEdges = show === 'after' ? marks.addedEdges : marks.removedEdges;
      expect(await svgPage.locator(`g.edge[data-marks~=${mark}]`).count()).toBe(markedEdges.size);
      expect(svgErrors).toEqual([]);
      await svgPage.close();

      // Canvas renderer: zoom in on marked and unmarked nodes and read the outline's pixels.
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const errors = watchErrors(page);
      await page.goto(`${url}e2e/fixtures/graph.html?synthetic=2000&seed=1&diff=${show}&diff-n=12`);
      await page.waitForSelector('[data-testid=graph-surface][data-renderer=canvas]', { timeout: 60_000 });
      const surface = page.getByTestId('graph-surface');
      await expect.poll(() => surface.getAttribute('data-draws'), { timeout: 60_000 }).not.toBeNull();
      const sub = filterGraph(m, filterOf(defaultViewState));
      const widths = new Map(sub.nodes.map((n) => [n.id, nodeWidth(n)] as const));
      const lay = layeredLayout(sub, { roots: m.main, nodeWidth: (id) => widths.get(id) ?? 160, nodeHeight: NODE_H });
      const box = (await page.locator('canvas').boundingBox())!;
      const transform = async () => (await surface.getAttribute('data-transform'))!.split(',').map(Number) as [number, number, number];
      const plain = m.nodes.filter((n) => n.kind === 'indirect' && n.selected && !n.replacement && !n.retracted && !markedIds.includes(n.id)).map((n) => n.id);
      const sample = async (id: string): Promise<number> => {
        const p = lay.pos.get(id)!;
        // zoom in around the node (d3-zoom keeps the point under the pointer)
        for (let i = 0; i < 12; i++) {
          const [tx, ty, k] = await transform();
          if (k >= 1.5) break;
          await page.mouse.move(box.x + tx + p.x * k, box.y + ty + p.y * k);
          const draws = await surface.getAttribute('data-draws');
          await page.mouse.wheel(0, -400);
          await expect.poll(() => surface.getAttribute('data-draws')).not.toBe(draws);
        }
        const [tx, ty, k] = await transform();
        // five points on the top side of the outline, around the pointer
        const points = [-20, -10, 0, 10, 20].map((dx) => [tx + (p.x + dx) * k, ty + (p.y - NODE_H / 2) * k] as const);
        const px = await page.locator('canvas').evaluate((c: HTMLCanvasElement, pts) => {
          const ctx = c.getContext('2d')!;
          const dpr = window.devicePixelRatio || 1;
          return pts.map(([x, y]) => Array.from(ctx.getImageData(Math.round(x * dpr), Math.round(y * dpr), 1, 1).data));
        }, points);
        // back to the whole graph for the next node
        await surface.focus();
        const draws = await surface.getAttribute('data-draws');
        await page.keyboard.press('0');
        await expect.poll(() => surface.getAttribute('data-draws')).not.toBe(draws);
        return px.filter((x) => near(x, color)).length;
      };
      const hits: number[] = [];
      for (const id of markedIds.slice(0, 4)) hits.push(await sample(id));
      const misses: number[] = [];
      for (const id of plain.slice(0, 3)) misses.push(await sample(id));
      for (const h of hits) expect(h).toBeGreaterThan(0);
      for (const h of misses) expect(h).toBe(0);
      report.push(`${show}: ${mark} outline pixels on marked nodes ${hits.join('/')} of 5, on unmarked ${misses.join('/')}`);
      if (show === 'after') await screenshot(page, 'graph-canvas-marks');
      expect(errors).toEqual([]);
      await page.close();
    }
    console.log(`graph preview marks, 2,000 modules: SVG and canvas mark the same 12 removed / 12 added modules; ${report.join('; ')}`);
  }, 240_000);
});

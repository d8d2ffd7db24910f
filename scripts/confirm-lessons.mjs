// Runs every lesson of the Learn tab (src/ui/lessons/lessons.ts) with the real Go 1.23 on the same
// universe the page uses (public/demo/lessons/<id>.txtar, served through a file:// GOPROXY) and
// records what go printed into src/ui/lessons/confirmed.json — the texts the lessons quote. Paths
// that legitimately differ are written as the page sees them: the repository as /repo, the module
// cache as /gomodcache, the proxy as file:///modscope/lesson-proxy.
//
// Run: node scripts/confirm-lessons.mjs   (offline; GOTOOLCHAIN=local, GOSUMDB=off, fresh caches)
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { GO, goEnv } from './gotool.mjs';

const ROOT = join(import.meta.dirname, '..');
export const LESSON_PROXY = '/modscope/lesson-proxy';

// The lesson data and helpers are TypeScript: bundle them for Node.
const bundled = await build({
  stdin: {
    contents: `export * from './src/ui/lessons/lessons'; export * from './src/ui/lessons/tamper'; export { parseUniverse } from './src/worker/universe'; export { nodeHasher } from './src/io/nodeHasher'; export { escapePath, escapeVersion } from './src/core/module';`,
    resolveDir: ROOT,
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  platform: 'node',
  write: false,
  logLevel: 'error',
});
const tmpMod = join(mkdtempSync(join(tmpdir(), 'modscope-confirm-')), 'lessons.mjs');
writeFileSync(tmpMod, bundled.outputFiles[0].text);
const L = await import(tmpMod);

function writeTree(dir, files) {
  for (const [p, d] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), d);
  }
}
function readTree(dir) {
  const out = {};
  const walk = (d, rel) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      const r = rel ? rel + '/' + n : n;
      if (statSync(p).isDirectory()) walk(p, r);
      else out[r] = readFileSync(p, 'utf8');
    }
  };
  walk(dir, '');
  return out;
}
function makeWritable(p) {
  if (!existsSync(p)) return;
  chmodSync(p, 0o755);
  if (statSync(p).isDirectory()) for (const n of readdirSync(p)) makeWritable(join(p, n));
}

const out = {};
for (const lesson of L.lessons) {
  const u = L.parseUniverse(readFileSync(join(ROOT, `public/demo/lessons/${lesson.universe}.txtar`)));
  const base = mkdtempSync(join(tmpdir(), `modscope-lesson-${lesson.id}-`));
  const repo = join(base, 'repo');
  const ctxDir = join(base, 'docker-context');
  const proxy = join(base, 'proxy');
  const modcache = join(base, 'modcache');
  const gocache = join(base, 'gocache');
  mkdirSync(repo, { recursive: true });
  writeTree(repo, Object.fromEntries(Object.entries(u.repo)));
  writeTree(proxy, Object.fromEntries(u.proxyDir ?? []));
  const norm = (s) =>
    s
      .replaceAll(`file://${proxy}`, `file://${LESSON_PROXY}`)
      .replaceAll(modcache, '/gomodcache')
      // go prints a file path relative to the working directory when that is shorter
      // (base.ShortPath): here ../modcache/x beats the long temp path, while in the page's layout
      // (/repo, /gomodcache) the absolute /gomodcache/x is the shorter one.
      .replaceAll('../modcache/', '/gomodcache/')
      .replaceAll(ctxDir, '/repo')
      .replaceAll(repo, '/repo')
      .replaceAll(proxy, LESSON_PROXY);
  const run = (line, cwd) => {
    const { env, argv } = L.parseLine(line);
    const r = spawnSync(GO, argv, {
      cwd,
      encoding: 'utf8',
      env: goEnv({ GOPROXY: `file://${proxy}`, GOMODCACHE: modcache, GOCACHE: gocache, GOPATH: join(base, 'gopath'), HOME: base, GOFLAGS: '-modcacherw', ...env }),
    });
    const files = readTree(cwd);
    return {
      line,
      stdout: norm(r.stdout),
      stderr: norm(r.stderr),
      exitCode: r.status ?? -1,
      gomod: files['go.mod'] ?? null,
      gosum: files['go.sum'] ?? null,
    };
  };
  let prevKeys;
  for (const [i, step] of lesson.steps.entries()) {
    const key = L.confirmKey(lesson.id, i);
    if (step.kind === 'run') {
      out[key] = run(step.line, repo);
    } else if (step.kind === 'write') {
      writeFileSync(join(repo, step.file), step.text);
    } else if (step.kind === 'remove') {
      rmSync(join(repo, step.file), { force: true });
    } else if (step.kind === 'tamper') {
      const rel = `cache/download/${L.escapePath(step.module)}/@v/${L.escapeVersion(step.version)}`;
      makeWritable(join(modcache, 'cache'));
      const t = await L.tamperZip(new Uint8Array(readFileSync(join(modcache, rel + '.zip'))), L.nodeHasher);
      writeFileSync(join(modcache, rel + '.zip'), t.zip);
      writeFileSync(join(modcache, rel + '.ziphash'), t.ziphash);
      const extracted = join(modcache, `${L.escapePath(step.module)}@${L.escapeVersion(step.version)}`);
      makeWritable(extracted);
      rmSync(extracted, { recursive: true, force: true });
      out[key] = { changed: t.changed, ziphash: t.ziphash };
    } else if (step.kind === 'zipfiles') {
      const rel = `cache/download/${L.escapePath(step.module)}/@v/${L.escapeVersion(step.version)}.zip`;
      out[key] = { files: L.zipFileNames(new Uint8Array(readFileSync(join(modcache, rel)))) };
    } else if (step.kind === 'docker') {
      const files = readTree(repo);
      const plan = L.dockerPlan(files, prevKeys);
      prevKeys = plan.keys;
      for (const [li, layer] of L.dockerLayers.entries()) {
        if (!plan.rerun[li]) continue;
        rmSync(ctxDir, { recursive: true, force: true });
        mkdirSync(ctxDir, { recursive: true });
        const names = layer.copy === 'all' ? Object.keys(files) : layer.copy;
        for (const n of names) if (files[n] !== undefined) cpSync(join(repo, n), join(ctxDir, n));
        out[L.confirmKey(lesson.id, i, li)] = run(layer.run, ctxDir);
      }
      rmSync(ctxDir, { recursive: true, force: true });
    }
  }
  makeWritable(modcache);
  rmSync(base, { recursive: true, force: true });
}
const goVersion = spawnSync(GO, ['version'], { encoding: 'utf8', env: goEnv() }).stdout.trim();
const text = JSON.stringify({ go: goVersion, recorded: out }, null, 2) + '\n';
writeFileSync(join(ROOT, 'src/ui/lessons/confirmed.json'), text);
console.log(`wrote src/ui/lessons/confirmed.json (${Object.keys(out).length} entries, ${goVersion})`);

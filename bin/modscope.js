#!/usr/bin/env node
// The `modscope` command: the bundled CLI built by `npm install` (scripts/build-cli.mjs).
// A CommonJS script (bin/package.json): Node starts one without its ES module loader.
const { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { setFlagsFromString } = require('node:v8');
const { Script } = require('node:vm');

// A command is a short-lived process whose code mostly runs a few hundred times: V8's optimizing
// compiler (TurboFan, on a background thread) would cost more CPU than it saves. Tier up 7x later
// (V8's default budget is 66 KB of bytecode executed): measured on `mod tidy` with a warm cache at
// 600 modules, ~30% less CPU and wall time; long runs still get optimized code.
setFlagsFromString('--interrupt-budget=500000');
// Its heap stays small (tens of MB): incremental marking only adds a full collection, started
// when the code below lands in the old generation, that the command ends before needing.
setFlagsFromString('--no-incremental-marking');

const bundle = join(__dirname, '../dist/modscope.cjs');
const source = readFileSync(bundle, 'utf8');
const args = process.argv.slice(2);

// Compiling the bundle's code is a good part of a short command's time: V8's code cache of the
// functions a command ran, kept per build, Node version and command in the user's cache
// directory (as go's os.UserCacheDir), lets the next run of that command skip parsing and
// compiling them. A cache V8 rejects (other V8 flags) is written anew; any failure to read or
// write one only costs the compilation.
const cache = cacheFile(source, args);
let cachedData;
let from = '';
for (const f of cache ? [cache, cache + '~'] : []) {
  try {
    cachedData = readFileSync(f);
    from = f;
    break;
  } catch {
    // none yet
  }
}
const script = new Script(`(function (exports, require, module) {${source}\n})`, { filename: bundle, cachedData });
const mod = { exports: {} };
script.runInThisContext()(mod.exports, requireBuiltin, mod);
mod.exports.main(args).then((code) => {
  process.exitCode = code;
  if (!cache) return;
  // A cache from a failed run (suffix ~) covers less code: replaced after a successful one.
  const ok = code === 0;
  if (from === '' || script.cachedDataRejected || (ok && from !== cache)) writeCache(ok ? cache : cache + '~', script);
});

/** The bundle requires only Node's builtin modules (everything else is bundled). */
function requireBuiltin(id) {
  const m = process.getBuiltinModule(id);
  if (m === undefined) throw new Error(`modscope: cannot load ${id}`);
  return m;
}

/**
 * <cache dir>/modscope/v8/<build>-<node version>/<command words>, or "" without a cache dir. As the
 * module index (src/io/diskModIndex.ts): MODSCOPE_CACHE=<absolute dir> puts it in <dir>/v8,
 * MODSCOPE_CACHE=off (or MODSCOPE_NOCODECACHE) turns it off.
 */
function cacheFile(src, argv) {
  const build = /^\/\/ modscope-build ([0-9a-f]+)\n/.exec(src)?.[1];
  const env = process.env;
  const own = env.MODSCOPE_CACHE || '';
  const abs = (p) => (p && p.startsWith('/') ? p : '');
  const home = abs(env.XDG_CACHE_HOME) || (abs(env.HOME) ? join(env.HOME, '.cache') : '');
  const base = own === '' ? (home ? join(home, 'modscope') : '') : own === 'off' ? '' : abs(own);
  if (!build || !base || env.MODSCOPE_NOCODECACHE) return '';
  const words = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const a = argv[i];
    if (a === '-C' || a === '--C') i++;
    else if (/^[a-z]+$/.test(a) && (words.length === 0 || words[0] === 'mod' || words[0] === 'work')) words.push(a);
    else if (!a.startsWith('-')) break;
  }
  return join(base, 'v8', `${build}-${process.version}-${process.arch}`, words.join('_') || 'none');
}

/** Writes the code cache atomically, and drops other builds' caches unused for a week. */
function writeCache(file, s) {
  try {
    const dir = dirname(file);
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, s.createCachedData());
    renameSync(tmp, file);
    const top = dirname(dir);
    const old = Date.now() - 7 * 24 * 3600e3;
    for (const d of readdirSync(top)) {
      const p = join(top, d);
      if (p !== dir && statSync(p).mtimeMs < old) rmSync(p, { recursive: true, force: true });
    }
  } catch {
    // no cache this time
  }
}

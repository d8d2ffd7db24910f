// The fuzz targets: for each parser of untrusted input, how to make inputs, how to run one
// (returning a result; throwing only on a crash), which properties must hold, and how to ask
// the Go oracle (scripts/oracle: oracle_fuzz.go and the existing ops) for its verdict.
import { formatGoSum, MalformedGoSumError, parseGoSum } from '../gosum';
import { ErrorList, format as formatMod, ModfileError, parse as parseMod, parseLax, parseWork } from '../modfile';
import { SyntaxError as ModSyntaxError } from '../modfile/gostr';
import * as semver from '../semver';
import { checkError, canonicalVersion, escapePath, escapeVersion, filePathError, importPathError, InvalidPathError, InvalidVersionError, ModuleError, modulePathError, splitPathVersion, unescapePath, unescapeVersion } from '../module';
import { utf8Decode, utf8Encode } from '../gostrings';
import { parseTxtar, formatTxtar } from '../txtar';
import { readImports, scanGoFile } from '../imports/scan';
import { exprString, isGoBuild, isPlusBuild, tryParseConstraint } from '../imports/constraint';
import { getConstraints } from '../imports/match';
import { mutate, utf8, type MutateContext } from './mutate';
import { Rng } from './rng';
import { type Corpus, type RunResult, type Target, Crash, PlainError, typed, decode, b64, unb64, show } from './target';
import { zipTarget, inflateTarget } from './zipTargets';

export * from './target';
export { zipMod, fuzzLimits, BOMB_SIZE, bomb, zeroDeflate } from './zipTargets';

// ---------------------------------------------------------------------------------------------
// go.mod / go.work

const modDict = [
  'module', 'go', 'toolchain', 'godebug', 'require', 'exclude', 'replace', 'retract', 'use', 'tool', '=>', '(', ')', '//', '/*', '*/',
  '// indirect', '// Deprecated: x', '"', '`', '"a\\"b"', '`raw`', 'example.com/m', 'example.com/a/v2', 'golang.org/x/text', 'v1.2.3',
  'v0.0.0-20200101000000-abcdefabcdef', 'v2.0.0+incompatible', 'v1.0.0-pre.1', 'v1', 'v1.2', 'latest', 'none', '1.21', '1.23.0',
  'go1.23.1', 'default', '1.21rc1', '[v1.0.0, v1.2.0]', '[v1.0.0,v1.2.0]', '[', ']', ',', './local', '../x', '/abs', 'key=value',
  'default=go1.21', '\\', '\r', '\t', '\u00a0', '0', '.', '@', '+', 'gopkg.in/yaml.v2', 'v1.2.3 // indirect; comment',
];

const modErrs = [ErrorList, ModfileError, ModSyntaxError];

function modTarget(name: string, kind: 'strict' | 'lax' | 'work'): Target {
  const file = kind === 'work' ? 'go.work' : 'go.mod';
  const p = (x: Uint8Array | string) => (kind === 'strict' ? parseMod(file, x) : kind === 'lax' ? parseLax(file, x) : parseWork(file, x));
  return {
    name,
    corpus: kind === 'work' ? 'gowork' : 'gomod',
    dict: modDict,
    maxLen: 64 << 10,
    run(x) {
      let f;
      try {
        f = p(x);
      } catch (e) {
        return { err: typed(e, modErrs), props: [] };
      }
      const out1 = formatMod(f.syntax);
      const props: string[] = [];
      let out2: string | undefined;
      try {
        out2 = formatMod(p(out1).syntax);
      } catch (e) {
        props.push(`reparse of formatted output failed: ${typed(e, modErrs)}`);
      }
      if (out2 !== undefined && out2 !== out1) props.push('format(parse(format(parse(x)))) != format(parse(x))');
      return { out: out1, props };
    },
    oracle: (x) => [{ op: 'fuzz.modfile', args: [kind, b64(x)] }],
    compare(_x, ours, [go]) {
      const g = go as { err: string | null; errB64?: string; formatted?: string; reErr?: string; reformatted?: string };
      const diffs: string[] = [];
      // Go's texts as bytes, decoded as modscope decodes bytes (invalid UTF-8 kept as escapes): exact
      const goErr = g.errB64 !== undefined ? utf8Decode(unb64(g.errB64)) : undefined;
      if (goErr !== ours.err) return [`error: ours ${show(ours.err)} go ${show(goErr)}`];
      if (ours.err !== undefined) return [];
      const goOut = utf8Decode(unb64(g.formatted ?? ''));
      if (goOut !== ours.out) diffs.push(`format: ours ${show(ours.out)} go ${show(goOut)}`);
      // a round-trip failure counts only where Go's printer is idempotent on this input
      const goIdem = g.reErr == null && g.reformatted === g.formatted;
      if (goIdem) diffs.push(...ours.props);
      return diffs;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// go.sum

const sumTarget: Target = {
  name: 'gosum',
  corpus: 'gosum',
  dict: ['example.com/m', 'v1.0.0', 'v1.0.0/go.mod', 'h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=', 'h1:abc=', 'h2:x', ' ', '\n', '\t', '\r', '\u00a0'],
  maxLen: 64 << 10,
  run(x) {
    let m;
    try {
      m = parseGoSum('go.sum', x);
    } catch (e) {
      return { err: typed(e, [MalformedGoSumError]), props: [] };
    }
    const s1 = formatGoSum(m);
    const props: string[] = [];
    try {
      const s2 = formatGoSum(parseGoSum('go.sum', s1));
      if (s2 !== s1) props.push('formatGoSum(parseGoSum(formatGoSum(parseGoSum(x)))) != formatGoSum(parseGoSum(x))');
    } catch (e) {
      props.push(`reparse of formatted go.sum failed: ${typed(e, [MalformedGoSumError])}`);
    }
    return { out: s1, props };
  },
};

// ---------------------------------------------------------------------------------------------
// txtar

function txtarView(a: { comment: Uint8Array; files: { name: string; data: Uint8Array }[] }) {
  return { comment: b64(a.comment), files: a.files.map((f) => ({ name: b64(utf8Encode(f.name)), data: b64(f.data) })) };
}

const txtarTarget: Target = {
  name: 'txtar',
  corpus: 'txtar',
  dict: ['-- a.txt --', '-- go.mod --', '--  --', '-- x --\n', '--', ' --', '-- ', '\n', '\r\n', '-- a b --', '-- \u00e9 --'],
  maxLen: 128 << 10,
  run(x) {
    const a = parseTxtar(x);
    const f1 = formatTxtar(a);
    const f2 = formatTxtar(parseTxtar(f1));
    const props: string[] = [];
    if (b64(f1) !== b64(f2)) props.push('format(parse(format(parse(x)))) != format(parse(x))');
    return { out: txtarView(a), props };
  },
  oracle: (x) => [{ op: 'txtar.parse', args: [b64(x)] }],
  compare(_x, ours, [go]) {
    const g = go as { comment: string; files: { name: string; data: string }[] };
    // names as the bytes they stand for (invalid UTF-8 survives modscope's decoding)
    const gv = { comment: g.comment, files: g.files.map((f) => ({ name: f.name, data: f.data })) };
    return show(gv) === show(ours.out) ? ours.props : [`parse: ours ${show(ours.out)} go ${show(gv)}`, ...ours.props];
  },
};

// ---------------------------------------------------------------------------------------------
// semver and module paths

const verDict = ['v', 'v1', 'v1.2', 'v1.2.3', '-pre', '+build', '.', '0', '00', '-', '+incompatible', 'v2', 'v0.0.0-20200101000000-abcdefabcdef', '-0', '\n', 'x', 'vV'];

function twoStrings(x: Uint8Array): [string, string] {
  const s = decode(x);
  const i = s.indexOf('\n');
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}

const semverTarget: Target = {
  name: 'semver',
  corpus: 'strings',
  dict: verDict,
  maxLen: 512,
  run(x) {
    const [a, b] = twoStrings(x);
    const out = {
      isValid: semver.isValid(a), canonical: semver.canonical(a), major: semver.major(a), majorMinor: semver.majorMinor(a),
      prerelease: semver.prerelease(a), build: semver.build(a), compare: semver.compare(a, b), max: semver.max(a, b),
    };
    const props: string[] = [];
    if (semver.canonical(out.canonical) !== out.canonical) props.push('canonical is not idempotent');
    if (semver.compare(b, a) !== -out.compare) props.push('compare is not antisymmetric');
    if (out.isValid && semver.compare(a, out.canonical) !== 0 && semver.build(a) === '') props.push('canonical compares unequal');
    return { out, props };
  },
  oracle: (x) => [{ op: 'fuzz.semver', args: twoStrings(x) }],
  compare(_x, ours, [go]) {
    return sameKeys(go, ours.out) ? ours.props : [`ours ${show(ours.out)} go ${show(go)}`, ...ours.props];
  },
};

function sameKeys(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => JSON.stringify(Object.entries(v as object).sort(([x], [y]) => (x < y ? -1 : 1)));
  return norm(a) === norm(b);
}

const modErr = (e: Error | null) => (e ? e.message : null);
const moduleErrs = [InvalidPathError, InvalidVersionError, ModuleError, PlainError];
// x/mod/module escapeString returns this error itself (for a version with non-ASCII letters).
const goInternalErrs = ['internal error: inconsistency in EscapePath'];

const moduleTarget: Target = {
  name: 'module',
  corpus: 'strings',
  dict: ['example.com', '/', 'v2', '/v2', '.v1', 'gopkg.in/', '!', 'A', '~', '..', '.', '@', 'com1', 'CON', 'x.', ' ', '%', 'é', '\\', 'v1.0.0', '+incompatible', '\n'],
  maxLen: 512,
  run(x) {
    const [p, v] = twoStrings(x);
    const out: Record<string, unknown> = {
      checkPath: modErr(modulePathError(p)), checkImportPath: modErr(importPathError(p)), checkFilePath: modErr(filePathError(p)),
      check: modErr(checkError(p, v)), canonicalVersion: canonicalVersion(v),
    };
    const sp = splitPathVersion(p);
    out.split = [sp.prefix, sp.pathMajor, sp.ok];
    const props: string[] = [];
    const tryIt = (k: string, f: () => string) => {
      try {
        out[k] = f();
      } catch (e) {
        out[k + 'Err'] = typed(e, moduleErrs, goInternalErrs);
      }
    };
    tryIt('escapePath', () => escapePath(p));
    tryIt('escapeVersion', () => escapeVersion(v));
    tryIt('unescapePath', () => unescapePath(p));
    tryIt('unescapeVersion', () => unescapeVersion(v));
    if (typeof out.escapePath === 'string') {
      try {
        if (unescapePath(out.escapePath) !== p) props.push('unescapePath(escapePath(p)) != p');
      } catch (e) {
        props.push(`unescapePath(escapePath(p)) failed: ${typed(e, moduleErrs)}`);
      }
    }
    if (typeof out.escapeVersion === 'string') {
      try {
        if (unescapeVersion(out.escapeVersion) !== v) props.push('unescapeVersion(escapeVersion(v)) != v');
      } catch (e) {
        props.push(`unescapeVersion(escapeVersion(v)) failed: ${typed(e, moduleErrs)}`);
      }
    }
    return { out, props };
  },
  oracle: (x) => [{ op: 'fuzz.module', args: twoStrings(x) }],
  compare(_x, ours, [go]) {
    const g = go as Record<string, unknown>;
    const o = ours.out as Record<string, unknown>;
    const diffs: string[] = [];
    for (const k of new Set([...Object.keys(g), ...Object.keys(o)])) {
      if (show(g[k] ?? null) !== show(o[k] ?? null)) diffs.push(`${k}: ours ${show(o[k])} go ${show(g[k])}`);
    }
    return [...diffs, ...ours.props];
  },
};

function genModuleStrings(r: Rng): Uint8Array {
  const elem = () => r.pick(['example', 'com', 'x', 'A', 'v2', 'v0', 'gopkg', 'yaml.v2', 'a.b', 'a-b', 'a_b', 'a~b', 'COM1', 'aux', '.', '..', '-x', 'x.', '!x', '']);
  const n = r.range(1, 5);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(elem());
  const p = (r.chance(0.6) ? 'example.com/' : '') + parts.join('/');
  const v = r.pick(['v1.0.0', 'v2.0.0', 'v2.0.0+incompatible', 'v0.0.0-20200101000000-abcdefabcdef', 'v1.0.0-Pre', 'v1', 'V1.0.0', 'v1.0.0+meta', 'latest', '']);
  return utf8(`${p}\n${v}`);
}

// ---------------------------------------------------------------------------------------------
// Go import scanner and build constraints

const goDict = [
  'package p', 'package', 'import', '"fmt"', '`os`', '(', ')', ';', '\n', '//go:build linux', '// +build linux', '/*', '*/', '//', '"\\x00"',
  '"\\"', '\'', '.', '_', 'C', 'import "C"', '\u0000', 'func', '//go:binary-only-package', '\ufeff', '"a b"', 'x "y"', '. "z"',
];

const importsTarget: Target = {
  name: 'imports',
  corpus: 'gofile',
  dict: goDict,
  maxLen: 64 << 10,
  run(x) {
    const a = readImports(x, false);
    const b = readImports(x, true);
    scanGoFile('dir/x.go', x);
    getConstraints(x);
    return { out: [a, b].map((r) => ({ header: b64(r.header), imports: r.imports, err: r.error ?? null })), props: [] };
  },
  oracle: (x) => [false, true].map((rep) => ({ op: 'imports.readImports', args: [b64(x), rep] })),
  compare(_x, ours, replies) {
    const o = ours.out as { header: string; imports: string[]; err: string | null }[];
    const diffs: string[] = [];
    replies.forEach((go, i) => {
      const g = go as { header: string; imports: string[] | null; err?: string };
      const gv = { header: g.header, imports: g.imports ?? [], err: g.err ?? null };
      if (show(gv) !== show(o[i])) diffs.push(`readImports(report=${i === 1}): ours ${show(o[i])} go ${show(gv)}`);
    });
    return diffs;
  },
};

const constraintDict = ['//go:build', '// +build', '//go:build ', '&&', '||', '!', '(', ')', 'linux', 'go1.21', ',', ' ', '\t', 'a', '!!', '//go:buildx', '// +buildx'];

function constraintLines(x: Uint8Array): string[] {
  return decode(x).split('\n').slice(0, 32);
}

const constraintTarget: Target = {
  name: 'constraint',
  corpus: 'gofile',
  dict: constraintDict,
  maxLen: 4096,
  generate(r) {
    const lines: string[] = [];
    const n = r.range(1, 6);
    const ex = (d: number): string => {
      const k = r.int(d > 4 ? 2 : 6);
      if (k < 2) return r.pick(['linux', 'go1.21', 'cgo', 'a', 'b_c', 'x.y', 'é', '']);
      if (k === 2) return '!' + ex(d + 1);
      if (k === 3) return ex(d + 1) + r.pick([' && ', '&&', ' || ', ' ']) + ex(d + 1);
      if (k === 4) return '(' + ex(d + 1) + (r.chance(0.9) ? ')' : '');
      return ex(d + 1) + ',' + ex(d + 1);
    };
    for (let i = 0; i < n; i++) lines.push(r.pick(['//go:build ', '// +build ', '//go:build', '//  +build ']) + ex(0));
    return utf8(lines.join('\n'));
  },
  run(x) {
    const out = constraintLines(x).map((line) => {
      const t = tryParseConstraint(line);
      return { isGoBuild: isGoBuild(line), isPlusBuild: isPlusBuild(line), err: t.error?.message ?? null, expr: t.expr ? exprString(t.expr) : null };
    });
    return { out, props: [] };
  },
  oracle: (x) => constraintLines(x).map((line) => ({ op: 'constraint.parse', args: [line] })),
  compare(_x, ours, replies) {
    const o = ours.out as Record<string, unknown>[];
    const diffs: string[] = [];
    replies.forEach((go, i) => {
      const g = go as Record<string, unknown>;
      const gv = { isGoBuild: g.isGoBuild, isPlusBuild: g.isPlusBuild, err: g.err ?? null, expr: g.expr ?? null };
      if (show(gv) !== show(o[i])) diffs.push(`line ${i}: ours ${show(o[i])} go ${show(gv)}`);
    });
    return diffs;
  },
};

export const targets: readonly Target[] = [
  modTarget('gomod.strict', 'strict'),
  modTarget('gomod.lax', 'lax'),
  modTarget('gowork', 'work'),
  sumTarget,
  txtarTarget,
  semverTarget,
  { ...moduleTarget, generate: genModuleStrings },
  importsTarget,
  constraintTarget,
  zipTarget,
  inflateTarget,
];

export function targetByName(name: string): Target {
  const t = targets.find((x) => x.name === name);
  if (!t) throw new Error(`unknown fuzz target ${name}`);
  return t;
}

/** The index-th input of a target for a seed: generated or a mutated corpus entry. */
export function makeInput(t: Target, seed: number, index: number, corpus: Corpus): Uint8Array {
  const r = Rng.forInput(seed, t.name, index);
  const list = corpus[t.corpus];
  let base: Uint8Array;
  if (t.generate && (list.length === 0 || r.chance(0.6))) base = t.generate(r, list);
  else base = list.length > 0 ? r.pick(list) : new Uint8Array(0);
  const ctx: MutateContext = { dict: t.dict, corpus: list, maxLen: t.maxLen };
  if (r.chance(t.mutateRate ?? 0.9)) base = mutate(r, base, ctx);
  return base;
}

/** Runs one input: the result, or a Crash (any exception that is not a typed error). */
export function runInput(t: Target, x: Uint8Array): { result?: RunResult; crash?: string } {
  try {
    return { result: t.run(x) };
  } catch (e) {
    const c = e instanceof Crash ? e : new Crash('unexpected exception', e);
    const stack = c.reason instanceof Error ? (c.reason.stack ?? '').split('\n').slice(0, 6).join('\n') : '';
    return { crash: `${c.message}\n${stack}` };
  }
}

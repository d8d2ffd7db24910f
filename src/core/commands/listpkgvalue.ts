// go list's package values (load.PackagePublic, load.PackageError): their template types, JSON
// form, load.PackageList and the Deps and DepsErrors of listed packages.
import { marshalIndent, type GoJSON } from '../gojson';
import type { GoFileInfo } from '../imports/scan';
import { type ModulePublic, modulePublicString } from '../modload/list';
import { cgoEnabled, contextTags } from '../imports/match';
import { defaultGoRoot } from '../modload/packages/stdlib';
import { cmp } from './listpkgdir';
import { joinFunc, mapOf, parseTemplate, ptrTo, sliceOf, tBool, tString, tTime, type Template, type TFunc, type TStruct } from '../gotmpl';

/** load.PackageError */
export class PackageError {
  constructor(
    public ImportStack: string[],
    readonly Pos: string,
    readonly err: Error,
    public isImportCycle = false,
    readonly alwaysPrintStack = false,
  ) {}
  get Err(): string {
    return this.err.message;
  }
  Error(): string {
    if (this.Pos !== '' && (this.ImportStack.length === 0 || !this.alwaysPrintStack)) return this.Pos + ': ' + this.err.message;
    if (this.ImportStack.length === 0) return this.err.message;
    const optpos = this.Pos !== '' ? '\n\t' + this.Pos : '';
    return 'package ' + this.ImportStack.join('\n\timports ') + optpos + ': ' + this.err.message;
  }
  toJSON(): unknown {
    return { ImportStack: this.ImportStack, Pos: this.Pos, Err: this.err.message };
  }
}

// The Go types templates see (gotmpl: zero values, truth, printing).
const moduleErrorT: TStruct = { k: 'struct', name: 'modinfo.ModuleError', fields: [['Err', tString]] };
/** codehost.Origin */
const originT: TStruct = {
  k: 'struct',
  name: 'codehost.Origin',
  fields: ['VCS', 'URL', 'Subdir', 'Hash', 'TagPrefix', 'TagSum', 'Ref', 'RepoSum'].map((n): [string, typeof tString] => [n, tString]),
};
/** modinfo.ModulePublic */
export const modulePublicT: TStruct = { k: 'struct', name: 'modinfo.ModulePublic', fields: [], str: (m: ModulePublic) => modulePublicString(m) };
modulePublicT.fields.push(
  ['Path', tString],
  ['Version', tString],
  ['Query', tString],
  ['Versions', sliceOf(tString)],
  ['Replace', ptrTo(modulePublicT)],
  ['Time', ptrTo(tTime)],
  ['Update', ptrTo(modulePublicT)],
  ['Main', tBool],
  ['Indirect', tBool],
  ['Dir', tString],
  ['GoMod', tString],
  ['GoVersion', tString],
  ['Retracted', sliceOf(tString)],
  ['Deprecated', tString],
  ['Error', ptrTo(moduleErrorT)],
  ['Sum', tString],
  ['GoModSum', tString],
  ['Origin', ptrTo(originT)],
  ['Reuse', tBool],
);
const packageErrorT: TStruct = {
  k: 'struct',
  name: 'load.PackageError',
  fields: [
    ['ImportStack', sliceOf(tString)],
    ['Pos', tString],
    ['Err', tString],
  ],
  str: (e: PackageError) => e.Error(),
};
const strs = sliceOf(tString);
export const packagePublicT: TStruct = {
  k: 'struct',
  name: 'load.PackagePublic',
  fields: [
    ['Dir', tString], ['ImportPath', tString], ['ImportComment', tString], ['Name', tString], ['Doc', tString], ['Target', tString],
    ['Shlib', tString], ['Root', tString], ['ConflictDir', tString], ['ForTest', tString], ['Export', tString], ['BuildID', tString],
    ['Module', ptrTo(modulePublicT)], ['Match', strs], ['Goroot', tBool], ['Standard', tBool], ['DepOnly', tBool], ['BinaryOnly', tBool],
    ['Incomplete', tBool], ['DefaultGODEBUG', tString], ['Stale', tBool], ['StaleReason', tString], ['GoFiles', strs], ['CgoFiles', strs], ['CompiledGoFiles', strs],
    ['IgnoredGoFiles', strs], ['InvalidGoFiles', strs], ['IgnoredOtherFiles', strs], ['CFiles', strs], ['CXXFiles', strs], ['MFiles', strs], ['HFiles', strs],
    ['FFiles', strs], ['SFiles', strs], ['SwigFiles', strs], ['SwigCXXFiles', strs], ['SysoFiles', strs], ['EmbedPatterns', strs],
    ['EmbedFiles', strs], ['CgoCFLAGS', strs], ['CgoCPPFLAGS', strs], ['CgoCXXFLAGS', strs], ['CgoFFLAGS', strs], ['CgoLDFLAGS', strs],
    ['CgoPkgConfig', strs], ['Imports', strs], ['ImportMap', mapOf(tString, tString)], ['Deps', strs], ['Error', ptrTo(packageErrorT)],
    ['DepsErrors', sliceOf(ptrTo(packageErrorT))], ['TestGoFiles', strs], ['TestImports', strs], ['TestEmbedPatterns', strs],
    ['TestEmbedFiles', strs], ['XTestGoFiles', strs], ['XTestImports', strs], ['XTestEmbedPatterns', strs], ['XTestEmbedFiles', strs],
  ],
};

/** list.Context (go list's `context` function). */
const contextT: TStruct = {
  k: 'struct',
  name: 'list.Context',
  fields: [
    ['GOARCH', tString], ['GOOS', tString], ['GOROOT', tString], ['GOPATH', tString], ['CgoEnabled', tBool], ['UseAllFiles', tBool],
    ['Compiler', tString], ['BuildTags', strs], ['ToolTags', strs], ['ReleaseTags', strs], ['InstallSuffix', tString],
  ],
};

/** The build context go list's `context` reports (list/context.go: newContext of cfg.BuildContext). */
export interface ListContext {
  GOARCH: string;
  GOOS: string;
  GOROOT: string;
  GOPATH: string;
  CgoEnabled: boolean;
  Compiler: string;
  BuildTags: string[] | null;
  ToolTags: string[];
  ReleaseTags: string[];
}

/** cfg.BuildContext as newContext copies it, from the environment and the -tags flag. */
export function listContext(getenv: (key: string) => string, gopath: string, tagFlag: string | undefined): ListContext {
  const tags = [...contextTags(getenv).set];
  return {
    GOARCH: getenv('GOARCH') || 'amd64',
    GOOS: getenv('GOOS') || 'linux',
    GOROOT: getenv('GOROOT') || defaultGoRoot,
    GOPATH: gopath,
    CgoEnabled: cgoEnabled(getenv),
    Compiler: 'gc',
    // work/build.go: tagsFlag.Set — comma-separated, else space-separated
    BuildTags: tagFlag === undefined ? null : tagFlag.includes(',') ? tagFlag.split(',') : tagFlag.split(/[ \t\n\r]+/).filter((t) => t !== ''),
    // internal/buildcfg: ToolTags — the experiments, then the architecture level
    ToolTags: [...tags.filter((t) => t.startsWith('goexperiment.')), ...tags.filter((t) => /^amd64\.v\d+$/.test(t))],
    ReleaseTags: Array.from({ length: 23 }, (_, i) => `go1.${i + 1}`),
  };
}

/** Parses a go list -f template (text/template with go list's join and context). */
export function listTemplate(fmt: string, ctx: Partial<ListContext> = {}, more: Record<string, TFunc> = {}): Template {
  return parseTemplate('main', fmt, { join: joinFunc, context: { params: [], result: ptrTo(contextT), call: () => ({ t: ptrTo(contextT), v: ctx }) }, ...more });
}

/** Runs a go list -m -f template over one module. */
export function execModuleTemplate(t: Template, m: ModulePublic): string {
  return t.execute(m, ptrTo(modulePublicT));
}

/** load.PackagePublic (the fields modscope knows). */
export interface PackageValue {
  Dir: string;
  ImportPath: string;
  ImportComment: string;
  Name: string;
  Doc: string;
  Target: string;
  Shlib: string;
  Root: string;
  ConflictDir: string;
  ForTest: string;
  Export: string;
  BuildID: string;
  Module: ModulePublic | null;
  Match: string[];
  Goroot: boolean;
  Standard: boolean;
  DepOnly: boolean;
  BinaryOnly: boolean;
  Incomplete: boolean;
  DefaultGODEBUG: string;
  GoFiles: string[];
  CgoFiles: string[];
  IgnoredGoFiles: string[];
  InvalidGoFiles: string[];
  IgnoredOtherFiles: string[];
  CFiles: string[];
  CXXFiles: string[];
  MFiles: string[];
  HFiles: string[];
  FFiles: string[];
  SFiles: string[];
  SwigFiles: string[];
  SwigCXXFiles: string[];
  SysoFiles: string[];
  EmbedPatterns: string[];
  EmbedFiles: string[];
  TestGoFiles: string[];
  XTestGoFiles: string[];
  Imports: string[];
  Deps: string[];
  TestImports: string[];
  XTestImports: string[];
  TestEmbedPatterns: string[];
  TestEmbedFiles: string[];
  XTestEmbedPatterns: string[];
  XTestEmbedFiles: string[];
  /** list.go: the imports whose path differs from the source's (vendored std, -test variants). */
  ImportMap: Record<string, string> | null;
  Error: PackageError | null;
  DepsErrors: PackageError[];
  /** internal */
  _imports: PackageValue[];
  _loaded: boolean;
  /** Internal.RawImports: the imports as the source names them, aligned with Imports' first entries. */
  _raw?: string[];
  /** GoFilesPackage: the named files (import positions come from them). */
  _files?: GoFileInfo[];
}

const jsonOrder: (keyof PackageValue)[] = [
  'Dir', 'ImportPath', 'ImportComment', 'Name', 'Doc', 'Target', 'Shlib', 'Root', 'ConflictDir', 'ForTest', 'Export', 'BuildID',
  'Module', 'Match', 'Goroot', 'Standard', 'DepOnly', 'BinaryOnly', 'Incomplete', 'DefaultGODEBUG', 'GoFiles', 'CgoFiles',
  // load/pkg.go: PackagePublic's field order (the test fields follow the errors)
  'IgnoredGoFiles', 'InvalidGoFiles', 'IgnoredOtherFiles', 'CFiles', 'CXXFiles', 'MFiles', 'HFiles', 'FFiles', 'SFiles', 'SwigFiles',
  'SwigCXXFiles', 'SysoFiles', 'EmbedPatterns', 'EmbedFiles', 'Imports', 'ImportMap', 'Deps', 'Error', 'DepsErrors', 'TestGoFiles',
  'TestImports', 'TestEmbedPatterns', 'TestEmbedFiles', 'XTestGoFiles', 'XTestImports', 'XTestEmbedPatterns', 'XTestEmbedFiles',
];

/** A ModulePublic with its fields in Go's order and omitempty applied (encoding/json). */
function moduleJSONValue(m: ModulePublic): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k] of modulePublicT.fields) {
    const v = (m as unknown as Record<string, unknown>)[k];
    if (v === undefined || v === '' || v === false || v === null || (Array.isArray(v) && v.length === 0)) continue;
    o[k] = (k === 'Replace' || k === 'Update') && v ? moduleJSONValue(v as ModulePublic) : v;
  }
  return o;
}

export function packageJSON(p: PackageValue, fields: Set<string> | null): string {
  const o: Record<string, unknown> = {};
  for (const k of jsonOrder) {
    if (fields && !fields.has(k)) continue;
    let v: unknown = p[k];
    if (k === 'Module' && v) v = moduleJSONValue(v as ModulePublic);
    if (v === '' || v === false || v === null || (Array.isArray(v) && v.length === 0)) continue;
    o[k] = v;
  }
  return marshalIndent(goJSON(o));
}

export function newPkg(path: string): PackageValue {
  return {
    Dir: '', ImportPath: path, ImportComment: '', Name: '', Doc: '', Target: '', Shlib: '', Root: '', ConflictDir: '', ForTest: '', Export: '', BuildID: '',
    Module: null, Match: [], Goroot: false, Standard: false, DepOnly: false, BinaryOnly: false, Incomplete: false, DefaultGODEBUG: '',
    GoFiles: [], CgoFiles: [], IgnoredGoFiles: [], InvalidGoFiles: [], IgnoredOtherFiles: [], CFiles: [], CXXFiles: [], MFiles: [], HFiles: [],
    FFiles: [], SFiles: [], SwigFiles: [], SwigCXXFiles: [], SysoFiles: [], EmbedPatterns: [], EmbedFiles: [], TestGoFiles: [], XTestGoFiles: [], Imports: [], Deps: [],
    TestImports: [], XTestImports: [], TestEmbedPatterns: [], TestEmbedFiles: [], XTestEmbedPatterns: [], XTestEmbedFiles: [], ImportMap: null,
    Error: null, DepsErrors: [], _imports: [], _loaded: false,
  };
}

/** load.PackageList: the packages roots import, dependencies first. */
export function packageList(roots: PackageValue[]): PackageValue[] {
  const seen = new Set<PackageValue>();
  const all: PackageValue[] = [];
  const walk = (p: PackageValue) => {
    if (seen.has(p)) return;
    seen.add(p);
    for (const q of p._imports) walk(q);
    all.push(p);
  };
  for (const r of roots) walk(r);
  return all;
}

/** The import paths of p's imports and of their Deps, sorted (pkg.go: collectDeps for one package). */
export function depsOf(p: PackageValue): string[] {
  const deps = new Set<string>();
  for (const q of p._imports) {
    deps.add(q.ImportPath);
    for (const d of q.Deps) deps.add(d);
  }
  return [...deps].sort(cmp);
}

/**
 * list.go: collectDeps and collectDepsErrors over the listed packages in list order (inside an
 * import cycle the result depends on it, as in go).
 */
export function collectDeps(all: PackageValue[]): void {
  for (const p of all) p.Deps = [];
  for (const p of all) p.Deps = depsOf(p);
  for (const p of all) {
    const errs = new Set<PackageError>();
    for (const q of p._imports) {
      if (q.Error) errs.add(q.Error);
      for (const e of q.DepsErrors) errs.add(e);
    }
    p.DepsErrors = [...errs].sort((a, b) => {
      const si = a.ImportStack;
      const sj = b.ImportStack;
      if (si.length === 0) {
        if (sj.length !== 0) return -1;
        return cmp(a.err.message, b.err.message);
      } else if (sj.length === 0) return 1;
      return cmp(si[si.length - 1]!, sj[sj.length - 1]!);
    });
  }
}

/** A JSON-able value (plain objects in Go's field order, toJSON honoured) as Go's encoder sees it. */
function goJSON(v: unknown): GoJSON {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(goJSON);
  if (typeof v === 'object') {
    const j = (v as { toJSON?: () => unknown }).toJSON;
    if (typeof j === 'function') return goJSON(j.call(v));
    return { entries: Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).map(([k, x]) => [k, goJSON(x)]) };
  }
  return v as string | number | boolean;
}

// `go list -m [-json] [-versions] [-retracted] [-u] [-e] [args]`: cmd/go/internal/list/list.go
// (runList, module mode) over modload.ListModules, -f templates through gotmpl. Without -m,
// go list loads packages: listpkgs.ts.

import type { FetchDeps } from '../modfetch/fetcher';
import { reuseFileError } from './listreuse';
import { initModules, initWorkfile, loadModFile } from '../modload/init';
import { listModules, ListDeprecated, ListRetracted, ListRetractedVersions, ListU, ListVersions, modulePublicJSON, modulePublicString, moduleVersionsString } from '../modload/list';
import { ModState } from '../modload/state';
import type { CommandContext, CommandResult } from '../workspace';
import { errorText } from './errtext';
import { buildModError, flagBool, flagsFromGOFLAGS, parseFlags, type FlagSpec } from './modflags';
import { buildInitError } from './cmdflags';
import { JoinedError } from '../modload/init';
import { ExecError, TemplateError, type Template } from '../gotmpl';
import { listPackages, listTemplate } from './listpkgs';
import { listContext } from './listpkgvalue';
import { execModuleTemplateAsync, moduleFunc } from './listmodfunc';
import { ExitError } from '../modload/packages/load';

const USAGE = "usage: go list [-f format] [-json] [-m] [list flags] [build flags] [packages]\nRun 'go help list' for details.\n";

const boolFlags = [
  'm', 'e', 'u', 'versions', 'retracted', 'compiled', 'deps', 'export', 'find', 'test', 'modcacherw',
  'a', 'n', 'x', 'v', 'race', 'msan', 'asan', 'trimpath', 'linkshared', 'work', 'cover', 'buildvcs',
];
const stringFlags = [
  'f', 'mod', 'modfile', 'reuse', 'tags', 'overlay', 'pgo', 'gcflags', 'ldflags', 'asmflags', 'gccgoflags',
  'buildmode', 'compiler', 'installsuffix', 'pkgdir', 'toolexec', 'p', 'covermode', 'coverpkg', 'debug-actiongraph',
  'debug-runtime-trace', 'debug-trace', 'C',
];
const specs: Record<string, FlagSpec> = { json: { kind: 'bool', boolOrString: true } };
for (const b of boolFlags) specs[b] = { kind: 'bool' };
for (const s of stringFlags) specs[s] = { kind: 'string' };
specs.mod = {
  kind: 'string',
  check: (v) => (['mod', 'readonly', 'vendor'].includes(v) ? null : ''),
};

/** Runs `go list` (args after "list"). */
export async function listCommand(argv: string[], ctx: CommandContext, deps: FetchDeps): Promise<CommandResult> {
  let stdout = '';
  let stderr = '';
  let parsed;
  const fromEnv = flagsFromGOFLAGS(ctx.env.GOFLAGS, specs);
  try {
    parsed = parseFlags(argv, { ...specs, mod: { kind: 'string' } }, fromEnv);
  } catch (e) {
    const msg = (e as Error).message;
    if (msg === 'help') return { stdout: '', stderr: USAGE, exitCode: 2 };
    return { stdout: '', stderr: msg + '\n' + USAGE, exitCode: 2 };
  }
  const v = parsed.values;
  const mod = v.get('mod');
  const fmt = v.get('f') ?? '';
  const jsonV = v.get('json');
  const listJson = jsonV !== undefined && jsonV !== 'false' && jsonV !== '0' && jsonV !== 'f' && jsonV !== 'F' && jsonV !== 'FALSE' && jsonV !== 'False';
  const jsonFields =
    listJson && !['true', '1', 't', 'T', 'TRUE', 'True'].includes(jsonV!) ? new Set(jsonV!.split(',')) : null;
  const s = new ModState({
    cwd: ctx.cwd,
    files: ctx.files,
    env: ctx.env,
    cmdName: 'list',
    deps,
    buildMod: mod,
    modFile: v.get('modfile'),
    overlay: v.get('overlay'),
    stderr: (t) => (stderr += t),
    signal: ctx.signal,
  });
  // list.go: output goes through a bufio.Writer flushed at the end, or just before a template
  // error ends the command: loading's stderr lines come first, such an error after it.
  const fatal = (msg: string): CommandResult => ({ stdout, stderr: stderr + msg + '\n', exitCode: 1, stdoutAfter: stderr.length });
  try {
    await initWorkfile(s);
    if (fmt !== '' && listJson) return fatal('go list -f cannot be used with -json');
    if (v.get('reuse') && !flagBool(v, 'm')) return fatal('go list -reuse cannot be used without -m');
    // modload.HasModRoot runs Init (GO111MODULE=off: none, and -m fails below)
    if (v.get('reuse') && s.getenv('GO111MODULE') !== 'off' && (await initModules(s), s.hasModRoot())) return fatal('go list -reuse cannot be used inside a module');
    // list.go: work.BuildInit — instrumentInit, buildModeInit (-mod among them), the rest
    const initErr = buildInitError(v, (k) => s.getenv(k));
    if (initErr !== null && initErr.exitCode === 2) return { stdout, stderr: stderr + initErr.stderr, exitCode: 2, stdoutAfter: stderr.length };
    const modErr = buildModError(mod);
    if (modErr !== null) return { stdout, stderr: stderr + modErr, exitCode: 1, stdoutAfter: stderr.length };
    if (initErr !== null) return { stdout, stderr: stderr + initErr.stderr, exitCode: initErr.exitCode, stdoutAfter: stderr.length };
    // list.go: runList — -retracted needs module mode (modload.Enabled: GO111MODULE=off is GOPATH mode).
    if (flagBool(v, 'retracted') && s.getenv('GO111MODULE') === 'off') return fatal('go list -retracted can only be used in module-aware mode');
    if (!flagBool(v, 'm')) {
      if (flagBool(v, 'u')) return fatal('go list -u can only be used with -m');
      if (flagBool(v, 'versions')) return fatal('go list -versions can only be used with -m');
      // list.go: pairings that make no sense
      if (flagBool(v, 'find') && flagBool(v, 'deps')) return fatal('go list -deps cannot be used with -find');
      if (flagBool(v, 'find') && flagBool(v, 'test')) return fatal('go list -test cannot be used with -find');
      if (flagBool(v, 'find') && flagBool(v, 'export')) return fatal('go list -export cannot be used with -find');
      for (const f of ['export', 'compiled'] as const) if (flagBool(v, f)) return fatal(`modscope: go list -${f} is not supported (it needs compiling)`);
      const r = await listPackages(s, parsed.args, {
        e: flagBool(v, 'e'),
        deps: flagBool(v, 'deps'),
        test: flagBool(v, 'test'),
        find: flagBool(v, 'find'),
        tags: v.get('tags') ?? '',
        fmt,
        json: listJson,
        jsonFields,
        retracted: flagBool(v, 'retracted'),
        pgo: v.get('pgo') ?? 'auto',
      });
      return { stdout: r.stdout, stderr: stderr + (r.templateError ?? ''), exitCode: r.exitCode, stdoutAfter: stderr.length };
    }
    let tmpl: Template | null = null;
    const modFunc = moduleFunc(s);
    try {
      if (fmt !== '') tmpl = listTemplate(fmt, listContext((k) => s.getenv(k), s.goEnv.GOPATH, v.get('tags')), { module: modFunc.module });
    } catch (e) {
      return fatal((e as Error).message);
    }
    // -mod=vendor as given (cfg.BuildMod before Init)
    if (flagBool(v, 'retracted') && s.buildMod === 'vendor') return fatal('go list -retracted cannot be used when vendoring is enabled');
    // list.go: the flags -m excludes, then modload.Init; module mode must be on (GO111MODULE=off
    // is GOPATH mode).
    for (const [flag, name] of [
      ['compiled', 'compiled'],
      ['deps', 'deps'],
      ['export', 'export'],
      ['find', 'find'],
      ['test', 'test'],
    ] as const) {
      if (flagBool(v, flag)) return fatal(`go list -${name} cannot be used with -m`);
    }
    if (s.getenv('GO111MODULE') === 'off') return fatal('go: list -m cannot be used with GO111MODULE=off');
    await initModules(s).catch(async (e) => {
      // Init's own errors come after the -retracted checks in go, but both need a module root.
      throw e;
    });
    await loadModFile(s);
    if (s.buildMod === 'vendor') {
      const disabled = (what: string) => fatal(`go: can't ${what} using the vendor directory\n\t(Use -mod=mod or -mod=readonly to bypass.)`);
      if (flagBool(v, 'retracted')) return fatal('go list -retracted cannot be used when vendoring is enabled');
      if (flagBool(v, 'versions')) return disabled('determine available versions');
      if (flagBool(v, 'u')) return disabled('determine available upgrades');
      for (const arg of parsed.args) {
        if (arg === 'all') return disabled("compute 'all'");
        if (arg.includes('...')) return disabled('match module patterns');
      }
    }
    let mode = 0;
    if (flagBool(v, 'u')) mode |= ListU | ListRetracted | ListDeprecated;
    if (flagBool(v, 'retracted')) mode |= ListRetracted;
    if (flagBool(v, 'versions')) {
      mode |= ListVersions;
      if (flagBool(v, 'retracted')) mode |= ListRetractedVersions;
    }
    const reuse = v.get('reuse');
    if (reuse && parsed.args.length === 0) return fatal('go: list -m -reuse only has an effect with module@version arguments');
    // ListModules reads the -reuse file first; no entry is ever reused here (listreuse.ts)
    const reuseErr = reuse ? await reuseFileError(ctx.files, ctx.cwd, reuse) : undefined;
    const { mods, err } = reuseErr !== undefined ? { mods: [], err: new Error(reuseErr) } : await listModules(s, parsed.args, mode);
    if (!flagBool(v, 'e')) {
      for (const m of mods) if (m.Error) s.errorf('go: ' + m.Error.Err);
      if (err) {
        if (err instanceof JoinedError) for (const x of err.errs) s.errorf(errorText(x));
        else s.errorf(errorText(err));
      }
      if (s.exitStatus !== 0) return { stdout, stderr, exitCode: 1 };
    }
    const out: string[] = [];
    for (const m of mods) {
      if (listJson) {
        let x = m;
        if (jsonFields) {
          x = { Path: '' };
          for (const [k, val] of Object.entries(m)) if (jsonFields.has(k)) (x as unknown as Record<string, unknown>)[k] = val;
        }
        out.push(modulePublicJSON(x) + '\n');
      } else if (tmpl) {
        try {
          out.push(await execModuleTemplateAsync(tmpl, m, modFunc.resolve));
          const joined = out.join('');
          if (joined !== '' && !joined.endsWith('\n')) out.push('\n');
        } catch (e) {
          if (e instanceof TemplateError) {
            // flushed before the error, with what the template wrote before it
            stdout = out.join('') + (e instanceof ExecError ? e.partial : '');
            return fatal((e as Error).message);
          }
          throw e;
        }
      } else if (flagBool(v, 'versions')) out.push(moduleVersionsString(m) + '\n');
      else out.push(modulePublicString(m) + '\n');
    }
    stdout = out.join('');
    return { stdout, stderr, exitCode: s.exitStatus, stdoutAfter: stderr.length };
  } catch (e) {
    if (e instanceof ExitError) return { stdout, stderr, exitCode: e.status, stdoutAfter: stderr.length };
    if (e instanceof TemplateError) return fatal((e as Error).message);
    return { stdout, stderr: stderr + errorText(e), exitCode: 1, stdoutAfter: stderr.length };
  }
}

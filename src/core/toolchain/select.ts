// Toolchain selection at start-up (cmd/go/internal/toolchain/select.go: Select, modGoToolchain,
// goInstallVersion; Exec's download step). GOTOOLCHAIN is local, <name>, <name>+auto,
// <name>+path, auto or path; in the auto and path forms the go and toolchain lines of go.work
// (or else go.mod) can ask for a newer toolchain. The result is the toolchain go would run.

import { compareGo, fromToolchain, isLang, LocalToolchain, Local, Startup, goModLookup } from '../gover';
import { utf8Decode } from '../gostrings';
import { goQuote } from '../module';
import { findModuleRoot, initWorkfile } from '../modload/init';
import { shortPath } from '../modload/paths';
import { FatalError, type ModState } from '../modload/state';
import { isNotExist } from '../source';
import { goToDL, toolchainModule } from '../modload/toolchainrepo';
import { hasPath, ToolchainSwitchError } from './switch';

/** select.go: targetEnv — set for the re-executed toolchain, naming the toolchain it must be. */
export const targetEnv = 'GOTOOLCHAIN_INTERNAL_SWITCH_VERSION';

/** Where start-up selection leaves the command: run here, or as another toolchain. */
export type Selection = { kind: 'local' } | { kind: 'exec'; toolchain: string };

/**
 * select.go: Select. s is a ModState for the command's directory and environment; argv is the
 * command line after "go". Sets gover.Startup. Throws FatalError with go's texts.
 */
export async function selectToolchain(s: ModState, argv: readonly string[]): Promise<Selection> {
  if (!(await willBeEnabled(s))) return { kind: 'local' };
  // go env GOTOOLCHAIN / go env -w GOTOOLCHAIN=... / go env GOMOD / go env GOWORK never switch.
  if (argv[0] === 'env') {
    if (argv.length === 2 && ['GOTOOLCHAIN', 'GOMOD', 'GOWORK'].includes(argv[1]!)) return { kind: 'local' };
    if (argv.length === 3 && argv[1] === '-w' && argv[2]!.startsWith('GOTOOLCHAIN=')) return { kind: 'local' };
  }
  let gotoolchain = s.goEnv.GOTOOLCHAIN;
  Startup.GOTOOLCHAIN = gotoolchain;
  if (gotoolchain === '') return { kind: 'local' };

  let minToolchain = LocalToolchain;
  let minVers = Local;
  let mode: string;
  if (gotoolchain === 'auto' || gotoolchain === 'path') mode = gotoolchain;
  else {
    const plusAt = gotoolchain.indexOf('+');
    const min = plusAt < 0 ? gotoolchain : gotoolchain.slice(0, plusAt);
    const suffix = plusAt < 0 ? '' : gotoolchain.slice(plusAt + 1);
    if (min !== 'local') {
      const v = fromToolchain(min);
      if (v === '') {
        if (plusAt >= 0) throw new FatalError(`go: invalid GOTOOLCHAIN ${goQuote(gotoolchain)}: invalid minimum toolchain ${goQuote(min)}`);
        throw new FatalError(`go: invalid GOTOOLCHAIN ${goQuote(gotoolchain)}`);
      }
      minToolchain = min;
      minVers = v;
    }
    if (plusAt >= 0 && suffix !== 'auto' && suffix !== 'path') {
      throw new FatalError(`go: invalid GOTOOLCHAIN ${goQuote(gotoolchain)}: only version suffixes are +auto and +path`);
    }
    mode = suffix;
  }

  gotoolchain = minToolchain;
  if ((mode === 'auto' || mode === 'path') && !goInstallVersion(argv)) {
    const { file, goVers, toolchain } = await modGoToolchain(s);
    Startup.autoFile = file === '' ? '' : shortPath(s.cwd, file);
    if (toolchain === 'default') Startup.autoToolchain = toolchain;
    else {
      if (toolchain !== '') {
        const toolVers = fromToolchain(toolchain);
        if (toolVers === '' || (!toolchain.startsWith('go') && !toolchain.includes('-go'))) {
          throw new FatalError(`go: invalid toolchain ${goQuote(toolchain)} in ${shortPath(s.cwd, file)}`);
        }
        if (compareGo(toolVers, minVers) > 0) {
          gotoolchain = toolchain;
          minVers = toolVers;
          Startup.autoToolchain = toolchain;
        }
      }
      if (compareGo(goVers, minVers) > 0) {
        gotoolchain = 'go' + goVers;
        // go 1.21 and later name language versions, not releases: 1.21 → go1.21.0.
        if (isLang(goVers) && compareGo(goVers, '1.21') >= 0) gotoolchain += '.0';
        Startup.autoGoVersion = goVers;
        Startup.autoToolchain = '';
      }
    }
  }

  // The re-executed toolchain: it must be the one asked for, and it does not select again.
  // (cmd/go's test hook TESTGO_VERSION_SWITCH=loop re-executes the same toolchain forever.)
  const target = s.getenv(targetEnv);
  if (target !== '' && s.getenv('TESTGO_VERSION_SWITCH') !== 'loop') {
    if (LocalToolchain !== target) throw new FatalError(`go: toolchain ${LocalToolchain} invoked to provide ${target}`);
    return { kind: 'local' };
  }
  if (gotoolchain === 'local' || gotoolchain === LocalToolchain) return { kind: 'local' };
  if (!gotoolchain.startsWith('go1') && !gotoolchain.includes('-go1')) throw new FatalError(`go: invalid GOTOOLCHAIN ${goQuote(gotoolchain)}`);
  return { kind: 'exec', toolchain: gotoolchain };
}

/** modload.WillBeEnabled before Init (GO111MODULE; auto: a go.mod above the directory). */
async function willBeEnabled(s: ModState): Promise<boolean> {
  const env = s.getenv('GO111MODULE');
  if (env === 'on' || env === '') return true;
  if (env !== 'auto') return false;
  return (await findModuleRoot(s, s.cwd)) !== '';
}

/** select.go: modGoToolchain — the go.work (else go.mod) file and its go and toolchain lines. */
async function modGoToolchain(s: ModState): Promise<{ file: string; goVers: string; toolchain: string }> {
  await initWorkfile(s);
  let file = s.workFilePath;
  if (file !== '' && (await s.files.stat(file)) !== 'file') file = '';
  if (file === '') {
    const root = await findModuleRoot(s, s.cwd);
    if (root !== '') file = root === '/' ? '/go.mod' : root + '/go.mod';
  }
  if (file === '') return { file: '', goVers: '', toolchain: '' };
  const data = await s.files.read(file);
  if (data === undefined) throw new FatalError(`go: open ${file}: no such file or directory`);
  const text = utf8Decode(data);
  return { file, goVers: goModLookup(text, 'go'), toolchain: goModLookup(text, 'toolchain') };
}

const runBoolFlags = new Set(['a', 'n', 'race', 'msan', 'asan', 'cover', 'v', 'work', 'x', 'linkshared', 'modcacherw', 'trimpath', 'buildvcs', 'i']);

/**
 * select.go: goInstallVersion — whether the command is `go install|run pkg@version`, which
 * ignores the current module's go and toolchain lines. (go also queries the package to switch
 * for it there; modscope implements neither go install nor go run.)
 */
function goInstallVersion(argv: readonly string[]): boolean {
  if (argv.length < 2 || (argv[0] !== 'install' && argv[0] !== 'run')) return false;
  let pkgArg = '';
  for (let i = 1; i < argv.length; i++) {
    let a = argv[i]!;
    if (a === '--') {
      if (i + 1 >= argv.length) return false;
      pkgArg = argv[i + 1]!;
      break;
    }
    if (!a.startsWith('-')) {
      pkgArg = a;
      break;
    }
    a = a.replace(/^--?/, '');
    if (a.includes('=')) continue;
    if (!runBoolFlags.has(a)) i++; // a flag taking a value
  }
  if (!pkgArg.includes('@') || pkgArg.startsWith('./') || pkgArg.startsWith('../') || pkgArg === '.' || pkgArg === '..' || pkgArg.startsWith('/')) return false;
  const at = pkgArg.indexOf('@');
  const path = pkgArg.slice(0, at);
  return path !== '' && at + 1 < pkgArg.length && path !== 'go' && path !== 'toolchain';
}

/**
 * select.go: Exec after its $PATH lookup — go downloads golang.org/toolchain for gotoolchain and
 * runs it. modscope checks that the proxy has that toolchain (go's errors when not) and then
 * stops with ToolchainSwitchError: it runs no other toolchain.
 */
export async function execToolchain(s: ModState, gotoolchain: string): Promise<never> {
  if (hasPath(s.goEnv.GOTOOLCHAIN)) throw new FatalError(`go: cannot find ${goQuote(gotoolchain)} in PATH`);
  const version = goToDL(gotoolchain.replace(/^go/, ''));
  if (s.cmdName !== 'mod download') s.stderr(`go: downloading ${gotoolchain} (linux/amd64)\n`);
  try {
    await s.fetcher.stat(toolchainModule, version);
  } catch (e) {
    if (isNotExist(e)) {
      const toolVers = fromToolchain(gotoolchain);
      if (isLang(toolVers) && compareGo(toolVers, '1.21') >= 0) {
        throw new FatalError(`go: invalid toolchain: ${gotoolchain} is a language version but not a toolchain version (${gotoolchain}.x)`);
      }
      throw new FatalError(`go: download ${gotoolchain} for linux/amd64: toolchain not available`);
    }
    throw new FatalError(`go: download ${gotoolchain}: ${(e as Error).message}`);
  }
  throw new ToolchainSwitchError(gotoolchain);
}

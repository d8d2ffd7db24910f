// `go version [-m] [-v] [file ...]` (cmd/go/internal/version/version.go runVersion): without
// files, the go command's own version and platform. modscope is go 1.23's module system, not a
// toolchain: it reads no Go binaries, and says so when files are named.
import { RuntimeVersion, TestVersion } from '../gover';
import { goFlagValue, parseGoFlags } from '../goenv';
import type { CommandResult } from '../workspace';
import { parseCommandFlags, flagBool, type FlagSpec } from './modflags';

const USAGE = "usage: go version [-m] [-v] [file ...]\nRun 'go help version' for details.\n";
const specs: Record<string, FlagSpec> = { m: { kind: 'bool' }, v: { kind: 'bool' } };

/** base.InGOFLAGS: whether $GOFLAGS names the flag (as -name or --name, with or without a value). */
function inGOFLAGS(goflags: string | undefined, name: string): boolean {
  try {
    return goFlagValue(parseGoFlags(goflags ?? ''), name) !== undefined;
  } catch {
    return false;
  }
}

/**
 * What version.go finds at one file argument, in go's words: os.Stat's error, or (scanDir,
 * scanFile) the files that could be Go binaries (isGoBinaryCandidate: executable, or .so, .exe,
 * .dll) and, for a directory under -v, the "path: symlink" lines of symlinks to non-files.
 */
export type VersionScan = (arg: string, verbose: boolean) => { statError: string } | { candidates: number; notes: string };

export function goVersion(argv: string[], env: Readonly<Record<string, string | undefined>>, scan?: VersionScan): CommandResult {
  const parsed = parseCommandFlags(argv, specs, env.GOFLAGS, USAGE);
  if (!('values' in parsed)) return parsed;
  if (parsed.args.length > 0) {
    // version.go runVersion: each argument stat'ed, files scanned; other files are skipped quietly
    let stderr = '';
    let exitCode = 0;
    for (const arg of parsed.args) {
      const r = scan?.(arg, flagBool(parsed.values, 'v'));
      if (r !== undefined && 'statError' in r) {
        stderr += r.statError + '\n';
        exitCode = 1;
        continue;
      }
      if (r === undefined || r.candidates > 0) {
        return { stdout: '', stderr: stderr + 'modscope: go version with files reads Go binaries; modscope does not\n', exitCode: 2 };
      }
      stderr += r.notes;
    }
    return { stdout: '', stderr, exitCode };
  }
  // Flags that only make sense with files are an error, unless $GOFLAGS set them.
  let only = '';
  if (!inGOFLAGS(env.GOFLAGS, 'm') && flagBool(parsed.values, 'm')) only = '-m';
  else if (!inGOFLAGS(env.GOFLAGS, 'v') && flagBool(parsed.values, 'v')) only = '-v';
  if (only !== '') return { stdout: '', stderr: `go: 'go version' only accepts ${only} flag with arguments\n`, exitCode: 2 };
  // runtime.Version() and runtime.GOOS/GOARCH of the reference go (linux/amd64), not $GOOS.
  const v = TestVersion !== '' ? `${TestVersion} (TESTGO_VERSION)` : RuntimeVersion;
  return { stdout: `go version ${v} linux/amd64\n`, stderr: '', exitCode: 0 };
}

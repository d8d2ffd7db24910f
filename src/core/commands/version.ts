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

export function goVersion(argv: string[], env: Readonly<Record<string, string | undefined>>): CommandResult {
  const parsed = parseCommandFlags(argv, specs, env.GOFLAGS, USAGE);
  if (!('values' in parsed)) return parsed;
  if (parsed.args.length > 0) {
    return { stdout: '', stderr: 'modscope: go version with files reads Go binaries; modscope does not\n', exitCode: 2 };
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

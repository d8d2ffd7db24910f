// The commands cmd/go's TestScript adds to the defaults (scriptcmds_test.go): `go` — here
// either modscope's CLI in-process (runCommand) or the real go binary — plus `cc` and
// `stale`, which need a C compiler / build cache and are refused.
import { runCommand } from '../../src/cli/main';
import { passedText } from '../../src/core/commands/buildcheck';
import { setTestVersion } from '../../src/core/gover';
import { HardError, startProgram, type Cmd, type State, type WaitFunc } from './engine';

export type GoMode = { kind: 'modscope' } | { kind: 'real'; bin: string };

/** Output marker of src/cli/main.ts for go commands modscope does not implement. */
const notImplemented = /^modscope: '(go [^']*)' is not implemented by modscope/m;

export const goTimeoutMs = 180_000;

function modscopeGo(s: State, args: string[]): WaitFunc {
  let stdout = '';
  let stderr = '';
  let notCompiled = false;
  const env = s.envObject();
  // cmd/go's test binary reads $TESTGO_VERSION at startup (gover.TestVersion); scripts run one at
  // a time in-process here, so the hook is set per command.
  setTestVersion(env.TESTGO_VERSION ?? '');
  const run = (async (): Promise<Error | undefined> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const code = await Promise.race([
        runCommand(args, {
          cwd: s.pwd,
          env,
          stdout: (t) => void (stdout += t),
          stderr: (t) => void (stderr += t),
        }),
        new Promise<never>((_, rej) => {
          timer = setTimeout(() => rej(new HardError(`modscope did not finish within ${goTimeoutMs / 1000}s`)), goTimeoutMs);
        }),
      ]);
      // modscope's closing note that it stopped short of compiling is not go output: without it
      // stderr holds what go prints up to that point (a script's `! stderr .` after go build).
      if (code === 0 && stderr.endsWith(passedText)) {
        stderr = stderr.slice(0, -passedText.length);
        notCompiled = true;
      }
      const ni = notImplemented.exec(stderr);
      if (ni) return new HardError(`${ni[1]} is not implemented by modscope`);
      return code === 0 ? undefined : new Error(`exit status ${code}`);
    } catch (e) {
      if (e instanceof HardError) return e;
      const err = e as Error;
      return new HardError(`modscope threw: ${err?.stack ?? String(e)}`);
    } finally {
      clearTimeout(timer);
    }
  })();
  return async () => {
    const err = await run;
    return { stdout, stderr, err, notCompiled };
  };
}

export function goCmd(mode: GoMode): Cmd {
  return {
    usage: {
      summary: mode.kind === 'real' ? `run the '${mode.bin}' program provided by the script host` : "run modscope's go command in-process",
      args: '[args...]',
      async: true,
    },
    run: async (s, args) => (mode.kind === 'real' ? startProgram(s, 'go', mode.bin, args, goTimeoutMs) : modscopeGo(s, args)),
  };
}

export function goscriptCmds(mode: GoMode): Map<string, Cmd> {
  const m = new Map<string, Cmd>();
  m.set('go', goCmd(mode));
  m.set('cc', {
    usage: { summary: 'run the platform C compiler', args: 'args...' },
    run: async () => {
      throw new HardError('cc: not supported by this runner (cgo)');
    },
  });
  m.set('stale', {
    usage: { summary: 'check that build targets are stale', args: 'target...' },
    run: async () => {
      throw new HardError('stale: not supported by this runner (needs the build cache)');
    },
  });
  return m;
}

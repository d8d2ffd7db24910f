// Differential test of std as the main module (cwd GOROOT/src) against real go 1.23: the "all"
// pattern walks the main module under its path prefix "", and imports from std packages resolve
// through GOROOT/src/vendor as go list's loader does (modload/load.go: stdVendor).
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { describe, expect, test } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { GO, GOROOT_SRC, goEnv } from '../../../../scripts/gotool.mjs';
import { runCommand } from '../../../cli/main';

// "all" with CGO_ENABLED=1: with cgo off go leaves runtime/cgo out of "all" (not modelled yet).
const argLists: string[][] = [
  ['list', 'all'],
  ['list', '-deps', '-f', '{{if not .Standard}}{{.ImportPath}}{{end}}', 'std'],
  ['list', '-f', '{{.ImportPath}} {{.Dir}}', 'golang.org/x/net/http2/hpack', 'vendor/golang.org/x/net/http2/hpack'],
  ['list', '-deps', 'vendor/golang.org/x/crypto/chacha20'],
  ['list', '-deps', '-test', '-f', '{{.ImportPath}} {{.Standard}}', 'net/http/httpguts/...', 'crypto/tls'],
];

describe('std as the main module vs real go', () => {
  const same: boolean[] = [];
  for (const args of argLists) {
    test(args.join(' '), async () => {
      const env = goEnv({ GOROOT: dirname(GOROOT_SRC), GOFLAGS: '', ...(args[1] === 'all' ? { CGO_ENABLED: '1' } : {}) });
      const g = spawnSync(GO as string, args, { cwd: GOROOT_SRC, env, encoding: 'utf8' });
      const go = { stdout: g.stdout, stderr: g.stderr, exitCode: g.status ?? -1 };
      let stdout = '';
      let stderr = '';
      const exitCode = await runCommand(args, { cwd: GOROOT_SRC, env, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
      const ours = { stdout, stderr, exitCode };
      same.push(JSON.stringify(go) === JSON.stringify(ours));
      expect(ours).toEqual(go);
    });
  }
  test.sequential('summary', () => {
    console.log(`std main module differential: ${same.length} cases, ${same.filter((x) => x).length} identical, ${same.filter((x) => !x).length} differing`);
  });
});

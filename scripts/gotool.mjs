// Where the reference Go 1.23 lives and how tests run it: offline, local toolchain only,
// fresh caches. `npm test` installs it first (scripts/ensure-tools.sh).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const GO = process.env.MODSCOPE_GO ?? '/usr/lib/go-1.23/bin/go';
export const GOROOT_SRC = process.env.MODSCOPE_GOROOT_SRC ?? '/usr/share/go-1.23/src';

export function requireGo() {
  if (!existsSync(GO) || !existsSync(join(GOROOT_SRC, 'cmd/go/testdata'))) {
    throw new Error(
      `Go 1.23 with its source is required at ${GO} and ${GOROOT_SRC}.\n` +
        'Install it (as root, Debian): bash scripts/ensure-tools.sh',
    );
  }
}

let shared;
/** Environment for running real go offline. Extra entries override. */
export function goEnv(extra = {}) {
  requireGo();
  shared ??= mkdtempSync(join(tmpdir(), 'modscope-go-'));
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? shared,
    GOTOOLCHAIN: 'local',
    GOPROXY: 'off',
    GOSUMDB: 'off',
    GOFLAGS: '',
    GONOPROXY: '',
    GONOSUMDB: '',
    GOPRIVATE: '',
    GOWORK: 'off',
    GOCACHE: join(shared, 'gocache'),
    GOMODCACHE: join(shared, 'modcache'),
    GOPATH: join(shared, 'gopath'),
    GOENV: 'off',
    CGO_ENABLED: '0',
    // modscope's own caches (module index, V8 code cache) stay with the test run, not in ~/.cache
    MODSCOPE_CACHE: join(shared, 'modscope'),
    ...extra,
  };
}

// `modscope mod edit`: reads the go.mod go would edit, runs the core command, writes the result.
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { editTarget, modEdit } from '../core/commands/modedit';
import { goFlagValue, parseGoFlags, readGoEnv } from '../core/goenv';
import { initOverlay } from '../core/overlay';
import { NodeWorkspace } from '../io/nodeWorkspace';
import { utf8Decode, utf8Encode } from '../core/gostrings';
import { writeResult, type CliCommand } from './commands';
import { findModuleRoot } from './nodeFiles';

export const modEditCommand: CliCommand = {
  name: 'mod edit',
  short: 'edit go.mod from tools or scripts (go mod edit)',
  async run(args, ctx) {
    const t = editTarget(args);
    const root = t.positional === undefined ? findModuleRoot(ctx.cwd) : undefined;
    // -modfile from the command line, else from $GOFLAGS (SetFromGOFLAGS)
    let path: string | undefined = t.positional ?? t.modfile ?? goFlagValue(goflagsList(ctx.env.GOFLAGS), 'modfile');
    if (path !== undefined) path = resolve(ctx.cwd, path);
    else if (root !== undefined) path = join(root, 'go.mod');
    let data: string | null = null;
    try {
      if (path !== undefined) data = utf8Decode(readFileSync(path)); // invalid UTF-8 survives as escaped bytes
    } catch {
      data = null;
    }
    // The core checks the flags first, then finds no go.mod (or GOPATH mode) as go does.
    const modulesOff = ctx.env.GO111MODULE === 'off';
    // modload.ModFilePath (no file argument) runs Init, whose fsys.Init reads -overlay
    const overlay = t.overlay ?? goFlagValue(goflagsList(ctx.env.GOFLAGS), 'overlay');
    let overlayError: string | undefined;
    if (t.positional === undefined && overlay !== undefined && overlay !== '') {
      const o = await initOverlay(new NodeWorkspace(), ctx.cwd, overlay);
      if ('error' in o) overlayError = o.error;
    }
    const r = modEdit(args, data === null || path === undefined ? null : { name: path, data }, { cwd: ctx.cwd, modulesOff, hasModRoot: t.positional !== undefined || root !== undefined, overlayError, goflags: ctx.env.GOFLAGS });
    if (path === undefined) path = '';
    writeResult(r, ctx);
    if (r.exitCode === 0 && r.data !== undefined) {
      sideLock(readGoEnv(ctx.env).GOMODCACHE); // edit.go takes it before writing, changed or not
      if (r.data !== data) writeFileSync(path, utf8Encode(r.data));
    }
    return r.exitCode;
  },
};

/** $GOFLAGS as a list ([] when it does not parse: main.go has reported that). */
function goflagsList(goflags: string | undefined): string[] {
  try {
    return parseGoFlags(goflags ?? '');
  } catch {
    return [];
  }
}

/** modfetch.SideLock, best effort: $GOMODCACHE/cache/lock created when missing (absolute GOMODCACHE only). */
function sideLock(gomodcache: string): void {
  if (!gomodcache.startsWith('/')) return;
  try {
    mkdirSync(join(gomodcache, 'cache'), { recursive: true });
    closeSync(openSync(join(gomodcache, 'cache', 'lock'), 'a'));
  } catch {
    // best effort, as in go
  }
}

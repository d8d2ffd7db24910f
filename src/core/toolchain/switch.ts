// Toolchain switching during a command (cmd/go/internal/toolchain/switch.go: Switcher,
// SwitchOrFatal, NewerToolchain, newerToolchain, HasAuto, HasPath; select.go: Exec).
//
// A command collects errors; when one is a gover.TooNewError and GOTOOLCHAIN allows switching
// (auto or path), go prints "go: <what> requires go >= V; switching to goY" and re-executes
// itself as goY. modscope runs one toolchain: switching ends the command with a
// ToolchainSwitchError that says so, unless the test hook (TESTGO_VERSION_SWITCH=switch, as in
// cmd/go's test binary) asks the caller to re-run the command as goY (the CLI does that).

import { compareGo, isPrerelease, lang, TooNewError } from '../gover';
import { JoinedError } from '../modload/init';
import { errorsAs } from '../modload/modfile';
import { baseError, ExitError, isHardFatal } from '../modload/packages/load';
import { lookupRepo } from '../modload/query';
import type { ModState } from '../modload/state';

/** switch.go: HasAuto — GOTOOLCHAIN=auto or <min>+auto. */
export function hasAuto(gotoolchain: string): boolean {
  return gotoolchain === 'auto' || gotoolchain.endsWith('+auto');
}

/** switch.go: HasPath — GOTOOLCHAIN=path or <min>+path. */
export function hasPath(gotoolchain: string): boolean {
  return gotoolchain === 'path' || gotoolchain.endsWith('+path');
}

/**
 * switch.go: newerToolchain — from list (ascending go versions), the newest release of the
 * oldest language version >= need; a prerelease only when its language has no release (then the
 * previous language's latest release if that one is >= need). Throws when none is >= need.
 */
export function newerToolchain(need: string, list: readonly string[]): string {
  let latest = '';
  for (let i = list.length - 1; i >= 0; i--) {
    const v = list[i]!;
    if (compareGo(v, need) < 0) break;
    if (lang(latest) === lang(v)) continue;
    const newer = latest;
    latest = v;
    if (newer !== '' && !isPrerelease(newer)) break;
  }
  if (latest === '') throw new Error(`no releases found for go >= ${need}`);
  return 'go' + latest;
}

/**
 * The command ends where go would exec another toolchain (select.go: Exec). Its message is
 * modscope's own plain statement that it does not switch; `target` is the toolchain go would run.
 */
export class ToolchainSwitchError extends Error {
  readonly fatal = true;
  constructor(readonly target: string) {
    super(switchRefusal(target));
    this.name = 'ToolchainSwitchError';
    lastSwitchTarget = target;
  }
}

/** The target of the last ToolchainSwitchError since the previous call (the CLI asks). */
let lastSwitchTarget: string | undefined;
export function takeSwitchTarget(): string | undefined {
  const t = lastSwitchTarget;
  lastSwitchTarget = undefined;
  return t;
}

/** The line modscope prints where go would switch to target. */
export function switchRefusal(target: string): string {
  return `modscope: go would now run ${target} for this command; modscope does not switch toolchains\n`;
}

/**
 * How the running command finds toolchains in $PATH for GOTOOLCHAIN=path (switch.go:
 * pathToolchains; the CLI provides it, the page has no PATH: an empty list).
 */
let pathToolchainsHook: () => Promise<string[]> = async () => [];
export function setPathToolchains(f: () => Promise<string[]>): void {
  pathToolchainsHook = f;
}

/** switch.go: NewerToolchain — the toolchain to switch to for go >= version. */
export async function newerToolchainFor(s: ModState, version: string): Promise<string> {
  const tc = s.goEnv.GOTOOLCHAIN;
  const list = hasAuto(tc) ? await lookupRepo(s, 'go').versions('') : await pathToolchainsHook();
  return newerToolchain(version, list);
}

/** switch.go: Switcher — collects errors and the largest go version they require. */
export class Switcher {
  tooNew: TooNewError | undefined;
  readonly errors: Error[] = [];

  constructor(readonly s: ModState) {}

  error(err: Error): void {
    this.errors.push(err);
    this.addTooNew(err);
  }

  private addTooNew(err: unknown): void {
    if (err instanceof JoinedError) {
      for (const e of err.errs) this.addTooNew(e);
      return;
    }
    const tn = errorsAs(err, TooNewError);
    if (!tn) return;
    const c = this.tooNew ? compareGo(tn.goVersion, this.tooNew.goVersion) : 1;
    if (!this.tooNew || c > 0 || (c === 0 && tn.what < this.tooNew.what)) this.tooNew = tn;
  }

  /** switch.go: NeedSwitch */
  needSwitch(): boolean {
    const tc = this.s.goEnv.GOTOOLCHAIN;
    return this.tooNew !== undefined && (hasAuto(tc) || hasPath(tc));
  }

  /**
   * switch.go: Switch — without a switch, reports the errors (base.Error); with one, prints
   * go's "switching" line and throws ToolchainSwitchError. When no newer toolchain is found it
   * reports the errors and why, and returns.
   */
  async switch(): Promise<void> {
    if (!this.needSwitch()) {
      for (const e of this.errors) baseError(this.s, e);
      return;
    }
    const tn = this.tooNew!;
    let tv: string;
    try {
      tv = await newerToolchainFor(this.s, tn.goVersion);
    } catch (e) {
      if ((e as { fatal?: boolean }).fatal) throw e;
      for (const err of this.errors) baseError(this.s, err);
      baseError(this.s, new Error(`switching to go >= ${tn.goVersion}: ${(e as Error).message}`));
      return;
    }
    this.s.stderr(`go: ${tn.what} requires go >= ${tn.goVersion}; switching to ${tv}\n`);
    throw new ToolchainSwitchError(tv);
  }
}

/** switch.go: SwitchOrFatal — switch for err, or report it and exit (base.Exit). */
export async function switchOrFatal(s: ModState, err: Error): Promise<never> {
  const sw = new Switcher(s);
  sw.error(err);
  await sw.switch();
  throw new ExitError(s.exitStatus || 1);
}

/** SwitchOrFatal for a step's error; errors that already end the command (base.Fatalf) pass through. */
export async function switchUnlessFatal(s: ModState, e: unknown): Promise<never> {
  if (!(e instanceof Error) || isHardFatal(e) || e.name === 'AbortError') throw e;
  return switchOrFatal(s, e);
}

// Go's flag package, as the module commands (go mod graph, go list -m) use it: -name, --name,
// -name=value, -name value for non-boolean flags, stop at the first non-flag or "--"; errors
// print the message and the command's usage and exit 2. GOFLAGS supplies defaults for flags
// the command defines (cmd/go/internal/base/goflags.go: SetFromGOFLAGS).

import { parseGoFlags } from '../goenv';
import { goQuote } from '../goquote';

export type FlagKind = 'bool' | 'string';

export interface FlagSpec {
  kind: FlagKind;
  /** flag.Value.Set: returns an error message or null. */
  check?: (v: string) => string | null;
  /** boolean flag whose value may also be a string (go list's -json[=fields]) */
  boolOrString?: boolean;
}

export class FlagError extends Error {}

export interface ParsedFlags {
  values: Map<string, string>;
  args: string[];
}

/** A boolean flag's Value.Set error for a value given with "=": its own check, or strconv.ParseBool's. */
function boolSetError(spec: FlagSpec, v: string): string | null {
  if (spec.check) return spec.check(v);
  return spec.boolOrString || parseBool(v) !== undefined ? null : 'parse error';
}

function parseBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

/** flag.FlagSet.Parse: throws FlagError with the flag package's message (without usage). */
export function parseFlags(argv: string[], specs: Record<string, FlagSpec>, values = new Map<string, string>()): ParsedFlags {
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.length < 2 || a[0] !== '-') break;
    let numMinuses = 1;
    if (a[1] === '-') {
      numMinuses++;
      if (a.length === 2) {
        i++;
        break;
      }
    }
    let name = a.slice(numMinuses);
    if (name.length === 0 || name[0] === '-' || name[0] === '=') throw new FlagError(`bad flag syntax: ${a}`);
    let value: string | undefined;
    const eq = name.indexOf('=');
    if (eq > 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const spec = specs[name];
    if (!spec) {
      if (name === 'help' || name === 'h') throw new FlagError('help');
      throw new FlagError(`flag provided but not defined: -${name}`);
    }
    if (spec.kind === 'bool') {
      if (value !== undefined) {
        const err = boolSetError(spec, value);
        if (err !== null) throw new FlagError(`invalid boolean value ${goQuote(value)} for -${name}: ${err}`);
        values.set(name, value);
      } else values.set(name, 'true');
    } else {
      if (value === undefined) {
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: -${name}`);
        value = argv[++i]!;
      }
      const err = spec.check?.(value) ?? null;
      if (err !== null) throw new FlagError(`invalid value ${goQuote(value)} for flag -${name}: ${err}`);
      values.set(name, value);
    }
  }
  return { values, args: argv.slice(i) };
}

/** base.SetFromGOFLAGS: defaults from $GOFLAGS for the flags the command defines. */
export function flagsFromGOFLAGS(goflags: string | undefined, specs: Record<string, FlagSpec>, strict = false): Map<string, string> {
  const values = new Map<string, string>();
  if (!goflags) return values;
  let list: string[];
  try {
    list = parseGoFlags(goflags);
  } catch {
    return values;
  }
  for (const g of list) {
    let name = g.replace(/^--?/, '');
    let value: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const spec = specs[name];
    if (!spec) continue;
    // strict: SetFromGOFLAGS's own errors (the caller prints the command's usage, exit 2)
    if (strict && spec.kind === 'bool' && value !== undefined) {
      const err = boolSetError(spec, value);
      if (err !== null) throw new FlagError(`go: invalid boolean value ${goQuote(value)} for flag -${name} (from $GOFLAGS): ${err}`);
    }
    if (strict && spec.kind === 'string') {
      if (value === undefined) throw new FlagError(`go: flag needs an argument: -${name} (from $GOFLAGS)`);
      const err = spec.check?.(value) ?? null;
      if (err !== null) throw new FlagError(`go: invalid value ${goQuote(value)} for flag -${name} (from $GOFLAGS): ${err}`);
    }
    values.set(name, value ?? 'true');
  }
  return values;
}

export function flagBool(values: Map<string, string>, name: string): boolean {
  const v = values.get(name);
  return v !== undefined && parseBool(v) === true;
}

/**
 * work/init.go BuildInit: the error (printed as is, exit status 1) for a -mod value other than
 * '', mod, readonly and vendor — from the command line or GOFLAGS; null when the value is valid.
 */
export function buildModError(mod: string | undefined): string | null {
  if (mod === undefined || ['', 'mod', 'readonly', 'vendor'].includes(mod)) return null;
  return `-mod=${mod} not supported (can be '', 'mod', 'readonly', or 'vendor')\n`;
}

/**
 * A command's flags from the command line over GOFLAGS; a bad flag (or -h) is go's usage
 * failure: the flag error (or nothing) then the usage text, exit status 2.
 */
export function parseCommandFlags(
  argv: string[],
  specs: Record<string, FlagSpec>,
  goflags: string | undefined,
  usage: string,
): ParsedFlags | { stdout: string; stderr: string; exitCode: number } {
  try {
    return parseFlags(argv, specs, flagsFromGOFLAGS(goflags, specs));
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    return { stdout: '', stderr: e.message === 'help' ? usage : e.message + '\n' + usage, exitCode: 2 };
  }
}

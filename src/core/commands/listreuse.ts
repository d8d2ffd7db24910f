// go list -m -reuse=old.json: a file of earlier `go list -m -json` output, whose entries with an
// Origin go may reuse instead of asking again (modload/list.go: ListModules). Reuse needs the
// origin confirmed by the version-control repository (modfetch: CheckReuse), which a proxy cannot
// do and modscope never contacts: no entry is ever reused. What remains is go's reading of the
// file: json.Decoder into modinfo.ModulePublic values, with encoding/json's and time's errors.
import type { Workspace } from '../workspace';
import { utf8Decode } from '../gostrings';
import { jsonKind, jsonStream } from '../revinfo';
import { parseRFC3339Time } from '../gotime';
import { isAbs, join } from '../modload/paths';

type Kind = 'string' | 'bool' | 'time' | 'strings' | 'module' | 'error' | 'origin';

const moduleFields: Record<string, Kind> = {
  Path: 'string',
  Version: 'string',
  Query: 'string',
  Versions: 'strings',
  Replace: 'module',
  Time: 'time',
  Update: 'module',
  Main: 'bool',
  Indirect: 'bool',
  Dir: 'string',
  GoMod: 'string',
  GoVersion: 'string',
  Retracted: 'strings',
  Deprecated: 'string',
  Error: 'error',
  Sum: 'string',
  GoModSum: 'string',
  Origin: 'origin',
  Reuse: 'bool',
};

// modfetch/codehost: Origin
const originFields: Record<string, Kind> = { VCS: 'string', URL: 'string', Subdir: 'string', Hash: 'string', TagPrefix: 'string', TagSum: 'string', Ref: 'string', RepoSum: 'string' };

/** A field by encoding/json's rule: the exact name, else one equal under ASCII case folding. */
function fieldOf(fields: Record<string, Kind>, key: string): [string, Kind] | undefined {
  if (key in fields) return [key, fields[key]!];
  const k = key.toLowerCase();
  for (const [name, kind] of Object.entries(fields)) if (name.toLowerCase() === k) return [name, kind];
  return undefined;
}

/** An error that ends decoding at once (a field's own UnmarshalJSON failed). */
class Immediate {
  constructor(readonly msg: string) {}
}

/**
 * Decodes v into a struct with these fields as json.Unmarshal does: a type mismatch is kept and
 * decoding goes on (the first one kept is the error); a field's own UnmarshalJSON failing
 * (time.Time, modinfo.ModuleError) ends it at once (thrown as Immediate), the mismatches kept
 * before it notwithstanding. Returns the first mismatch, or undefined.
 */
function decodeStruct(v: Record<string, unknown>, fields: Record<string, Kind>, struct: string, path: string): string | undefined {
  let saved: string | undefined;
  const save = (e: string | undefined) => (saved ??= e);
  for (const [key, val] of Object.entries(v)) {
    const f = fieldOf(fields, key);
    if (!f || val === null) continue;
    const [name, kind] = f;
    const field = path + name;
    // encoding/json names the innermost struct and the field path the whole way down
    const mismatch = (goType: string, got = jsonKind(val)) => `json: cannot unmarshal ${got} into Go struct field ${struct}.${field} of type ${goType}`;
    switch (kind) {
      case 'string':
        if (typeof val !== 'string') save(mismatch('string'));
        break;
      case 'bool':
        if (typeof val !== 'boolean') save(mismatch('bool'));
        break;
      case 'strings':
        if (!Array.isArray(val)) save(mismatch('[]string'));
        else for (const x of val) if (x !== null && typeof x !== 'string') save(mismatch('string', jsonKind(x)));
        break;
      case 'time': {
        if (typeof val !== 'string') throw new Immediate('Time.UnmarshalJSON: input is not a JSON string');
        const t = parseRFC3339Time(val);
        if ('err' in t) throw new Immediate(t.err);
        break;
      }
      case 'module':
        if (typeof val !== 'object' || Array.isArray(val)) save(mismatch('modinfo.ModulePublic'));
        else save(decodeStruct(val as Record<string, unknown>, moduleFields, 'ModulePublic', field + '.'));
        break;
      case 'error':
        // modinfo.ModuleError.UnmarshalJSON: a string is the error text, else {"Err": ...} decoded
        // on its own; its failure is placed at this field by the outer decoder
        if (typeof val === 'string') break;
        if (typeof val !== 'object' || Array.isArray(val)) throw new Immediate(`json: cannot unmarshal ${jsonKind(val)} into Go struct field ModulePublic.${field} of type modinfo.moduleErrorNoMethods`);
        for (const [k, x] of Object.entries(val as Record<string, unknown>)) {
          if (k.toLowerCase() === 'err' && x !== null && typeof x !== 'string') throw new Immediate(`json: cannot unmarshal ${jsonKind(x)} into Go struct field ModulePublic.${field} of type string`);
        }
        break;
      case 'origin':
        if (typeof val !== 'object' || Array.isArray(val)) save(mismatch('codehost.Origin'));
        else save(decodeStruct(val as Record<string, unknown>, originFields, 'Origin', field + '.'));
        break;
    }
  }
  return saved;
}

/**
 * Reads the -reuse file as go does: undefined when it decodes, else the error go prints after
 * "go: " (open/read errors, or "parsing FILE: ...").
 */
export async function reuseFileError(files: Workspace, cwd: string, name: string): Promise<string | undefined> {
  const abs = isAbs(name) ? name : join(cwd, name);
  if ((await files.stat(abs)) === 'dir') return `read ${name}: is a directory`;
  const data = await files.read(abs);
  if (data === undefined) return `open ${name}: no such file or directory`;
  const { values, err } = jsonStream(utf8Decode(data));
  for (const text of values) {
    const v: unknown = JSON.parse(text);
    if (v === null) continue;
    let e: string | undefined;
    if (typeof v !== 'object' || Array.isArray(v)) e = `json: cannot unmarshal ${jsonKind(v)} into Go value of type modinfo.ModulePublic`;
    else {
      try {
        e = decodeStruct(v as Record<string, unknown>, moduleFields, 'ModulePublic', '');
      } catch (x) {
        if (!(x instanceof Immediate)) throw x;
        e = x.msg;
      }
    }
    if (e !== undefined) return `parsing ${name}: ${e}`;
  }
  return err === undefined ? undefined : `parsing ${name}: ${err}`;
}

// vendor/modules.txt: cmd/go/internal/modload/vendor.go (readVendorList, checkVendorConsistency).
//
// API:
//   readVendorList(s)  -> VendorList (cached on s)
//   checkVendorConsistency(s, indexes, modFiles, modRoots)   throws FatalError "inconsistent vendoring"

import { compareGo, Local, modCompare, TooNewError } from '../gover';
import { checkImportPath, type ModuleVersion } from '../module';
import { isValid as semverIsValid } from '../semver';
import { goFields, utf8Decode } from '../gostrings';
import type { File } from '../modfile';
import { mvKey } from '../mvs/graph';
import { canonicalizeReplacePath, modFilePath, replacement, replacementFrom } from './modfile';
import { dir, join, shortPath } from './paths';
import { FatalError, type ModFileIndex, type ModState } from './state';

export interface VendorMeta {
  explicit: boolean;
  replacement: ModuleVersion;
  goVersion: string;
}

export interface VendorList {
  list: ModuleVersion[];
  pkgModule: Map<string, ModuleVersion>;
  version: Map<string, string>;
  meta: Map<string, VendorMeta>;
  replaced: ModuleVersion[];
}

const cache = new WeakMap<ModState, Promise<VendorList>>();

/** init.go: VendorDir */
export function vendorDir(s: ModState): string {
  if (s.inWorkspaceMode()) return join(dir(s.workFilePath), 'vendor');
  const mms = s.main();
  return join(mms.getModRoot(mms.mustGetSingleMainModule()), 'vendor');
}

/** vendor.go: readVendorList */
export function readVendorList(s: ModState): Promise<VendorList> {
  let p = cache.get(s);
  if (!p) {
    p = (async () => {
      const v: VendorList = { list: [], pkgModule: new Map(), version: new Map(), meta: new Map(), replaced: [] };
      const vendorFile = join(vendorDir(s), 'modules.txt');
      const data = await s.files.read(vendorFile);
      if (data === undefined) return v;
      const meta = (m: ModuleVersion): VendorMeta => {
        let x = v.meta.get(mvKey(m));
        if (!x) {
          x = { explicit: false, replacement: { path: '', version: '' }, goVersion: '' };
          v.meta.set(mvKey(m), x);
        }
        return x;
      };
      let mod: ModuleVersion = { path: '', version: '' };
      for (const line of utf8Decode(data).split('\n')) {
        if (line.startsWith('# ')) {
          let f = goFields(line);
          if (f.length < 3) continue;
          if (semverIsValid(f[2]!)) {
            mod = { path: f[1]!, version: f[2]! };
            f = f.slice(3);
          } else if (f[2] === '=>') {
            mod = { path: f[1]!, version: '' };
            f = f.slice(2);
          } else {
            mod = { path: '', version: '' };
            continue;
          }
          if (f.length >= 2 && f[0] === '=>') {
            const m = meta(mod);
            if (f.length === 2) {
              m.replacement = { path: f[1]!, version: '' };
              v.replaced.push(mod);
            } else if (f.length === 3 && semverIsValid(f[2]!)) {
              m.replacement = { path: f[1]!, version: f[2]! };
              v.replaced.push(mod);
            }
          }
          continue;
        }
        if (mod.path === '') continue;
        if (line.startsWith('## ')) {
          const m = meta(mod);
          for (let entry of line.slice(3).split(';')) {
            entry = entry.trim();
            if (entry === 'explicit') m.explicit = true;
            if (entry.startsWith('go ')) {
              const gv = entry.slice(3);
              m.goVersion = gv;
              s.rawGoVersion.set(mvKey(mod), gv);
              if (compareGo(gv, Local) > 0) {
                throw new FatalError('go: ' + s.tooNew(mod.path + ' in ' + shortPath(s.cwd, vendorFile), gv).message);
              }
            }
          }
          continue;
        }
        const f = goFields(line);
        if (f.length === 1) {
          let ok = true;
          try {
            checkImportPath(f[0]!);
          } catch {
            ok = false;
          }
          if (!ok) continue;
          v.pkgModule.set(f[0]!, mod);
          const cur = v.version.get(mod.path);
          if (cur === undefined || modCompare(mod.path, cur, mod.version) < 0) {
            v.list.push(mod);
            v.version.set(mod.path, mod.version);
          }
        }
      }
      return v;
    })();
    cache.set(s, p);
  }
  return p;
}

/** vendor.go: checkVendorConsistency */
export async function checkVendorConsistency(s: ModState, indexes: ModFileIndex[], modFiles: File[], _modRoots: string[]): Promise<void> {
  const v = await readVendorList(s);
  let pre114 = false;
  if (!s.inWorkspaceMode() && compareGo(indexes[0]!.goVersion, '1.14') < 0) pre114 = true;
  let errs = '';
  const vendErrorf = (mod: ModuleVersion, detail: string) => {
    errs += mod.version === '' ? `\n\t${mod.path}: ${detail}` : `\n\t${mod.path}@${mod.version}: ${detail}`;
  };
  const meta = (m: ModuleVersion) => v.meta.get(mvKey(m)) ?? { explicit: false, replacement: { path: '', version: '' }, goVersion: '' };
  for (const f of modFiles) {
    for (const r of f.require) {
      if (!meta(r.mod).explicit) {
        if (pre114) {
          const vv = v.version.get(r.mod.path);
          if (vv !== undefined && vv !== r.mod.version) {
            vendErrorf(r.mod, `is explicitly required in go.mod, but vendor/modules.txt indicates ${r.mod.path}@${vv}`);
          }
        } else {
          vendErrorf(r.mod, 'is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt');
        }
      }
    }
  }
  const describe = (m: ModuleVersion) => (m.version === '' ? m.path : m.path + '@' + m.version);
  const seenrep = new Set<string>();
  const checkReplace = (replaces: { old: ModuleVersion }[]) => {
    for (const r of replaces) {
      if (seenrep.has(mvKey(r.old))) continue;
      seenrep.add(mvKey(r.old));
      const { r: rNew, modroot } = replacementFrom(s, r.old);
      const source = modroot === '' ? s.workFilePath : modFilePath(s, modroot);
      const rNewCanonical = canonicalizeReplacePath(s, rNew, modroot);
      const vr = meta(r.old).replacement;
      if (vr.path === '' && vr.version === '') {
        if (rNewCanonical.path === '' && rNewCanonical.version === '') {
          // no replacement
        } else if (pre114 && (r.old.version === '' || v.version.get(r.old.path) !== r.old.version)) {
          // pre-1.14 vendor: only replacements of vendored versions were recorded
        } else {
          vendErrorf(r.old, `is replaced in ${shortPath(s.cwd, source)}, but not marked as replaced in vendor/modules.txt`);
        }
      } else if (vr.path !== rNewCanonical.path || vr.version !== rNewCanonical.version) {
        vendErrorf(r.old, `is replaced by ${describe(rNew)} in ${shortPath(s.cwd, source)}, but marked as replaced by ${describe(vr)} in vendor/modules.txt`);
      }
    }
  };
  for (const f of modFiles) checkReplace(f.replace);
  if (s.mainModules?.workFile) checkReplace(s.mainModules.workFile.replace);
  for (const mod of v.list) {
    if (meta(mod).explicit) {
      if (!indexes.some((i) => i.require.has(mvKey(mod)))) {
        vendErrorf(mod, `is marked as explicit in vendor/modules.txt, but not explicitly required in ${s.inWorkspaceMode() ? 'a ' : ''}go.mod`);
      }
    }
  }
  for (const mod of v.replaced) {
    const r = replacement(s, mod);
    if (r.path === '' && r.version === '') {
      vendErrorf(mod, `is marked as replaced in vendor/modules.txt, but not replaced in ${s.inWorkspaceMode() ? 'the workspace' : 'go.mod'}`);
    }
  }
  if (errs.length > 0) {
    const subcmd = s.inWorkspaceMode() ? 'work' : 'mod';
    throw new FatalError(
      `go: inconsistent vendoring in ${dir(vendorDir(s))}:${errs}\n\n\tTo ignore the vendor directory, use -mod=readonly or -mod=mod.\n\tTo sync the vendor directory, run:\n\t\tgo ${subcmd} vendor`,
    );
  }
}

// go clean's package half (cmd/go/internal/clean/clean.go: runClean's package loop and clean):
// the packages named by the arguments (load.PackagesAndErrors, here go list -e's loading), and
// with -r every package they import, have build leftovers removed from their directories:
// Makefile-era files and directories, object files, and executables or test binaries named
// after the directory, the package or a .go file that is not one of the package's files.
// -n prints the commands without running them, -x prints and runs them; -i removes the
// package's install target.

import { ModState } from '../modload/state';
import { listPackages, PackageError } from './listpkgs';

export interface CleanPackageFlags {
  n: boolean;
  x: boolean;
  i: boolean;
  r: boolean;
  /** -tags */
  tags: string;
}

/** The package facts clean uses (go list -json fields). */
interface CleanPkg {
  ImportPath: string;
  Dir?: string;
  Name?: string;
  Target?: string;
  DepOnly?: boolean;
  Standard?: boolean;
  GoFiles?: string[];
  CgoFiles?: string[];
  TestGoFiles?: string[];
  XTestGoFiles?: string[];
  Imports?: string[];
  Error?: { ImportStack?: string[]; Pos?: string; Err: string };
}

const fields = ['ImportPath', 'Dir', 'Name', 'Target', 'DepOnly', 'Standard', 'GoFiles', 'CgoFiles', 'TestGoFiles', 'XTestGoFiles', 'Imports', 'Error'];

// clean.go: cleanDir, cleanFile, cleanExt
const cleanDirs = new Set(['_test', '_obj']);
const cleanFiles = new Set(['_testmain.go', 'test.out', 'build.out', 'a.out']);
const cleanExts = new Set(['.5', '.6', '.8', '.a', '.o', '.so']);

/** filepath.Ext */
function ext(name: string): string {
  const i = name.lastIndexOf('.');
  return i < 0 ? '' : name.slice(i);
}

/** load.go: isVersionElement — "v2", "v3", ... */
function isVersionElement(s: string): boolean {
  if (s.length < 2 || s[0] !== 'v' || s[1] === '0' || (s[1] === '1' && s.length === 2)) return false;
  return /^v\d+$/.test(s);
}

/** load.go: (*Package).DefaultExecName in module mode: the last path element, skipping a /vN suffix. */
export function defaultExecName(importPath: string): string {
  const parts = importPath.split('/');
  let elem = parts[parts.length - 1]!;
  if (elem !== importPath && isVersionElement(elem)) elem = parts[parts.length - 2]!;
  return elem;
}

/**
 * Cleans the packages of args (and with -r their dependencies). Returns what go prints on
 * stdout (-n/-x); errors go to s.stderr with s.exitStatus set, as base.Errorf does.
 */
export async function cleanPackages(s: ModState, args: string[], fl: CleanPackageFlags): Promise<string> {
  const listed = await listPackages(s, args, { e: true, deps: fl.r, test: false, find: false, tags: fl.tags, fmt: '', json: true, jsonFields: new Set(fields) });
  if (listed.exitCode !== 0) s.exitStatus = listed.exitCode;
  const pkgs: CleanPkg[] = listed.stdout
    .split(/^}\n/m)
    .filter((t) => t.trim() !== '')
    .map((t) => JSON.parse(t + '}') as CleanPkg);
  const byPath = new Map(pkgs.map((p) => [p.ImportPath, p]));
  let out = '';
  const cleaned = new Set<CleanPkg>();

  const clean = async (p: CleanPkg): Promise<void> => {
    if (cleaned.has(p)) return;
    cleaned.add(p);
    const dir = p.Dir ?? '';
    if (dir === '') {
      const e = p.Error;
      s.errorf(e ? new PackageError(e.ImportStack ?? [], e.Pos ?? '', new Error(e.Err)).Error() : '<nil>');
      return;
    }
    if ((await s.files.stat(dir)) !== 'dir') {
      // modscope has no GOROOT tree in the page: standard packages have nothing to clean there.
      if (!p.Standard) s.errorf(`go: ${dir}: open ${dir}: no such file or directory`);
      return;
    }
    const entries = (await s.files.readDir(dir))
      .map((e) => (e.endsWith('/') ? { name: e.slice(0, -1), isDir: true } : { name: e, isDir: false }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const packageFile = new Set<string>(p.Name !== 'main' ? [...(p.GoFiles ?? []), ...(p.CgoFiles ?? []), ...(p.TestGoFiles ?? []), ...(p.XTestGoFiles ?? [])] : []);
    const elem = dir.slice(dir.lastIndexOf('/') + 1);
    const exe = defaultExecName(p.ImportPath);
    const allRemove: string[] = [];
    if (p.Name === 'main') allRemove.push(elem, elem + '.exe', exe, exe + '.exe');
    allRemove.push(elem + '.test', elem + '.test.exe', exe + '.test', exe + '.test.exe');
    for (const { name, isDir } of entries) {
      if (packageFile.has(name) || isDir) continue;
      if (name.endsWith('_test.go')) {
        const base = name.slice(0, -'_test.go'.length);
        allRemove.push(base + '.test', base + '.test.exe');
      }
      if (name.endsWith('.go')) {
        const base = name.slice(0, -'.go'.length);
        allRemove.push(base, base + '.exe');
      }
    }
    // work.Shell.ShowCmd: a new shell per package, so the cd is always shown.
    if (fl.n || fl.x) out += `cd ${dir}\nrm -f ${allRemove.join(' ')}\n`;
    const toRemove = new Set(allRemove);
    for (const { name, isDir } of entries) {
      const path = dir + '/' + name;
      if (isDir) {
        if (cleanDirs.has(name)) {
          if (fl.n || fl.x) out += `rm -rf ${path}\n`;
          if (!fl.n) await removeTree(s, path);
        }
        continue;
      }
      if (fl.n) continue;
      if (cleanFiles.has(name) || cleanExts.has(ext(name)) || toRemove.has(name)) await s.files.remove(path);
    }
    if (fl.i && p.Target) {
      if (fl.n || fl.x) out += `rm -f ${p.Target}\n`;
      if (!fl.n) await s.files.remove(p.Target);
    }
    if (fl.r) {
      for (const imp of p.Imports ?? []) {
        const q = byPath.get(imp);
        if (q) await clean(q);
      }
    }
  };

  for (const p of pkgs) if (!p.DepOnly) await clean(p);
  return out;
}

/** os.RemoveAll over the workspace (files one by one where the workspace has no tree removal). */
async function removeTree(s: ModState, path: string): Promise<void> {
  if (s.files.removeTree) return s.files.removeTree(path);
  for (const e of await s.files.readDir(path)) {
    if (e.endsWith('/')) await removeTree(s, path + '/' + e.slice(0, -1));
    else await s.files.remove(path + '/' + e);
  }
}

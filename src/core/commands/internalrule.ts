// The "internal" import rule (golang.org/s/go14internal) as go list's loader applies it on
// every import: cmd/go/internal/load/pkg.go disallowInternal, findInternal, and
// cmd/go/internal/modload/load.go (*MainModuleSet).DirImportPath.
import { cleanAbs } from '../workspace';
import type { ModuleVersion } from '../module';
import type { ModState } from '../modload/state';

const noMod: ModuleVersion = { path: '', version: '' };

/** load.go: (*MainModuleSet).DirImportPath — "." for a directory outside every main module. */
export function dirImportPath(s: ModState, dir: string): { path: string; m: ModuleVersion } {
  const mms = s.main();
  const abs = cleanAbs(dir.startsWith('/') ? dir : s.cwd + '/' + dir);
  let longestPrefix = '';
  let longestPrefixPath = '';
  let longestPrefixVersion = noMod;
  for (const v of mms.versions()) {
    const modRoot = mms.getModRoot(v);
    if (abs === modRoot) return { path: v.path, m: v };
    if (modRoot !== '' && abs.startsWith(modRoot === '/' ? '/' : modRoot + '/')) {
      if (v.path > longestPrefix) {
        longestPrefix = v.path;
        longestPrefixVersion = v;
        const suffix = abs.slice(modRoot.length).replace(/^\//, '');
        if (suffix.startsWith('vendor/')) {
          longestPrefixPath = suffix.slice('vendor/'.length);
          continue;
        }
        longestPrefixPath = v.path + '/' + suffix;
      }
    }
  }
  if (longestPrefix !== '') return { path: longestPrefixPath, m: longestPrefixVersion };
  return { path: '.', m: noMod };
}

/** pkg.go: findInternal — the index of the final "internal" element, or -1. */
export function findInternal(path: string): number {
  if (path.endsWith('/internal')) return path.length - 'internal'.length;
  const i = path.lastIndexOf('/internal/');
  if (i >= 0) return i + 1;
  if (path === 'internal' || path.startsWith('internal/')) return 0;
  return -1;
}

const hasPathPrefix = (s: string, prefix: string): boolean =>
  s === prefix || prefix === '' || (s.startsWith(prefix) && (prefix.endsWith('/') || s[prefix.length] === '/'));

export interface InternalImporter {
  ImportPath: string;
  Dir: string;
  /** the package of Go files named on the command line */
  cmdlineFiles: boolean;
}

export interface InternalImported {
  ImportPath: string;
  Dir: string;
  inModule: boolean;
  hasError: boolean;
}

/**
 * pkg.go: disallowInternal — whether importer (in directory importer.Dir) may not import p:
 * outside a module the importer must lie in the tree rooted at the parent of "internal"; in a
 * module its import path (for command-line files, that of their directory) must be under it.
 */
export function internalDisallowed(s: ModState, importer: InternalImporter, p: InternalImported): boolean {
  if (p.hasError || importer.ImportPath === '') return false;
  if (p.ImportPath.startsWith('testing/internal') && importer.ImportPath === 'testmain') return false;
  let i = findInternal(p.ImportPath);
  if (i < 0) return false;
  if (i > 0) i--;
  if (!p.inModule) {
    if (p.Dir === '') return false;
    const parent = cleanAbs(p.Dir.slice(0, i + p.Dir.length - p.ImportPath.length));
    const src = cleanAbs(importer.Dir);
    return !(src === parent || parent === '/' || src.startsWith(parent + '/'));
  }
  const importerPath = importer.cmdlineFiles ? dirImportPath(s, importer.Dir).path : importer.ImportPath;
  return !hasPathPrefix(importerPath, p.ImportPath.slice(0, i));
}

/** pkg.go: FindVendor — the index of the last non-terminating "vendor" element, or -1. */
export function findVendor(path: string): number {
  const i = path.lastIndexOf('/vendor/');
  if (i >= 0) return i + 1;
  if (path.startsWith('vendor/')) return 0;
  return -1;
}

/**
 * pkg.go: disallowVendor (with disallowVendorVisibility), checked on each import edge (not on
 * packages named on the command line): the error text for importing p as path from a package
 * in srcDir, or null. A package under a vendor directory is visible only inside the tree
 * holding that directory, and even there is imported without the vendor prefix.
 */
export function vendorImportError(srcDir: string, path: string, p: { ImportPath: string; Dir: string }): string | null {
  let i = findVendor(p.ImportPath);
  if (i >= 0) {
    if (i > 0) i--;
    const truncateTo = i + p.Dir.length - p.ImportPath.length;
    if (truncateTo >= 0 && p.Dir.length >= truncateTo) {
      const parent = cleanAbs(p.Dir.slice(0, truncateTo));
      const src = cleanAbs(srcDir);
      if (!(src === parent || parent === '/' || src.startsWith(parent + '/'))) return 'use of vendored package not allowed';
    }
  }
  const j = findVendor(path);
  return j >= 0 ? `${path} must be imported as ${path.slice(j + 'vendor/'.length)}` : null;
}

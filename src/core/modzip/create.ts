// Building module zips: x/mod/zip/zip.go Create and CreateFromDir (with listFilesInDir's
// walk), and the raw zips cmd/go's test proxy serves for testdata/mod txtar modules
// (cmd/go/proxy_test.go: proxyHandler).

import {
  checkFiles,
  errNotRegular,
  errSubmoduleDir,
  errVCS,
  errVendored,
  FileError,
  goLimits,
  isVendoredPackage,
  type ModuleFile,
  moduleVersionErr,
  type ZipLimits,
} from './check';
import { goQuote, type ModuleVersion } from '../module';
import { compareBytes, utf8 } from './gostr';
import { ZipError } from './unzip';
import { type RawZipEntry, writeZip } from './writer';

/**
 * zip.Create: the zip of a module's files, in the order given, under "path@version/".
 * Omitted files (vendor/, nested modules, symlinks, ...) are left out; invalid ones make it
 * throw ZipError "create zip: ..." with Go's text. Entries are deflated.
 */
export function createModuleZip(mod: ModuleVersion, files: ModuleFile[], limits: ZipLimits = goLimits): Uint8Array {
  try {
    return create(mod, files, limits);
  } catch (e) {
    if (e instanceof CreateError) throw new ZipError('create zip', '', e.err);
    throw e;
  }
}

class CreateError extends Error {
  constructor(readonly err: Error) {
    super(err.message);
  }
}

function create(mod: ModuleVersion, files: ModuleFile[], limits: ZipLimits): Uint8Array {
  const verr = moduleVersionErr(mod);
  if (verr) throw new CreateError(verr);
  const cf = checkFiles(files, limits);
  if (cf.err) throw new CreateError(cf.err);
  const prefix = `${mod.path}@${mod.version}/`;
  const entries: RawZipEntry[] = [];
  for (const f of cf.validFiles) {
    const data = f.data ?? new Uint8Array(0);
    const size = f.size ?? data.length;
    if (data.length > size) throw new CreateError(new Error(`file ${goQuote(f.name)} is larger than declared size`));
    entries.push({ name: prefix + f.name, data });
  }
  return writeZip(entries);
}

/** A file as listFilesInDir reports it. */
export interface ListedFiles {
  files: ModuleFile[];
  omitted: FileError[];
}

interface Node {
  file?: ModuleFile; // undefined for implied directories
  children?: Map<string, Node>;
}

/**
 * listFilesInDir (zip.go) over a file tree given as a flat list: walks it as filepath.Walk
 * would (each directory's entries in byte order), skipping VCS directories, nested modules
 * (directories with a go.mod that is not a directory), vendored packages and irregular files.
 */
export function listFilesInDir(tree: ModuleFile[]): ListedFiles {
  const root: Node = { children: new Map() };
  for (const f of tree) {
    const parts = f.name.split('/').filter((p) => p !== '');
    let n = root;
    parts.forEach((part, i) => {
      n.children ??= new Map();
      let c = n.children.get(part);
      if (!c) {
        c = {};
        n.children.set(part, c);
      }
      if (i === parts.length - 1) {
        c.file = { ...f, name: parts.join('/') };
        if ((f.mode ?? 'file') === 'dir') c.children ??= new Map();
      } else {
        c.children ??= new Map();
      }
      n = c;
    });
  }
  const out: ListedFiles = { files: [], omitted: [] };
  const isDir = (n: Node) => (n.file ? n.file.mode === 'dir' : true);
  const walk = (n: Node, rel: string) => {
    const names = [...(n.children?.keys() ?? [])].sort((a, b) => compareBytes(utf8(a), utf8(b)));
    for (const name of names) {
      const c = n.children!.get(name)!;
      const p = rel === '' ? name : `${rel}/${name}`;
      if (isVendoredPackage(p)) {
        out.omitted.push(new FileError(p, new Error(errVendored)));
        if (isDir(c)) walk(c, p);
        continue;
      }
      if (isDir(c)) {
        if (name === '.bzr' || name === '.git' || name === '.hg' || name === '.svn') {
          out.omitted.push(new FileError(p, new Error(errVCS)));
          continue;
        }
        const gomod = c.children?.get('go.mod');
        if (gomod && !isDir(gomod)) {
          out.omitted.push(new FileError(p, new Error(errSubmoduleDir)));
          continue;
        }
        walk(c, p);
        continue;
      }
      if ((c.file!.mode ?? 'file') !== 'file') {
        out.omitted.push(new FileError(p, new Error(errNotRegular)));
        continue;
      }
      out.files.push(c.file!);
    }
  };
  walk(root, '');
  return out;
}

/**
 * zip.CreateFromDir over a file tree given as a flat list (see listFilesInDir). Errors are
 * ZipError "create zip <dir>: ..." with dir as given (default "").
 */
export function createModuleZipFromDir(
  mod: ModuleVersion,
  tree: ModuleFile[],
  opts: { dir?: string; limits?: ZipLimits } = {},
): Uint8Array {
  const { files } = listFilesInDir(tree);
  try {
    return create(mod, files, opts.limits ?? goLimits);
  } catch (e) {
    if (e instanceof CreateError) throw new ZipError('create zip', opts.dir ?? '', e.err);
    throw e;
  }
}

/**
 * The zip cmd/go's test proxy serves for a testdata/mod txtar module: every file except
 * .info, .mod and .zip, in archive order, named "path@version/name" (or name without its
 * leading "/" for names starting with "/"), unchecked.
 */
export function proxyTestZip(mod: ModuleVersion, files: Array<{ name: string; data: Uint8Array }>): Uint8Array {
  const entries: RawZipEntry[] = [];
  for (const f of files) {
    if (f.name === '.info' || f.name === '.mod' || f.name === '.zip') continue;
    const name = f.name.startsWith('/') ? f.name.slice(1) : `${mod.path}@${mod.version}/${f.name}`;
    entries.push({ name, data: f.data });
  }
  return writeZip(entries);
}

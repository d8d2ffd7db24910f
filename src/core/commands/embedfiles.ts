// The files a package embeds, as go mod vendor finds them: go/build's //go:embed scan of a
// package directory (ImportDir with UseAllFiles; read.go: findEmbed, parseGoEmbed) and
// cmd/go/internal/load's resolveEmbed (pattern checks, globbing, the files matched).
import { filePathError, pathMatch } from '../module';
import { isGoSpace, isValidUTF8, utf8Decode } from '../gostrings';
import { unquote } from '../modfile/gostr';
import { join } from '../modload/paths';
import type { PackageFS } from '../modload/packages/fsys';
import { scanGoFile } from '../imports/scan';


interface EmbedInfo {
  noGo: boolean;
  /**
   * ImportDir's error other than NoGoError and MultiplePackageError (its first bad file: a read
   * or parse error, cgo in a test), as its Error() text; vendor reports it as an internal error.
   */
  err?: string;
  embed: string[];
  testEmbed: string[];
  xtestEmbed: string[];
}

/**
 * go/build (*Context).ImportDir with UseAllFiles: the //go:embed patterns of the package's Go
 * files, test files and external test files (each sorted, deduplicated).
 */
export async function embedPatternsOf(fs: PackageFS, dir: string): Promise<EmbedInfo> {
  const { files } = await fs.entries(dir);
  const embed = new Set<string>();
  const testEmbed = new Set<string>();
  const xtestEmbed = new Set<string>();
  let pkgName = '';
  let any = false;
  // go/build build.go: Import's badGoError — only the first bad file counts.
  let bad: { err: string } | { multiple: true } | undefined;
  for (const name of [...files].sort(cmpStr)) {
    if (name.startsWith('_') || name.startsWith('.') || !name.endsWith('.go')) continue;
    const data = await fs.read(join(dir, name));
    if (data === undefined) continue;
    const info = scanGoFile(join(dir, name), data);
    if (info.error !== undefined) {
      bad ??= { err: info.error };
      continue;
    }
    if (info.parseError !== undefined) bad ??= { err: info.parseError };
    let pkg = info.packageName;
    if (pkg === 'documentation') continue;
    any = true;
    const isTest = name.endsWith('_test.go');
    let isXTest = false;
    if (isTest && pkg.endsWith('_test') && pkgName !== pkg) {
      isXTest = true;
      pkg = pkg.slice(0, -5);
    }
    if (pkgName === '') pkgName = pkg;
    else if (pkg !== pkgName) bad ??= { multiple: true };
    if (isTest && info.imports.some((i) => i.path === 'C')) bad ??= { err: `use of cgo in test ${info.name} not supported` };
    if (info.parseError !== undefined) continue;
    if (!info.imports.some((i) => i.path === 'embed')) continue;
    const target = isXTest ? xtestEmbed : isTest ? testEmbed : embed;
    for (const p of findEmbeds(data)) target.add(p);
  }
  const sorted = (x: Set<string>) => [...x].sort(cmpStr);
  const err = bad && 'err' in bad ? bad.err : undefined;
  return { noGo: !any && err === undefined, err, embed: sorted(embed), testEmbed: sorted(testEmbed), xtestEmbed: sorted(xtestEmbed) };
}

/**
 * go/build read.go: the //go:embed lines (findEmbed + parseGoEmbed). readByteNoBuf first re-reads
 * the buffered header, so the scan covers the whole file, starting not at a line start.
 */
function findEmbeds(src: Uint8Array): string[] {
  return embedPositions(src).map((e) => e.pattern);
}

/** A //go:embed pattern and where it is (go/build: EmbedPatternPos; columns count bytes before the directive's arguments, runes in them). */
export interface EmbedPos {
  pattern: string;
  line: number;
  column: number;
}

/** findEmbeds with each pattern's position (read.go: readGoInfo's embeds). */
export function embedPositions(src: Uint8Array): EmbedPos[] {
  const out: EmbedPos[] = [];
  let i = 0;
  const n = src.length;
  const next = (): number => (i < n ? src[i++]! : -1);
  const goEmbed = '//go:embed';
  let startLine = false;
  let c = next();
  while (c !== -1) {
    let reswitch = false;
    switch (c) {
      case 0x0a:
        startLine = true;
        break;
      case 0x20:
      case 0x09:
        break;
      case 0x22: // "
      case 0x27: {
        // '
        const q = c;
        startLine = false;
        for (;;) {
          c = next();
          if (c === -1) break;
          if (c === 0x5c) {
            next();
            continue;
          }
          if (c === q) {
            c = next();
            reswitch = true;
            break;
          }
        }
        break;
      }
      case 0x60: // `
        startLine = false;
        for (;;) {
          c = next();
          if (c === -1) break;
          if (c === 0x60) {
            c = next();
            reswitch = true;
            break;
          }
        }
        break;
      case 0x2f: {
        // /
        c = next();
        if (c === 0x2a) {
          let c0 = c;
          let c1 = -2;
          while (!(c0 === 0x2a && c1 === 0x2f) && c1 !== -1) {
            c0 = c1;
            c1 = next();
          }
          startLine = false;
        } else if (c === 0x2f) {
          let found = false;
          if (startLine) {
            let k = 2;
            for (; k < goEmbed.length; k++) {
              c = next();
              if (c !== goEmbed.charCodeAt(k)) break;
            }
            if (k === goEmbed.length) {
              c = next();
              if (c === 0x20 || c === 0x09) found = true;
            }
          }
          if (found) {
            const start = i;
            while (i < n && src[i] !== 0x0a) i++;
            const line = utf8Decode(src.subarray(start, i));
            if (i < n) i++;
            const list = parseGoEmbedPos(line);
            if (list) {
              const lineStart = src.lastIndexOf(0x0a, start - 1) + 1;
              let lineNo = 1;
              for (let k = 0; k < lineStart; k++) if (src[k] === 0x0a) lineNo++;
              for (const e of list) out.push({ pattern: e.path, line: lineNo, column: start - lineStart + 1 + e.col });
            }
            startLine = true;
          } else {
            while (c !== 0x0a && c !== -1) c = next();
            startLine = true;
          }
        } else {
          startLine = false;
          reswitch = true;
        }
        break;
      }
      default:
        startLine = false;
    }
    if (!reswitch) c = next();
  }
  return out;
}

// unicode.IsSpace of a rune (an escaped invalid byte is RuneError, never a space).
const isSpace = (ch: string) => isGoSpace(ch.codePointAt(0)!);

/** go/build read.go: parseGoEmbed (null when the line is malformed). */
export function parseGoEmbed(args: string): string[] | null {
  return parseGoEmbedPos(args)?.map((e) => e.path) ?? null;
}

/** parseGoEmbed with each pattern's offset in runes. */
function parseGoEmbedPos(line: string): { path: string; col: number }[] | null {
  const list: { path: string; col: number }[] = [];
  let args = line;
  const col = () => [...line.slice(0, line.length - args.length)].length;
  const trimSpace = () => {
    let k = 0;
    for (const ch of args) {
      if (!isSpace(ch)) break;
      k += ch.length;
    }
    args = args.slice(k);
  };
  for (trimSpace(); args !== ''; trimSpace()) {
    let path: string;
    const at = col();
    if (args[0] === '`') {
      const j = args.indexOf('`', 1);
      if (j < 0) return null;
      path = args.slice(1, j);
      args = args.slice(j + 1);
    } else if (args[0] === '"') {
      let k = 1;
      let q: string | null = null;
      for (; k < args.length; k++) {
        if (args[k] === '\\') {
          k++;
          continue;
        }
        if (args[k] === '"') {
          try {
            q = unquote(args.slice(0, k + 1));
          } catch {
            return null;
          }
          break;
        }
      }
      if (q === null) return null;
      path = q;
      args = args.slice(k + 1);
    } else {
      let k = 0;
      for (const ch of args) {
        if (isSpace(ch)) break;
        k += ch.length;
      }
      path = args.slice(0, k);
      args = args.slice(k);
    }
    if (args !== '' && !isSpace([...args][0]!)) return null;
    list.push({ path, col: at });
  }
  return list;
}

/** io/fs.ValidPath */
function validPath(name: string): boolean {
  if (!isValidUTF8(name)) return false;
  if (name === '.') return true;
  for (const el of name.split('/')) if (el === '' || el === '.' || el === '..') return false;
  return true;
}

/** load/pkg.go: isBadEmbedName */
function isBadEmbedName(name: string): boolean {
  if (filePathError(name) !== null) return true;
  return name === '' || name === '.bzr' || name === '.hg' || name === '.git' || name === '.svn';
}

const hasMeta = (p: string) => /[*?[\\]/.test(p);

/** filepath.Glob of pkgdir/glob, for a glob that fs.ValidPath accepts. */
async function glob(fs: PackageFS, pkgdir: string, pattern: string): Promise<string[]> {
  let cur = [pkgdir];
  for (const el of pattern.split('/')) {
    const next: string[] = [];
    for (const d of cur) {
      if (!hasMeta(el)) {
        const p = join(d, el);
        if (await fs.exists(p)) next.push(p);
        continue;
      }
      const { files, dirs } = await fs.entries(d);
      for (const name of [...files, ...dirs].sort(cmpStr)) {
        const [ok, err] = pathMatch(el, name);
        if (err) throw err;
        if (ok) next.push(join(d, name));
      }
    }
    cur = next;
  }
  return cur;
}

async function isDir(fs: PackageFS, p: string): Promise<boolean> {
  const i = p.lastIndexOf('/');
  const { dirs } = await fs.entries(p.slice(0, i) || '/');
  return dirs.includes(p.slice(i + 1));
}

/** load/pkg.go: EmbedError — a pattern's failure ("pattern P: ..."). */
export class EmbedError extends Error {
  constructor(
    readonly pattern: string,
    msg: string,
  ) {
    super(`pattern ${pattern}: ${msg}`);
  }
}

/**
 * load/pkg.go: (*Package).load's and test.go's resolveEmbed over a package's patterns (sorted, as
 * cleanDecls sorts them): the first failure and the first position of its pattern, or null.
 */
export async function embedError(fs: PackageFS, pkgdir: string, embeds: ReadonlyMap<string, string>): Promise<{ msg: string; pos: string } | null> {
  if (embeds.size === 0) return null;
  try {
    await resolveEmbed(fs, pkgdir, [...embeds.keys()].sort(cmpStr));
    return null;
  } catch (e) {
    if (e instanceof EmbedError) return { msg: e.message, pos: embeds.get(e.pattern) ?? '' };
    throw e;
  }
}

/** load/pkg.go: resolveEmbed (files relative to pkgdir); errors read "pattern P: ...". */
export async function resolveEmbed(fs: PackageFS, pkgdir: string, patterns: string[]): Promise<string[]> {
  const have = new Set<string>();
  const dirOK = new Set<string>();
  for (const pattern of patterns) {
    const fail = (msg: string) => new EmbedError(pattern, msg);
    const all = pattern.startsWith('all:');
    const g = all ? pattern.slice(4) : pattern;
    if (pathMatch(g, '')[1] !== null || g === '.' || !validPath(g)) throw fail('invalid pattern syntax');
    const match = await glob(fs, pkgdir, g);
    const list = new Set<string>();
    for (const file of match) {
      const rel = file.slice(pkgdir.length + 1);
      const fileIsDir = await isDir(fs, file);
      const what = fileIsDir ? 'directory' : 'file';
      for (let d = file; d.length > pkgdir.length + 1 && !dirOK.has(d); d = pathDir(d)) {
        if (await fs.exists(join(d, 'go.mod'))) {
          if (d !== file || fileIsDir) throw fail(`cannot embed ${what} ${rel}: in different module`);
        }
        dirOK.add(d);
        const elem = d.slice(d.lastIndexOf('/') + 1);
        if (isBadEmbedName(elem)) {
          if (d === file) throw fail(`cannot embed ${what} ${rel}: invalid name ${elem}`);
          throw fail(`cannot embed ${what} ${rel}: in invalid directory ${elem}`);
        }
      }
      if (!fileIsDir) {
        list.add(rel);
        have.add(rel);
        continue;
      }
      let count = 0;
      const walk = async (dir: string, top: boolean): Promise<void> => {
        if (!top && (await fs.exists(join(dir, 'go.mod')))) return;
        const { files, dirs } = await fs.entries(dir);
        const names = [...files.map((f) => ({ f, d: false })), ...dirs.map((f) => ({ f, d: true }))].sort((a, b) => cmpStr(a.f, b.f));
        for (const { f, d } of names) {
          if (isBadEmbedName(f) || ((f[0] === '.' || f[0] === '_') && !all)) continue;
          const p = join(dir, f);
          if (d) await walk(p, false);
          else {
            count++;
            const r = p.slice(pkgdir.length + 1);
            list.add(r);
            have.add(r);
          }
        }
      };
      await walk(file, true);
      if (count === 0) throw fail(`cannot embed directory ${rel}: contains no embeddable files`);
    }
    if (list.size === 0) throw fail('no matching files found');
  }
  return [...have].sort(cmpStr);
}

/** path.Dir of a slash-separated path. */
export function pathDir(p: string): string {
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return p.slice(0, i);
}

/** UTF-16 code-unit order (sort.Strings' order for names without astral characters). */
export function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

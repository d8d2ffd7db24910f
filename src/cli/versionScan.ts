// `go version file...` on Node: what cmd/go/internal/version/version.go finds at each argument
// (os.Stat, then scanDir's WalkDir or scanFile) short of reading a Go binary's build info.
import { lstatSync, readdirSync, statSync, type Stats } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { VersionScan } from '../core/commands/version';

/** version.go isGoBinaryCandidate */
function candidate(file: string, st: Stats): boolean {
  if (st.isFile() && (st.mode & 0o111) !== 0) return true;
  const name = file.toLowerCase();
  return ['.so', '.exe', '.dll'].includes(extname(name)) || name.includes('.so.');
}

export function versionScan(cwd: string): VersionScan {
  return (arg, verbose) => {
    const abs = resolve(cwd, arg);
    let st: Stats;
    try {
      st = statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return { statError: `stat ${arg}: ${code === 'ENOTDIR' ? 'not a directory' : code === 'EACCES' ? 'permission denied' : 'no such file or directory'}` };
    }
    if (!st.isDirectory()) return { candidates: candidate(arg, st) ? 1 : 0, notes: '' };
    let candidates = 0;
    let notes = '';
    // scanDir: filepath.WalkDir (lexical order, symlinks not followed); scanFile(path, info, -v)
    const walk = (rel: string, dir: string) => {
      let names: string[];
      try {
        names = readdirSync(dir).sort();
      } catch {
        return;
      }
      for (const n of names) {
        const p = join(dir, n);
        const shown = join(rel, n); // filepath.Join
        const l = lstatSync(p);
        if (l.isDirectory()) walk(shown, p);
        else if (l.isSymbolicLink()) {
          let t: Stats | undefined;
          try {
            t = statSync(p);
          } catch {
            t = undefined;
          }
          if (t === undefined || !t.isFile()) {
            if (verbose) notes += `${shown}: symlink\n`;
          } else if (candidate(shown, t)) candidates++;
        } else if (l.isFile() && candidate(shown, l)) candidates++;
      }
    };
    walk(arg, abs);
    return { candidates, notes };
  };
}

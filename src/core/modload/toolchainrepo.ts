// The "go" and "toolchain" pseudo-modules as version repos (cmd/go/internal/modfetch/toolchain.go:
// toolchainRepo over the golang.org/toolchain module's versions, v0.0.1-go1.21.3.linux-amd64).
import { compareGo, fromToolchain, isLang, isValidGo, Local, modCompare } from '../gover';
import { zeroTime, type RevInfo } from '../source';
import type { VersionRepo } from './query';

/** The repo behind both pseudo-modules (modfetch/repo.go lookup). */
export const toolchainModule = 'golang.org/toolchain';

/** toolchain.go: dlToGo — "v0.0.1-go1.19.7.windows-amd64" → "1.19.7". */
export function dlToGo(v: string): string | undefined {
  const dash = v.indexOf('-');
  if (dash < 0) return undefined;
  const rest = v.slice(dash + 1);
  const i = rest.lastIndexOf('.');
  if (i < 0 || !rest.slice(i + 1).includes('-')) return undefined;
  const g = rest.slice(0, i);
  return g.startsWith('go') ? g.slice(2) : g;
}

/** toolchain.go: goToDL (always the linux-amd64 build, which every release has). */
export const goToDL = (v: string) => `v0.0.1-go${v}.linux-amd64`;

/** toolchain.go: toolchainRepo for path "go" or "toolchain" over dl, golang.org/toolchain's repo. */
export function toolchainRepo(path: 'go' | 'toolchain', dl: VersionRepo): VersionRepo {
  const goPrefix = path === 'toolchain' ? 'go' : '';
  const repo: VersionRepo = {
    modulePath: () => path,
    async versions() {
      const have = new Set<string>();
      const list: string[] = [];
      for (const dv of await dl.versions('')) {
        const v = dlToGo(dv);
        if (v === undefined || have.has(v)) continue;
        have.add(v);
        list.push(goPrefix + v);
      }
      // The running go's own version is always available.
      if (!have.has(Local)) list.push(goPrefix + Local);
      const key = (v: string) => (path === 'go' ? v : fromToolchain(v));
      return list.sort((a, b) => compareGo(key(a), key(b)));
    },
    async stat(rev): Promise<RevInfo> {
      // go@go1.21 and toolchain@1.21 are accepted and corrected to the standard form.
      const v = rev.startsWith('go') ? rev.slice(2) : rev;
      if (!isValidGo(v)) throw new Error(`invalid ${path} version ${rev}`);
      // Earlier go versions are provided by the running toolchain (GOTOOLCHAIN=auto) and the
      // running toolchain itself exists: no network.
      if (path === 'go' && compareGo(v, Local) <= 0) return { Version: goPrefix + v, Time: zeroTime };
      if (path === 'toolchain' && v === Local) return { Version: goPrefix + v, Time: zeroTime };
      if (isLang(v)) throw new Error(`go language version ${rev} is not a toolchain version`);
      const info = await dl.stat(goToDL(v));
      return { Version: goPrefix + v, Time: info.Time };
    },
    async latest() {
      let max = '';
      for (const v of await repo.versions('')) if (max === '' || modCompare(path, v, max) > 0) max = v;
      return repo.stat(max);
    },
  };
  return repo;
}

// load.go: loadPkg, the loader's record of one package, and its flags.
import type { ModuleVersion } from '../../module';
import type { RootPkg } from '../buildlist';
import type { Loader } from './loader';

export const PKG_IN_ALL = 1;
export const PKG_IS_ROOT = 2;
export const PKG_FROM_ROOT = 4;
export const PKG_IMPORTS_LOADED = 8;

export const noMod: ModuleVersion = { path: '', version: '' };

/** load.go: loadPkg */
export class LoadPkg implements RootPkg {
  flags = 0;
  mod: ModuleVersion = noMod;
  dir = '';
  err: Error | null = null;
  imports: LoadPkg[] = [];
  testImports: string[] = [];
  inStd = false;
  altMods: ModuleVersion[] = [];
  test: LoadPkg | null = null;
  stack: LoadPkg | null = null;
  constructor(
    readonly ld: Loader,
    readonly path: string,
    readonly testOf: LoadPkg | null = null,
  ) {}
  has(f: number): boolean {
    return (this.flags & f) === f;
  }
  get inAll(): boolean {
    return this.has(PKG_IN_ALL);
  }
  get isRoot(): boolean {
    return this.has(PKG_IS_ROOT);
  }
  get fromRoot(): boolean {
    return this.has(PKG_FROM_ROOT);
  }
  isTest(): boolean {
    return this.testOf !== null;
  }
  fromExternalModule(): boolean {
    if (this.mod.path === '') return false;
    return !this.ld.s.main().contains(this.mod.path);
  }
  /** load.go: stackText */
  stackText(): string {
    const stack: LoadPkg[] = [];
    for (let p: LoadPkg | null = this; p !== null; p = p.stack) stack.push(p);
    let buf = '';
    for (let i = stack.length - 1; i >= 0; i--) {
      const p = stack[i]!;
      buf += p.path;
      if (p.testOf !== null) buf += '.test';
      if (i > 0) buf += stack[i - 1]!.testOf === p ? ' tested by\n\t' : ' imports\n\t';
    }
    return buf;
  }
  /** load.go: why */
  why(): string {
    const stack: LoadPkg[] = [];
    for (let p: LoadPkg | null = this; p !== null; p = p.stack) stack.push(p);
    let buf = '';
    for (let i = stack.length - 1; i >= 0; i--) {
      const p = stack[i]!;
      buf += (p.testOf !== null ? p.testOf.path + '.test' : p.path) + '\n';
    }
    return buf;
  }
  /** The import stack as paths (tests as "P.test"), root first. */
  whyPath(): string[] {
    return this.why().split('\n').filter((x) => x !== '');
  }
}

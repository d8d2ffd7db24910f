// The errors of import resolution: cmd/go/internal/modload/import.go (ImportMissingError,
// AmbiguousImportError, DirectImportFromImplicitDependencyError, ImportMissingSumError,
// invalidImportError) and query.go (PackageNotInModuleError, QueryMatchesPackagesInMainModuleError).
import type { ModuleVersion } from '../../module';
import { isZeroPseudoVersion } from '../../pseudo';
import { fmtMod, type ModState } from '../state';
import { join } from '../paths';
import { goRoot, isMetaPackage, modContainingCWD } from './import';

/** An error whose message is computed when read (go's Error() methods read global state). */
export abstract class LazyError extends Error {
  constructor() {
    super();
    Object.defineProperty(this, 'message', { get: () => this.text(), configurable: true });
  }
  abstract text(): string;
}


/** import.go: ImportMissingError */
export class ImportMissingError extends LazyError {
  queryErr: Error | null = null;
  module: ModuleVersion = { path: '', version: '' };
  importingMainModule: ModuleVersion = { path: '', version: '' };
  isStd = false;
  importerGoVersion = '';
  replaced: ModuleVersion = { path: '', version: '' };
  newMissingVersion = '';
  constructor(
    readonly s: ModState,
    readonly path: string,
    init: Partial<Pick<ImportMissingError, 'queryErr' | 'module' | 'isStd' | 'replaced' | 'newMissingVersion'>> = {},
  ) {
    super();
    Object.assign(this, init);
    this.name = 'ImportMissingError';
  }
  get err(): Error | null {
    return this.queryErr;
  }
  text(): string {
    const s = this.s;
    if (this.module.path === '') {
      if (this.isStd) {
        let msg = `package ${this.path} is not in std (${join(goRoot(s), 'src', this.path)})`;
        if (this.importerGoVersion !== '') msg += `\nnote: imported by a module that requires go ${this.importerGoVersion}`;
        return msg;
      }
      if (this.queryErr !== null && !(this.queryErr as { noModRoot?: boolean }).noModRoot) {
        return `cannot find module providing package ${this.path}: ${this.queryErr.message}`;
      }
      if (s.buildMod === 'mod' || (s.buildMod === 'readonly' && s.allowMissingModuleImports)) {
        return 'cannot find module providing package ' + this.path;
      }
      if (this.replaced.path !== '') {
        let suggestArg = this.replaced.path;
        if (!isZeroPseudoVersion(this.replaced.version)) suggestArg = fmtMod(this.replaced);
        return `module ${this.replaced.path} provides package ${this.path} and is replaced but not required; to add it:\n\tgo get ${suggestArg}`;
      }
      const message = `no required module provides package ${this.path}`;
      if (this.queryErr !== null) return `${message}: ${this.queryErr.message}`;
      const cwdMod = s.mainModules ? modContainingCWD(s) : null;
      if (
        this.importingMainModule.path !== '' &&
        (cwdMod === null || cwdMod.path !== this.importingMainModule.path || cwdMod.version !== this.importingMainModule.version)
      ) {
        return `${message}; to add it:\n\tcd ${s.main().getModRoot(this.importingMainModule)}\n\tgo get ${this.path}`;
      }
      return `${message}; to add it:\n\tgo get ${this.path}`;
    }
    if (this.newMissingVersion !== '') {
      return `package ${this.path} provided by ${this.module.path} at latest version ${this.module.version} but not at required version ${this.newMissingVersion}`;
    }
    return `missing module for import: ${this.module.path}@${this.module.version} provides ${this.path}`;
  }
}

/** import.go: AmbiguousImportError */
export class AmbiguousImportError extends Error {
  constructor(
    readonly importPath: string,
    readonly dirs: string[],
    readonly modules: ModuleVersion[],
  ) {
    let msg = `ambiguous import: found package ${importPath} in multiple ${modules.length === 0 ? 'directories' : 'modules'}:`;
    dirs.forEach((dir, i) => {
      msg += '\n\t';
      if (i < modules.length) {
        const m = modules[i]!;
        msg += m.path;
        if (m.version !== '') msg += ` ${m.version}`;
        msg += ` (${dir})`;
      } else msg += dir;
    });
    super(msg);
    this.name = 'AmbiguousImportError';
  }
}

/** import.go: DirectImportFromImplicitDependencyError */
export class DirectImportFromImplicitDependencyError extends Error {
  constructor(
    readonly importerPath: string,
    readonly importedPath: string,
    readonly module: ModuleVersion,
  ) {
    super(
      `package ${importerPath} imports ${importedPath} from implicitly required module; to add missing requirements, run:\n\tgo get ${module.path}@${module.version}`,
    );
    this.name = 'DirectImportFromImplicitDependencyError';
  }
}

/** import.go: ImportMissingSumError */
export class ImportMissingSumError extends LazyError {
  importer = '';
  importerVersion = '';
  importerIsTest = false;
  constructor(
    readonly importPath: string,
    readonly found: boolean,
    readonly mods: ModuleVersion[],
  ) {
    super();
    this.name = 'ImportMissingSumError';
  }
  text(): string {
    const importParen = this.importer !== '' ? ` (imported by ${this.importer})` : '';
    const message = this.found
      ? `missing go.sum entry needed to verify package ${this.importPath}${importParen} is provided by exactly one module`
      : `missing go.sum entry for module providing package ${this.importPath}${importParen}`;
    let hint = '';
    if (this.importer === '') {
      if (this.mods.length > 0) hint = `; to add:\n\tgo mod download ${this.mods.map((m) => m.path).join(' ')}`;
    } else {
      hint = `; to add:\n\tgo get${this.importerIsTest ? ' -t' : ''} ${this.importer}${this.importerVersion !== '' ? '@' + this.importerVersion : ''}`;
    }
    return message + hint;
  }
}

/** import.go: invalidImportError */
export class InvalidImportError extends Error {
  constructor(
    readonly importPath: string,
    readonly err: Error,
  ) {
    super(err.message);
    this.name = 'InvalidImportError';
  }
}

/** query.go: PackageNotInModuleError */
export class PackageNotInModuleError extends Error {
  constructor(
    readonly mainModules: ModuleVersion[],
    readonly mod: ModuleVersion,
    readonly replacementMod: ModuleVersion,
    readonly query: string,
    readonly pattern: string,
  ) {
    let msg: string;
    if (mainModules.length > 0) {
      const prefix = mainModules.length === 1 ? `main module (${fmtMod(mainModules[0]!)}) does` : 'workspace modules do';
      msg = pattern.includes('...') ? `${prefix} not contain packages matching ${pattern}` : `${prefix} not contain package ${pattern}`;
    } else {
      let found = '';
      const r = replacementMod;
      if (r.path !== '') {
        const repl = r.version !== '' ? `${r.path}@${r.version}` : r.path;
        found = query === mod.version ? ` (replaced by ${repl})` : ` (${mod.version}, replaced by ${repl})`;
      } else if (query !== mod.version) found = ` (${mod.version})`;
      msg = pattern.includes('...')
        ? `module ${mod.path}@${query} found${found}, but does not contain packages matching ${pattern}`
        : `module ${mod.path}@${query} found${found}, but does not contain package ${pattern}`;
    }
    super(msg);
    this.name = 'PackageNotInModuleError';
  }
}

/** query.go: QueryMatchesPackagesInMainModuleError (single package). */
export class QueryMatchesPackagesInMainModuleError extends Error {
  constructor(pattern: string, query: string, packages: string[]) {
    if (packages.length > 1) super(`pattern ${pattern} matches ${packages.length} packages in the main module, so can't request version ${query}`);
    else if (isMetaPackage(pattern) || pattern.includes('...')) super(`pattern ${pattern} matches package ${packages[0]} in the main module, so can't request version ${query}`);
    else super(`package ${packages[0]} is in the main module, so can't request version ${query}`);
  }
}

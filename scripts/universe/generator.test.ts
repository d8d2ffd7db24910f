// The universe generator: deterministic per seed, valid for the core's own checks, and covering
// the features the differential tests rely on across a range of seeds.
import { describe, expect, it } from 'vitest';
import { checkPath, checkError } from '../../src/core/module';
import { parse } from '../../src/core/modfile';
import { generateUniverse } from './generator';
import { goSumText } from './proxyDir';

describe('generateUniverse', () => {
  it('is deterministic per seed', async () => {
    for (const seed of [1, 7, 42]) {
      expect(JSON.stringify(generateUniverse(seed))).toBe(JSON.stringify(generateUniverse(seed)));
      expect(await goSumText(generateUniverse(seed))).toBe(await goSumText(generateUniverse(seed)));
    }
    expect(JSON.stringify(generateUniverse(1))).not.toBe(JSON.stringify(generateUniverse(2)));
  });

  it('produces valid module paths, versions and go.mod files, and covers every feature', () => {
    const features = new Set<string>();
    for (let seed = 1; seed <= 300; seed++) {
      const u = generateUniverse(seed);
      for (const f of u.features) features.add(f.startsWith('main:go ') ? 'main:go' : f);
      for (const m of u.modules) {
        checkPath(m.path);
        for (const v of m.versions) {
          expect(checkError(m.path, v.version), `${m.path}@${v.version}`).toBeNull();
          const gomod = v.files.find((f) => f.name === 'go.mod');
          if (gomod) {
            expect(gomod.data).toBe(v.mod);
            expect(() => parse('go.mod', new TextEncoder().encode(v.mod), null)).not.toThrow();
          } else expect(v.version).toMatch(/\+incompatible$/);
        }
      }
      const main = u.main.find((f) => f.name === 'go.mod')!;
      expect(() => parse('go.mod', new TextEncoder().encode(main.data), null)).not.toThrow();
    }
    for (const f of [
      'module:plain', 'module:v2', 'module:gopkgin', 'module:nested', 'module:upper', 'module:incompat',
      'version:prerelease', 'version:pseudo', 'version:+incompatible',
      'gomod:retract', 'gomod:go>=1.21', 'gomod:no-go-line', 'gomod:no-requires',
      'file:goos-suffix', 'file:build-ignore', 'file:test-imports',
      'main:go', 'main:direct-marked-indirect', 'main:missing-require', 'main:extra-require', 'main:test-only-import',
      'main:import-no-module', 'main:import-missing-package', 'main:replace-version', 'main:replace-dir', 'main:exclude',
      'main:build-ignore', 'main:goos-file', 'main:toolchain', 'main:toolchain-newer',
      'main:replace-fork', 'main:exclude-required', 'main:exclude-block',
      'gosum:none', 'gosum:complete', 'gosum:partial', 'gosum:stale', 'gosum:bad',
    ]) {
      expect(features, f).toContain(f);
    }
  });
});

// Shared by the sort tests of gover.test.ts and module.test.ts: random module lists.

/** The code points random paths are made of (some past U+D800, where Go's order is not UTF-16's). */
const CPS = [0x61, 0x2e, 0x2f, 0x7a, 0xe9, 0xd7ff, 0xe000, 0xfffd, 0x10000, 0x1f600];

/**
 * count lists of 13..162 modules with one version per path (lists sorted natively, as no two
 * elements tie); every other list has paths with code points past U+D800. r is a seeded RNG.
 */
export function distinctPathLists(r: () => number, versions: readonly string[], goModShare: number, count: number): { path: string; version: string }[][] {
  const lists: { path: string; version: string }[][] = [];
  for (let i = 0; i < count; i++) {
    const high = i % 2 === 0;
    const paths = new Set<string>();
    for (let n = 13 + Math.floor(r() * 150); paths.size < n; ) {
      let p = 'example.com/';
      for (let k = 1 + Math.floor(r() * 4); k > 0; k--) p += String.fromCodePoint(CPS[Math.floor(r() * (high ? CPS.length : 4))]!);
      paths.add(p);
    }
    lists.push([...paths].map((path) => ({ path, version: versions[Math.floor(r() * versions.length)]! + (r() < goModShare ? '/go.mod' : '') })));
  }
  return lists;
}

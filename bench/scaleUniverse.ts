// A module universe of a chosen size for benchmarks: n modules example.com/mNNNN, two versions
// each, whose packages import modules further down (a DAG reaching every module), go 1.21
// go.mod files with their requirements, and a main module importing the first ten.
import type { Universe, UFile, UModule } from '../scripts/universe/generator';
import { rng } from './gomodCorpus';

export function scaledUniverse(n: number, seed = 1): Universe {
  const r = rng(seed);
  const name = (i: number) => `example.com/m${String(i).padStart(4, '0')}`;
  const imports: number[][] = Array.from({ length: n }, () => []);
  for (let i = 10; i < n; i++) imports[Math.floor(r() * Math.min(i, Math.max(10, i / 2)))]!.push(i);
  for (let i = 0; i < n; i++) {
    const extra = Math.floor(r() * 3);
    for (let k = 0; k < extra && i + 1 < n; k++) {
      const j = i + 1 + Math.floor(r() * (n - i - 1));
      if (!imports[i]!.includes(j)) imports[i]!.push(j);
    }
  }
  const modules: UModule[] = [];
  for (let i = 0; i < n; i++) {
    const path = name(i);
    const versions = ['v1.0.0', 'v1.1.0'].map((version, vi) => {
      const deps = imports[i]!;
      const mod =
        `module ${path}\n\ngo 1.21\n` +
        (deps.length ? `\nrequire (\n${deps.map((j) => `\t${name(j)} v1.${vi === 1 && r() < 0.5 ? 1 : 0}.0\n`).join('')})\n` : '');
      const src =
        `package m${i}\n\n` +
        (deps.length ? `import (\n${deps.map((j) => `\t_ "${name(j)}"\n`).join('')})\n\n` : '') +
        `// F is package m${i}'s only function.\nfunc F() int { return ${i} }\n`;
      const files: UFile[] = [
        { name: 'go.mod', data: mod },
        { name: `m${i}.go`, data: src },
        { name: 'LICENSE', data: 'Synthetic benchmark module; no rights reserved.\n'.repeat(8) },
        { name: 'doc/README.md', data: `# ${path}\n\n` + 'Benchmark payload line.\n'.repeat(40 + Math.floor(r() * 200)) },
      ];
      return { version, time: `2024-0${1 + vi}-01T00:00:00Z`, mod, files, listed: true };
    });
    modules.push({ path, versions });
  }
  const direct = Array.from({ length: Math.min(10, n) }, (_, i) => i);
  const main: UFile[] = [
    { name: 'go.mod', data: `module example.com/main\n\ngo 1.21\n` },
    {
      name: 'main.go',
      data: `package main\n\nimport (\n${direct.map((i) => `\t_ "${name(i)}"\n`).join('')})\n\nfunc main() {}\n`,
    },
  ];
  return { seed, modules, mainPath: 'example.com/main', main, goSum: { mode: 'none', mods: [] }, whyModule: name(n - 1), features: [] };
}

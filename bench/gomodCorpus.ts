// A deterministic corpus of real-world-like go.mod files (module path, go and toolchain lines,
// direct and indirect requirement blocks, replace/exclude/retract, comments), from a seed.
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    // xorshift32
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

const hosts = ['github.com', 'gitlab.com', 'golang.org/x', 'google.golang.org', 'go.uber.org', 'gopkg.in', 'k8s.io', 'cloud.google.com/go'];
const words = ['yaml', 'grpc', 'protobuf', 'zap', 'cobra', 'viper', 'testify', 'mux', 'sqlx', 'redis', 'errors', 'sync', 'net', 'text', 'sys', 'crypto', 'api', 'client', 'json', 'log', 'atomic', 'multierr', 'uuid', 'cmp', 'pretty', 'color', 'term', 'afero', 'cast', 'mapstructure'];
const orgs = ['acme', 'spf13', 'stretchr', 'sirupsen', 'pkg', 'davecgh', 'pmezard', 'kr', 'mattn', 'fatih', 'hashicorp', 'prometheus', 'klauspost'];

export function makeGoMod(r: () => number, i: number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const ver = () => {
    const major = r() < 0.8 ? (r() < 0.2 ? 0 : 1) : 2 + Math.floor(r() * 3);
    const base = `v${major}.${Math.floor(r() * 30)}.${Math.floor(r() * 12)}`;
    if (r() < 0.12) {
      const t = `20${10 + Math.floor(r() * 14)}0${1 + Math.floor(r() * 9)}1${Math.floor(r() * 10)}1${Math.floor(r() * 10)}3045`;
      const h = Array.from({ length: 12 }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('');
      return { major, v: `v${major}.0.0-${t}-${h}` };
    }
    if (r() < 0.05) return { major, v: `${base}-rc.${Math.floor(r() * 3)}` };
    return { major, v: base };
  };
  const modPath = () => {
    const h = pick(hosts);
    let p = h === 'gopkg.in' ? `gopkg.in/${pick(words)}` : h.includes('/') ? `${h}/${pick(words)}` : `${h}/${pick(orgs)}/${pick(words)}`;
    return p;
  };
  const dep = () => {
    const p = modPath();
    const { major, v } = ver();
    if (p.startsWith('gopkg.in/')) return { p: `${p}.v${Math.max(major, 1)}`, v: v.replace(/^v\d+/, `v${Math.max(major, 1)}`) };
    if (major >= 2) return { p: `${p}/v${major}`, v };
    return { p, v };
  };
  const goMinor = 13 + Math.floor(r() * 11);
  const lines: string[] = [];
  if (r() < 0.1) lines.push('// Code generated for benchmarking; do not edit.', '');
  lines.push(`module github.com/${pick(orgs)}/project${i}`, '', `go 1.${goMinor}${goMinor >= 21 && r() < 0.5 ? '.' + Math.floor(r() * 6) : ''}`);
  if (goMinor >= 21 && r() < 0.3) lines.push('', `toolchain go1.${goMinor}.${Math.floor(r() * 8)}`);
  const seen = new Set<string>();
  const block = (n: number, indirect: boolean) => {
    const out: string[] = [];
    for (let k = 0; k < n; k++) {
      const d = dep();
      if (seen.has(d.p)) continue;
      seen.add(d.p);
      const c = indirect ? ' // indirect' : r() < 0.05 ? ' // pinned: see issue 123' : '';
      out.push(`\t${d.p} ${d.v}${c}`);
    }
    return out;
  };
  const direct = block(1 + Math.floor(r() * 15), false);
  const indirect = block(Math.floor(r() * 40), true);
  if (goMinor >= 17 && r() < 0.85) {
    lines.push('', 'require (', ...direct, ')');
    if (indirect.length) lines.push('', 'require (', ...indirect, ')');
  } else {
    lines.push('', 'require (', ...[...direct, ...indirect].sort(), ')');
  }
  if (r() < 0.25) {
    const d = dep();
    lines.push('', r() < 0.5 ? `replace ${d.p} => ../${pick(words)}` : `replace ${d.p} ${d.v} => ${modPath()}-fork ${ver().v.replace(/^v\d+/, 'v1')}`);
  }
  if (r() < 0.1) {
    const d = dep();
    lines.push('', `exclude ${d.p} ${d.v}`);
  }
  if (r() < 0.08) lines.push('', '// Published by mistake.', `retract [v1.0.0, v1.0.${1 + Math.floor(r() * 5)}]`);
  return lines.join('\n') + '\n';
}

export function gomodCorpus(n: number, seed = 1): string[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => makeGoMod(r, i));
}

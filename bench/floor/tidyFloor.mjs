// The least work any warm `go mod tidy` of a main module must do, in one Node process, with
// nothing parsed: read go.mod and go.sum, read and hash (h1) the go.mod of every module version
// go.sum names (go checks each against go.sum), and stat the directory of every module its zip
// lines name (their packages come from a module index, as go's do: not counted). The benchmark
// times it beside modscope and go: a floor for modscope's figure.
// Usage: node tidyFloor.mjs <module dir> <cache dir>
import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';

const [main, cache] = process.argv.slice(2);
const esc = (s) => s.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());
const sha = (b) => createHash('sha256').update(b).digest();
readFileSync(`${main}/go.mod`);
for (const line of readFileSync(`${main}/go.sum`, 'utf8').split('\n')) {
  const [path, version] = line.split(' ');
  if (!path || !version) continue;
  if (version.endsWith('/go.mod')) {
    const v = version.slice(0, -'/go.mod'.length);
    const data = readFileSync(`${cache}/cache/download/${esc(path)}/@v/${esc(v)}.mod`);
    sha(`${sha(data).toString('hex')}  go.mod\n`);
  } else statSync(`${cache}/${esc(path)}@${esc(version)}`);
}

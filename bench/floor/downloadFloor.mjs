// The least work any `go mod download` of a main module must do, in one Node process and one
// thread, with nothing checked: for each module zip its go.sum names, copy .info/.mod/.zip from a
// file:// proxy into the cache, inflate every entry, hash the tree (h1), write .ziphash and the
// extracted files. The benchmark times it beside modscope and go: a floor for modscope's figure.
// Usage: node downloadFloor.mjs <proxy dir> <module dir> <cache dir>
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';

const [proxy, main, cache] = process.argv.slice(2);
const esc = (s) => s.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());
const sha = (b) => createHash('sha256').update(b).digest();
for (const line of readFileSync(`${main}/go.sum`, 'utf8').split('\n')) {
  const [path, version] = line.split(' ');
  if (!path || !version || version.endsWith('/go.mod')) continue;
  const src = `${proxy}/${esc(path)}/@v/${esc(version)}`;
  const dl = `${cache}/cache/download/${esc(path)}/@v`;
  mkdirSync(dl, { recursive: true });
  for (const ext of ['info', 'mod', 'zip']) copyFileSync(`${src}.${ext}`, `${dl}/${esc(version)}.${ext}`);
  const z = readFileSync(`${dl}/${esc(version)}.zip`);
  let end = z.length - 22;
  while (z.readUInt32LE(end) !== 0x06054b50) end--;
  const files = [];
  for (let i = 0, p = z.readUInt32LE(end + 16); i < z.readUInt16LE(end + 10); i++) {
    const method = z.readUInt16LE(p + 10);
    const size = z.readUInt32LE(p + 20);
    const nameLen = z.readUInt16LE(p + 28);
    const off = z.readUInt32LE(p + 42);
    const name = z.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + z.readUInt16LE(p + 30) + z.readUInt16LE(p + 32);
    const at = off + 30 + z.readUInt16LE(off + 26) + z.readUInt16LE(off + 28);
    const raw = z.subarray(at, at + size);
    files.push([name, method === 8 ? inflateRawSync(raw) : raw]);
  }
  files.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const sum = files.map(([name, data]) => `${sha(data).toString('hex')}  ${name}\n`).join('');
  writeFileSync(`${dl}/${esc(version)}.ziphash`, 'h1:' + sha(sum).toString('base64'));
  const made = new Set();
  for (const [name, data] of files) {
    const out = `${cache}/${name}`;
    const dir = out.slice(0, out.lastIndexOf('/'));
    if (!made.has(dir)) mkdirSync(dir, { recursive: true }), made.add(dir);
    writeFileSync(out, data);
  }
}

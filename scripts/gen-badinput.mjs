// Generates the bad-input corpus (issue 7, item 2) into .test-out/badinput/: malformed go.mod,
// go.sum and go.work files, txtar archives and adversarial module zips, plus manifest.json describing each case.
// Deterministic (no randomness); the zips are written by a small writer of its own (node:zlib),
// independent of modscope's. Real go's verdicts are recorded by record-badinput-goldens.mjs.
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
export const badinputDir = join(root, '.test-out', 'badinput');

const B = (s) => (typeof s === 'string' ? Buffer.from(s, 'utf8') : Buffer.from(s));
const cat = (...parts) => Buffer.concat(parts.map(B));

// ---------------------------------------------------------------------------------------------
// go.mod

const gomods = {
  'empty': '',
  'no-module': 'go 1.21\n',
  'unknown-directive': 'module m\nfoo bar\n',
  'bad-go-version': 'module m\ngo 1.21.x\n',
  'go-version-v': 'module m\ngo v1.21\n',
  'repeated-go': 'module m\ngo 1.21\ngo 1.22\n',
  'repeated-module': 'module m\nmodule n\n',
  'bad-toolchain': 'module m\ngo 1.21\ntoolchain 1.21\n',
  'require-no-version': 'module m\nrequire example.com/a\n',
  'require-bad-version': 'module m\nrequire example.com/a v1\n',
  'require-noncanonical': 'module m\nrequire example.com/a v1.2\n',
  'require-v2-mismatch': 'module m\nrequire example.com/a/v2 v1.0.0\n',
  'require-incompatible-v1': 'module m\nrequire example.com/a v1.0.0+incompatible\n',
  'require-bad-path': 'module m\nrequire Example..com/a v1.0.0\n',
  'unterminated-string': 'module "m\n',
  'bad-escape': 'module "m\\q"\n',
  'unclosed-block': 'module m\nrequire (\n\texample.com/a v1.0.0\n',
  'stray-rparen': 'module m\n)\n',
  'block-on-line': 'module m\nrequire ( example.com/a v1.0.0 )\n',
  'unknown-block': 'module m\nfoo (\n\tx\n)\n',
  'replace-no-arrow': 'module m\nreplace example.com/a v1.0.0 example.com/b v1.0.0\n',
  'replace-bad-target': 'module m\nreplace example.com/a => example.com/b\n',
  'replace-dir-version': 'module m\nreplace example.com/a => ./b v1.0.0\n',
  'exclude-no-version': 'module m\nexclude example.com/a\n',
  'retract-bad-interval': 'module m\nretract [v1.0.0 v1.2.0]\n',
  'retract-reversed': 'module m\nretract [v1.2.0, v1.0.0]\n',
  'godebug-bad': 'module m\ngodebug x\n',
  'godebug-unknown-key': 'module m\ngo 1.21\ngodebug foo=1\n',
  'invalid-utf8-directive': cat('module m\n', [0xff, 0xfe], ' x\n'),
  'invalid-utf8-path': cat('module m\nrequire example.com/', [0xc0, 0xaf], ' v1.0.0\n'),
  'invalid-utf8-version': cat('module m\nrequire example.com/a v1.0.', [0xe2], '\n'),
  // invalid UTF-8 in each position (issue 7): go keeps the bytes; errors show them raw (%s) or as \xNN (%q)
  'invalid-utf8-module-path': cat('module example.com/m', [0xff], '\n'),
  'invalid-utf8-module-quoted': cat('module "example.com/m', [0xfe, 0xff], '"\n'),
  'invalid-utf8-module-backquoted': cat('module `example.com/m', [0xc3], '`\n'),
  'invalid-utf8-module-escape': 'module "example.com/m\\xff\\t"\n',
  'invalid-utf8-escape-and-raw': cat('module "example.com/m\\t', [0xe9], '"\n'),
  'invalid-utf8-require-quoted': cat('module m\nrequire "example.com/', [0xff], '" v1.0.0\n'),
  'invalid-utf8-require-block': cat('module m\n\nrequire (\n\texample.com/', [0xed, 0xa0, 0x80], ' v1.0.0\n\texample.com/b v1.0.0 // ', [0xff], '\n)\n'),
  'invalid-utf8-require-v2': cat('module m\nrequire example.com/a/v2 v1.0.0-', [0xf0, 0x9f], '\n'),
  'invalid-utf8-version-quoted': cat('module m\nrequire example.com/a "v1.0.0', [0xff], '"\n'),
  'invalid-utf8-comment': cat('// caf', [0xe9], ' ', [0xff, 0xfe], '\nmodule m\n\n// ', [0x80], ' block\ngo 1.21\n'),
  'invalid-utf8-suffix-comment': cat('module m // ', [0xc0, 0xaf], '\n\nrequire example.com/a v1.0.0 // indirect', [0xff], '\n'),
  'invalid-utf8-messy-comments': cat('module   m\ngo 1.21\n// ', [0xe2, 0x82], '\nrequire example.com/a v1.0.0   //   ', [0xf8], '   \nrequire (\n// ', [0xfe], '\nexample.com/b v1.1.0 // indirect\n)\n'),
  'invalid-utf8-deprecated': cat('// Deprecated: use n', [0xff], '\nmodule m\n'),
  'invalid-utf8-replace-target': cat('module m\nreplace example.com/a => example.com/b', [0xff], ' v1.0.0\n'),
  'invalid-utf8-replace-dir': cat('module m\nreplace example.com/a => ./b', [0xff], '\n'),
  'invalid-utf8-replace-old-version': cat('module m\nreplace example.com/a v1.0.', [0xff], ' => ./b\n'),
  'invalid-utf8-replace-new-version': cat('module m\nreplace example.com/a => example.com/b v1.', [0x80], '\n'),
  'invalid-utf8-exclude': cat('module m\nexclude example.com/', [0xfe], ' v1.0.0\n'),
  'invalid-utf8-retract': cat('module m\nretract v1.0.', [0xff], '\n'),
  'invalid-utf8-retract-rationale': cat('module m\nretract v1.0.0 // bad ', [0xff], '\n'),
  'invalid-utf8-go-version': cat('module m\ngo 1.21', [0xff], '\n'),
  'invalid-utf8-toolchain': cat('module m\ngo 1.21\ntoolchain go1.21', [0xff], '\n'),
  'invalid-utf8-godebug': cat('module m\ngo 1.21\ngodebug foo', [0xff], '=1\n'),
  'invalid-utf8-unknown-quoted': cat('module m\n"', [0xff], '" x\n'),
  'invalid-utf8-bad-char-after': cat('module m\nrequire example.com/a v1.0.0 ', [0xff], '\n'),
  'invalid-utf8-unterminated': cat('module "m', [0xff], '\n'),
  'nul-byte': cat('module m', [0], '\n'),
  'bom': cat([0xef, 0xbb, 0xbf], 'module m\n'),
  'cr-only-lines': 'module m\rgo 1.21\r',
  'backslash-path': 'module example.com\\m\n',
  'deep-parens': 'module m\n' + 'require (\n'.repeat(200),
  'long-line': 'module m\nrequire example.com/' + 'a'.repeat(100000) + ' v1.0.0\n',
  'many-errors': 'module m\n' + 'x y\n'.repeat(5000),
  'comment-only': '// just a comment\n',
  'module-deprecated-ok': '// Deprecated: use n\nmodule m\n\ngo 1.21\n',
  'valid-basic': 'module example.com/m\n\ngo 1.21\n\nrequire example.com/a v1.0.0\n',
  'valid-messy-format': 'module   example.com/m\ngo 1.21\nrequire example.com/a v1.0.0\nrequire (\nexample.com/b v1.1.0 // indirect\n)\n',
};

// ---------------------------------------------------------------------------------------------
// go.sum (beside `go.mod: module m; go 1.21; require example.com/a v1.0.0`)

export const sumModule = { path: 'example.com/a', version: 'v1.0.0', gomod: 'module example.com/a\n\ngo 1.21\n' };

/** dirhash.Hash1 of a single go.mod file (what go.sum records for path version/go.mod). */
export function goModHash(data) {
  const sum = createHash('sha256').update(data).digest('hex');
  return 'h1:' + createHash('sha256').update(`${sum}  go.mod\n`).digest('base64');
}
const good = `example.com/a v1.0.0/go.mod ${goModHash(sumModule.gomod)}`;
const gosums = {
  'empty': '',
  'good': `${good}\n`,
  'good-no-final-newline': good,
  'good-crlf': `${good}\r\n`,
  'two-fields': 'example.com/a v1.0.0/go.mod\n',
  'four-fields': `${good} extra\n`,
  'one-field': 'example.com/a\n',
  'blank-lines': `\n\n${good}\n\n`,
  'tab-separated': good.replaceAll(' ', '\t') + '\n',
  'nbsp-separated': good.replaceAll(' ', '\u00a0') + '\n',
  'wrong-hash': 'example.com/a v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n',
  'unknown-algo': 'example.com/a v1.0.0/go.mod h2:abc\n',
  'missing-entry': 'example.com/other v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n',
  'malformed-later-line': `${good}\nexample.com/b v1.0.0\n`,
  'invalid-utf8': cat(good, '\n', [0xff, 0xfe], ' x y\n'),
  'nul-field': cat(good, '\n', 'a', [0], ' b c\n'),
  'invalid-utf8-two-fields': cat(good, '\n', 'example.com/', [0xff], ' v1.0.0\n'),
  'invalid-utf8-four-fields': cat(good, '\n', 'a b c ', [0xc0, 0xaf], '\n'),
  'invalid-utf8-hash': cat('example.com/a v1.0.0/go.mod h1:', [0xff, 0xfe], '\n'),
  'invalid-utf8-version': cat(good, '\n', 'example.com/a v1.0.', [0xff], '/go.mod h1:x\n'),
  'invalid-utf8-only-line': cat([0xed, 0xa0, 0x80], '\n'),
  'dup-lines': `${good}\n${good}\n`,
  'dup-different-hash': `${good}\nexample.com/a v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n`,
  'huge-line': 'x'.repeat(200000) + '\n',
};

// ---------------------------------------------------------------------------------------------
// go.work (beside ./m holding `module m`; `go list -m` reads it)

const goworks = {
  'valid': 'go 1.21\n\nuse ./m\n',
  'invalid-utf8-comment': cat('// ', [0xff], '\ngo 1.21\n\nuse ./m // ', [0xc0, 0xaf], '\n'),
  'invalid-utf8-use': cat('go 1.21\n\nuse ./m', [0xff], '\n'),
  'invalid-utf8-use-quoted': cat('go 1.21\n\nuse "./m', [0xfe], '"\n'),
  'invalid-utf8-go-version': cat('go 1.21', [0xff], '\n\nuse ./m\n'),
  'invalid-utf8-replace-version': cat('go 1.21\n\nuse ./m\n\nreplace example.com/a v1.0.', [0xff], ' => ./a\n'),
  'invalid-utf8-directive': cat('go 1.21\n\nuse ./m\n', [0xe2, 0x82], ' x\n'),
};

// ---------------------------------------------------------------------------------------------
// txtar archives (Go's internal/txtar parses them; no syntax errors, only names and contents)

const txtars = {
  'invalid-utf8-name': cat('-- a', [0xff], '.go --\nx\n'),
  'invalid-utf8-content': cat('-- a --\n', [0xff, 0xfe], '\n-- b --\n', [0xe2, 0x82]),
  'invalid-utf8-comment': cat([0xc0, 0xaf], ' comment\n-- a --\nx'),
  'invalid-utf8-name-trimmed': cat('--  ', [0xed, 0xa0, 0x80], '\t --\nx\n'),
  'invalid-utf8-name-at-eof': cat('c\n-- ', [0xff], ' --'),
  'invalid-utf8-name-nbsp': cat('-- \u00a0', [0xf4, 0x90, 0x80, 0x80], '\u00a0 --\n', [0x80], '\n'),
  'invalid-utf8-vs-replacement': cat('-- \ufffd --\na\n-- ', [0xef, 0xbf], ' --\nb\n-- ', [0xff], ' --\n'),
};

// ---------------------------------------------------------------------------------------------
// Module zips (for example.com/m@v1.0.0)

export const zipModule = { path: 'example.com/m', version: 'v1.0.0', gomod: 'module example.com/m\n\ngo 1.21\n' };
const P = `${zipModule.path}@${zipModule.version}/`;

function crc32(buf) {
  let c = ~0 >>> 0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/**
 * A zip: entries {name (string|Buffer), data, method (0|8), usize, csize (declared overrides),
 * body (raw stored body override), unixMode (sets version-made-by Unix and the mode)}.
 */
export function makeZip(entries) {
  const locals = [];
  const central = [];
  let off = 0;
  for (const e of entries) {
    const name = B(e.name);
    const data = B(e.data ?? '');
    const method = e.method ?? 8;
    const body = e.body ?? (method === 8 ? deflateRawSync(data) : data);
    const crc = e.crc ?? crc32(data);
    const usize = e.usize ?? data.length;
    const csize = e.csize ?? body.length;
    const flags = /[^\x00-\x7f]/.test(name.toString('latin1')) ? 0x800 : 0;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(flags, 6);
    lh.writeUInt16LE(method, 8);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(Math.min(csize, 0xffffffff), 18);
    lh.writeUInt32LE(Math.min(usize, 0xffffffff), 22);
    lh.writeUInt16LE(name.length, 26);
    locals.push(lh, name, body);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(e.unixMode !== undefined ? 0x0314 : 20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(flags, 8);
    ch.writeUInt16LE(method, 10);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(Math.min(csize, 0xffffffff), 20);
    ch.writeUInt32LE(Math.min(usize, 0xffffffff), 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(e.unixMode !== undefined ? (e.unixMode << 16) >>> 0 : 0, 38);
    ch.writeUInt32LE(off, 42);
    central.push(ch, name);
    off += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(off, 16);
  return Buffer.concat([...locals, cd, end]);
}

const gm = { name: P + 'go.mod', data: zipModule.gomod };
const go = (n, d = 'package m\n') => ({ name: P + n, data: d });
const zips = {
  'valid': [gm, go('m.go')],
  'zip-slip-dotdot': [gm, { name: P + '../evil.go', data: 'package evil\n' }],
  'zip-slip-outside-prefix': [gm, { name: '../../evil.go', data: 'x' }],
  'absolute-name': [gm, { name: '/etc/passwd', data: 'x' }],
  'wrong-prefix-path': [{ name: 'example.com/other@v1.0.0/go.mod', data: zipModule.gomod }],
  'wrong-prefix-version': [{ name: 'example.com/m@v1.0.1/go.mod', data: zipModule.gomod }],
  'no-prefix': [{ name: 'go.mod', data: zipModule.gomod }],
  'duplicate-file': [gm, go('m.go'), go('m.go', 'package m // 2\n')],
  'case-fold-collision': [gm, go('m.go'), go('M.go')],
  'case-fold-kelvin': [gm, go('kelvin.go'), go('\u212aelvin.go')],
  'file-and-dir': [gm, go('x'), go('x/y.go')],
  'gomod-uppercase': [{ name: P + 'GO.MOD', data: zipModule.gomod }],
  'gomod-in-subdir': [gm, { name: P + 'sub/go.mod', data: 'module example.com/m/sub\n' }, go('sub/s.go', 'package sub\n')],
  'vendor-content': [gm, go('vendor/example.com/v/v.go', 'package v\n'), { name: P + 'vendor/modules.txt', data: '# x\n' }],
  'oversize-declared-tiny-data': [gm, { ...go('big.go', 'package m\n'), usize: 0xfffffff0 }],
  'gomod-over-16MiB-declared': [{ ...gm, usize: (16 << 20) + 1 }],
  'gomod-over-16MiB-real': [{ ...gm, data: Buffer.concat([B(zipModule.gomod), Buffer.alloc(16 << 20, 0x20)]) }],
  'license-over-16MiB-declared': [gm, { name: P + 'LICENSE', data: 'x', usize: (16 << 20) + 1 }],
  'total-over-500MiB-declared': [gm, { ...go('a.go'), usize: 300 << 20 }, { ...go('b.go'), usize: 300 << 20 }],
  'declared-smaller-than-data': [gm, { ...go('m.go', 'package m\n// ' + 'x'.repeat(1000) + '\n'), usize: 10 }],
  'symlink': [gm, { name: P + 'link.go', data: 'm.go', unixMode: 0o120777 }, go('m.go')],
  'invalid-utf8-name': [gm, { name: cat(P, [0xff, 0xfe], '.go'), data: 'package m\n' }],
  'backslash-name': [gm, go('a\\b.go')],
  'backslash-prefix': [{ name: 'example.com\\m@v1.0.0/go.mod', data: zipModule.gomod }],
  'dot-segment': [gm, go('./m.go')],
  'double-slash': [gm, go('a//b.go')],
  'windows-reserved': [gm, go('con.go'), go('aux/x.go')],
  'hg-archival': [gm, { name: P + '.hg_archival.txt', data: 'x' }],
  'dir-entry-with-data': [gm, { name: P + 'dir/', data: 'oops' }],
  'unsupported-method': [gm, { ...go('m.go'), method: 12, body: B('package m\n') }],
  'bad-crc': [gm, { ...go('m.go'), crc: 0x12345678 }],
  'truncated-deflate': [gm, { ...go('m.go', 'package m\n'.repeat(100)), body: deflateRawSync(B('package m\n'.repeat(100))).subarray(0, 10) }],
  'newline-in-name': [gm, go('a\nb.go')],
  'empty-zip': [],
};

export function generate(dir = badinputDir) {
  rmSync(dir, { recursive: true, force: true });
  const cases = [];
  for (const [kind, table, ext] of [['gomod', gomods, 'mod'], ['gosum', gosums, 'sum'], ['gowork', goworks, 'work'], ['txtar', txtars, 'txt']]) {
    mkdirSync(join(dir, kind), { recursive: true });
    for (const [name, data] of Object.entries(table)) {
      writeFileSync(join(dir, kind, `${name}.${ext}`), B(data));
      cases.push({ kind, name, file: `${kind}/${name}.${ext}` });
    }
  }
  mkdirSync(join(dir, 'zip'), { recursive: true });
  for (const [name, entries] of Object.entries(zips)) {
    writeFileSync(join(dir, 'zip', `${name}.zip`), makeZip(entries));
    cases.push({ kind: 'zip', name, file: `zip/${name}.zip` });
  }
  // not a zip at all / truncated
  writeFileSync(join(dir, 'zip', 'not-a-zip.zip'), B('hello'));
  cases.push({ kind: 'zip', name: 'not-a-zip', file: 'zip/not-a-zip.zip' });
  const v = makeZip(zips.valid);
  writeFileSync(join(dir, 'zip', 'truncated.zip'), v.subarray(0, v.length - 30));
  cases.push({ kind: 'zip', name: 'truncated', file: 'zip/truncated.zip' });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ sumModule, zipModule, cases }, null, 1));
  return { dir, cases };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { dir, cases } = generate();
  const n = (k) => cases.filter((c) => c.kind === k).length;
  console.log(`bad-input corpus: ${cases.length} cases (${n('gomod')} go.mod, ${n('gosum')} go.sum, ${n('gowork')} go.work, ${n('txtar')} txtar, ${n('zip')} zips) in ${dir}`);
}

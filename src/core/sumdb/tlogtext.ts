// Tree and record texts of a tamper-evident log (golang.org/x/mod/sumdb/tlog/note.go).
import { decodeRune, utf8Decode, utf8Encode } from '../gostrings';
import { goBase64Decode } from './b64';
import { HashSize, hashString } from './tlog';
import type { Tree } from './tile';

/** tlog.FormatTree */
export function formatTree(tree: Tree): string {
  return `go.sum database tree\n${tree.N}\n${hashString(tree.Hash)}\n`;
}

const treePrefix = 'go.sum database tree\n';

/** strconv.ParseInt(s, 10, 64) → number, or undefined (syntax/range). */
function parseInt64(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const b = BigInt(s);
  if (b > 9223372036854775807n || b < -9223372036854775808n) return undefined;
  return Number(b);
}

/** tlog.ParseTree: the tree in a signed tree note's text. Throws "malformed tree note". */
export function parseTree(text: string | Uint8Array): Tree {
  const s = typeof text === 'string' ? text : utf8Decode(text);
  const bytes = typeof text === 'string' ? utf8Encode(text) : text;
  const bad = () => new Error('malformed tree note');
  if (!s.startsWith(treePrefix) || s.split('\n').length - 1 < 3 || bytes.length > 1e6) throw bad();
  const lines = s.split('\n');
  const n = parseInt64(lines[1]!);
  if (n === undefined || n < 0 || lines[1] !== String(n)) throw bad();
  if (n > Number.MAX_SAFE_INTEGER) throw new Error('tree size too large for modscope');
  const h = goBase64Decode(lines[2]!);
  if (h === undefined || h.length !== HashSize) throw bad();
  return { N: n, Hash: h };
}

/** tlog.isValidRecordText: valid UTF-8, no control characters but '\n', no blank lines, ends in '\n'. */
function isValidRecordText(text: Uint8Array): boolean {
  let last = -1;
  for (let i = 0; i < text.length; ) {
    const [r, size] = decodeRune(text, i);
    if ((r < 0x20 && r !== 0x0a) || (r === 0xfffd && size === 1) || (last === 0x0a && r === 0x0a)) return false;
    i += size;
    last = r;
  }
  return last === 0x0a;
}

/** tlog.FormatRecord */
export function formatRecord(id: number, text: Uint8Array): Uint8Array {
  if (!isValidRecordText(text)) throw new Error('malformed record data');
  const head = utf8Encode(`${id}\n`);
  const msg = new Uint8Array(head.length + text.length + 1);
  msg.set(head);
  msg.set(text, head.length);
  msg[msg.length - 1] = 0x0a;
  return msg;
}

/** tlog.ParseRecord: a lookup response's record id, record text and the rest (the tree note). */
export function parseRecord(msg: Uint8Array): { id: number; text: Uint8Array; rest: Uint8Array } {
  const bad = () => new Error('malformed record data');
  const i = msg.indexOf(0x0a);
  if (i < 0) throw bad();
  const id = parseInt64(utf8Decode(msg.subarray(0, i)));
  if (id === undefined) throw bad();
  const m = msg.subarray(i + 1);
  let j = -1;
  for (let k = 0; k + 1 < m.length; k++) {
    if (m[k] === 0x0a && m[k + 1] === 0x0a) {
      j = k;
      break;
    }
  }
  if (j < 0) throw bad();
  const text = m.subarray(0, j + 1);
  const rest = m.subarray(j + 2);
  if (!isValidRecordText(text)) throw bad();
  return { id, text, rest };
}

// Go's internal/diff (Diff, lines, tgs): the anchored unified diff `go mod tidy -diff` prints.
// Ported rule for rule (including its quirks), so output is byte-identical.

interface Pair {
  x: number;
  y: number;
}

/** internal/diff.Diff: "" when the texts are equal. */
export function unifiedDiff(oldName: string, old: string, newName: string, nw: string): string {
  if (old === nw) return '';
  const x = lines(old);
  const y = lines(nw);
  let out = `diff ${oldName} ${newName}\n--- ${oldName}\n+++ ${newName}\n`;
  let done: Pair = { x: 0, y: 0 };
  let chunk: Pair = { x: 0, y: 0 };
  const count: Pair = { x: 0, y: 0 };
  let ctext: string[] = [];
  const C = 3;
  for (const m of tgs(x, y)) {
    if (m.x < done.x) continue;
    const start = { ...m };
    while (start.x > done.x && start.y > done.y && x[start.x - 1] === y[start.y - 1]) {
      start.x--;
      start.y--;
    }
    const end = { ...m };
    while (end.x < x.length && end.y < y.length && x[end.x] === y[end.y]) {
      end.x++;
      end.y++;
    }
    for (const s of x.slice(done.x, start.x)) {
      ctext.push('-' + s);
      count.x++;
    }
    for (const s of y.slice(done.y, start.y)) {
      ctext.push('+' + s);
      count.y++;
    }
    if ((end.x < x.length || end.y < y.length) && (end.x - start.x < C || (ctext.length > 0 && end.x - start.x < 2 * C))) {
      for (const s of x.slice(start.x, end.x)) {
        ctext.push(' ' + s);
        count.x++;
        count.y++;
      }
      done = end;
      continue;
    }
    if (ctext.length > 0) {
      const n = Math.min(end.x - start.x, C);
      for (const s of x.slice(start.x, start.x + n)) {
        ctext.push(' ' + s);
        count.x++;
        count.y++;
      }
      done = { x: start.x + n, y: start.y + n };
      if (count.x > 0) chunk.x++;
      if (count.y > 0) chunk.y++;
      out += `@@ -${chunk.x},${count.x} +${chunk.y},${count.y} @@\n`;
      out += ctext.join('');
      count.x = 0;
      count.y = 0;
      ctext = [];
    }
    if (end.x >= x.length && end.y >= y.length) break;
    chunk = { x: end.x - C, y: end.y - C };
    for (const s of x.slice(chunk.x, end.x)) {
      ctext.push(' ' + s);
      count.x++;
      count.y++;
    }
    done = end;
  }
  return out;
}

function lines(s: string): string[] {
  const l: string[] = [];
  let i = 0;
  for (;;) {
    const j = s.indexOf('\n', i);
    if (j < 0) {
      l.push(s.slice(i));
      break;
    }
    l.push(s.slice(i, j + 1));
    i = j + 1;
  }
  if (l[l.length - 1] === '') l.pop();
  else l[l.length - 1] += '\n\\ No newline at end of file\n';
  return l;
}

function tgs(x: string[], y: string[]): Pair[] {
  const m = new Map<string, number>();
  for (const s of x) {
    const c = m.get(s) ?? 0;
    if (c > -2) m.set(s, c - 1);
  }
  for (const s of y) {
    const c = m.get(s) ?? 0;
    if (c > -8) m.set(s, c - 4);
  }
  const xi: number[] = [];
  const yi: number[] = [];
  const inv: number[] = [];
  y.forEach((s, i) => {
    if (m.get(s) === -1 + -4) {
      m.set(s, yi.length);
      yi.push(i);
    }
  });
  x.forEach((s, i) => {
    const j = m.get(s);
    if (j !== undefined && j >= 0) {
      xi.push(i);
      inv.push(j);
    }
  });
  const J = inv;
  const n = xi.length;
  const T = new Array<number>(n).fill(n + 1);
  const L = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const h = (lo + hi) >>> 1;
      if (!(T[h]! >= J[i]!)) lo = h + 1;
      else hi = h;
    }
    T[lo] = J[i]!;
    L[i] = lo + 1;
  }
  let k = 0;
  for (const v of L) if (k < v) k = v;
  const seq: Pair[] = new Array(2 + k);
  seq[1 + k] = { x: x.length, y: y.length };
  const lastj = n;
  for (let i = n - 1; i >= 0; i--) {
    if (L[i] === k && J[i]! < lastj) {
      seq[k] = { x: xi[i]!, y: yi[J[i]!]! };
      k--;
    }
  }
  seq[0] = { x: 0, y: 0 };
  return seq;
}

// Semantic versions as the go command sees them: a port of the rules in
// golang.org/x/mod/semver/semver.go. Versions carry a leading "v"; "v1" and
// "v1.2" are accepted shorthands for "v1.0.0" and "v1.2.0".
// Invalid versions are all equal to each other and less than every valid one.

interface Parsed {
  major: string;
  minor: string;
  patch: string;
  short: string;
  prerelease: string;
  build: string;
}

const highUnit = /[\ud800-\uffff]/;

/**
 * Compares strings the way Go compares them (bytewise UTF-8, i.e. by code
 * point), not by UTF-16 code unit as JS `<` does.
 */
export function compareStrings(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  // Code units and code points order alike but where both strings hold units from U+D800 up
  // (the surrogates, which stand for code points above U+FFFF): JS's own comparison elsewhere.
  if (!highUnit.test(a) || !highUnit.test(b)) return a < b ? -1 : 1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates encode code points above U+FFFF: move them above U+E000..U+FFFF.
      if (x >= 0xd800) x += x >= 0xe000 ? -0x800 : 0x2000;
      if (y >= 0xd800) y += y >= 0xe000 ? -0x800 : 0x2000;
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : 1;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

// semver.go: parseInt
function parseInt(v: string): [string, string] | null {
  if (v === '' || !isDigit(v[0])) return null;
  let i = 1;
  while (i < v.length && isDigit(v[i])) i++;
  if (v[0] === '0' && i !== 1) return null;
  return [v.slice(0, i), v.slice(i)];
}

function isIdentChar(c: string): boolean {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === '-';
}

function isBadNum(v: string): boolean {
  let i = 0;
  while (i < v.length && isDigit(v[i])) i++;
  return i === v.length && i > 1 && v[0] === '0';
}

function isNum(v: string): boolean {
  let i = 0;
  while (i < v.length && isDigit(v[i])) i++;
  return i === v.length;
}

// semver.go: parsePrerelease
function parsePrerelease(v: string): [string, string] | null {
  if (v === '' || v[0] !== '-') return null;
  let i = 1;
  let start = 1;
  while (i < v.length && v[i] !== '+') {
    const c = v[i];
    if (!isIdentChar(c) && c !== '.') return null;
    if (c === '.') {
      if (start === i || isBadNum(v.slice(start, i))) return null;
      start = i + 1;
    }
    i++;
  }
  if (start === i || isBadNum(v.slice(start, i))) return null;
  return [v.slice(0, i), v.slice(i)];
}

// semver.go: parseBuild
function parseBuild(v: string): [string, string] | null {
  if (v === '' || v[0] !== '+') return null;
  let i = 1;
  let start = 1;
  while (i < v.length) {
    const c = v[i];
    if (!isIdentChar(c) && c !== '.') return null;
    if (c === '.') {
      if (start === i) return null;
      start = i + 1;
    }
    i++;
  }
  if (start === i) return null;
  return [v.slice(0, i), v.slice(i)];
}

// A command parses the same versions (those of its build list) many times: parsed once each.
const parsedVersions = new Map<string, Parsed | null>();

// semver.go: parse (the result is shared between calls: read it, never change it)
function parse(v: string): Parsed | null {
  let p = parsedVersions.get(v);
  if (p === undefined) {
    if (parsedVersions.size >= 4096) parsedVersions.clear();
    p = parseVersion(v);
    parsedVersions.set(v, p);
  }
  return p;
}

function parseVersion(v: string): Parsed | null {
  if (v === '' || v[0] !== 'v') return null;
  const p: Parsed = { major: '', minor: '', patch: '', short: '', prerelease: '', build: '' };
  let r = parseInt(v.slice(1));
  if (!r) return null;
  [p.major, v] = r;
  if (v === '') {
    p.minor = '0';
    p.patch = '0';
    p.short = '.0.0';
    return p;
  }
  if (v[0] !== '.') return null;
  r = parseInt(v.slice(1));
  if (!r) return null;
  [p.minor, v] = r;
  if (v === '') {
    p.patch = '0';
    p.short = '.0';
    return p;
  }
  if (v[0] !== '.') return null;
  r = parseInt(v.slice(1));
  if (!r) return null;
  [p.patch, v] = r;
  if (v.length > 0 && v[0] === '-') {
    r = parsePrerelease(v);
    if (!r) return null;
    [p.prerelease, v] = r;
  }
  if (v.length > 0 && v[0] === '+') {
    r = parseBuild(v);
    if (!r) return null;
    [p.build, v] = r;
  }
  if (v !== '') return null;
  return p;
}

/** semver.IsValid */
export function isValid(v: string): boolean {
  return parse(v) !== null;
}

/** semver.Canonical: "v1.2" → "v1.2.0"; drops build metadata; "" if invalid. */
export function canonical(v: string): string {
  const p = parse(v);
  if (!p) return '';
  if (p.build !== '') return v.slice(0, v.length - p.build.length);
  if (p.short !== '') return v + p.short;
  return v;
}

/** semver.Major: "v1.2.3" → "v1"; "" if invalid. */
export function major(v: string): string {
  const p = parse(v);
  if (!p) return '';
  return v.slice(0, 1 + p.major.length);
}

/** semver.MajorMinor: "v1.2.3" → "v1.2"; "" if invalid. */
export function majorMinor(v: string): string {
  const p = parse(v);
  if (!p) return '';
  const i = 1 + p.major.length;
  const j = i + 1 + p.minor.length;
  if (j <= v.length && v[i] === '.' && v.slice(i + 1, j) === p.minor) return v.slice(0, j);
  return v.slice(0, i) + '.' + p.minor;
}

/** semver.Prerelease: "v1.2.3-pre+meta" → "-pre"; "" if none or invalid. */
export function prerelease(v: string): string {
  const p = parse(v);
  return p ? p.prerelease : '';
}

/** semver.Build: "v1.2.3+meta" → "+meta"; "" if none or invalid. */
export function build(v: string): string {
  const p = parse(v);
  return p ? p.build : '';
}

function compareInt(x: string, y: string): -1 | 0 | 1 {
  if (x === y) return 0;
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : 1;
}

function comparePrerelease(x: string, y: string): -1 | 0 | 1 {
  if (x === y) return 0;
  if (x === '') return 1;
  if (y === '') return -1;
  while (x !== '' && y !== '') {
    x = x.slice(1);
    y = y.slice(1);
    let i = x.indexOf('.');
    if (i < 0) i = x.length;
    const dx = x.slice(0, i);
    x = x.slice(i);
    let j = y.indexOf('.');
    if (j < 0) j = y.length;
    const dy = y.slice(0, j);
    y = y.slice(j);
    if (dx !== dy) {
      const ix = isNum(dx);
      const iy = isNum(dy);
      if (ix !== iy) return ix ? -1 : 1;
      if (ix && dx.length !== dy.length) return dx.length < dy.length ? -1 : 1;
      return dx < dy ? -1 : 1;
    }
  }
  return x === '' ? -1 : 1;
}

/** semver.Compare: -1, 0 or +1. Build metadata is ignored; invalid < valid. */
export function compare(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0; // equal, or both invalid
  const pa = parse(a);
  const pb = parse(b);
  if (!pa && !pb) return 0;
  if (!pa) return -1;
  if (!pb) return 1;
  return (
    compareInt(pa.major, pb.major) ||
    compareInt(pa.minor, pb.minor) ||
    compareInt(pa.patch, pb.patch) ||
    comparePrerelease(pa.prerelease, pb.prerelease)
  );
}

/** semver.Max: the larger of the canonical forms of a and b. */
export function max(a: string, b: string): string {
  a = canonical(a);
  b = canonical(b);
  return compare(a, b) > 0 ? a : b;
}

/** semver.ByVersion.Less */
export function lessVersion(a: string, b: string): boolean {
  const c = compare(a, b);
  if (c !== 0) return c < 0;
  return compareStrings(a, b) < 0;
}

/** semver.Sort: sorts in place (by compare, then by string) and returns the list. */
export function sortVersions(list: string[]): string[] {
  return list.sort((a, b) => compare(a, b) || compareStrings(a, b));
}

// ---------------------------------------------------------------------------
// Go's sort.Slice (pattern-defeating quicksort, src/sort/zsortfunc.go), ported so that
// lists with elements that compare equal but differ end up in exactly Go's order.

const enum Hint {
  Unknown,
  Increasing,
  Decreasing,
}

/**
 * Sorts list in place by key(x) natively and returns true when the keys are distinct and hold
 * no unit from U+D800 (so JS's string order is Go's); else leaves list alone and returns false.
 * For an order that compares these keys first, distinct keys leave no ties: every sort, Go's
 * unstable one included, gives this result.
 */
export function sortByDistinctKeys<T>(list: T[], key: (x: T) => string): boolean {
  const byKey = new Map<string, T>();
  for (const x of list) {
    const k = key(x);
    if (byKey.has(k) || highUnit.test(k)) return false;
    byKey.set(k, x);
  }
  const keys = [...byKey.keys()].sort();
  for (let i = 0; i < keys.length; i++) list[i] = byKey.get(keys[i]!)!;
  return true;
}

/**
 * sort.Slice(list, less): sorts in place with Go 1.23's exact (unstable, deterministic)
 * algorithm and returns the list.
 */
export function goSortSlice<T>(list: T[], less: (a: T, b: T) => boolean): T[] {
  const n = list.length;
  const lt = (i: number, j: number) => less(list[i], list[j]);
  const swap = (i: number, j: number) => {
    const t = list[i];
    list[i] = list[j];
    list[j] = t;
  };

  const insertionSort = (a: number, b: number) => {
    for (let i = a + 1; i < b; i++) for (let j = i; j > a && lt(j, j - 1); j--) swap(j, j - 1);
  };
  const siftDown = (lo: number, hi: number, first: number) => {
    let root = lo;
    for (;;) {
      let child = 2 * root + 1;
      if (child >= hi) return;
      if (child + 1 < hi && lt(first + child, first + child + 1)) child++;
      if (!lt(first + root, first + child)) return;
      swap(first + root, first + child);
      root = child;
    }
  };
  const heapSort = (a: number, b: number) => {
    const first = a;
    const hi = b - a;
    for (let i = Math.floor((hi - 1) / 2); i >= 0; i--) siftDown(i, hi, first);
    for (let i = hi - 1; i >= 0; i--) {
      swap(first, first + i);
      siftDown(0, i, first);
    }
  };
  const bitsLen = (x: number) => (x === 0 ? 0 : Math.floor(Math.log2(x)) + 1);
  const breakPatterns = (a: number, b: number) => {
    const length = b - a;
    if (length < 8) return;
    let random = BigInt(length);
    const mask64 = (1n << 64n) - 1n;
    const next = () => {
      random ^= (random << 13n) & mask64;
      random ^= random >> 17n;
      random ^= (random << 5n) & mask64;
      return random;
    };
    const modulus = BigInt(2 ** bitsLen(length));
    const mid = a + Math.floor(length / 4) * 2;
    for (let idx = mid - 1; idx <= mid + 1; idx++) {
      let other = Number(next() & (modulus - 1n));
      if (other >= length) other -= length;
      swap(idx, a + other);
    }
  };
  const choosePivot = (a: number, b: number): [number, Hint] => {
    const l = b - a;
    let swaps = 0;
    const q = Math.floor(l / 4);
    let i = a + q;
    let j = a + q * 2;
    let k = a + q * 3;
    const median = (x: number, y: number, z: number) => {
      if (lt(y, x)) [x, y] = (swaps++, [y, x]);
      if (lt(z, y)) [y, z] = (swaps++, [z, y]);
      if (lt(y, x)) [x, y] = (swaps++, [y, x]);
      return y;
    };
    if (l >= 8) {
      if (l >= 50) {
        i = median(i - 1, i, i + 1);
        j = median(j - 1, j, j + 1);
        k = median(k - 1, k, k + 1);
      }
      j = median(i, j, k);
    }
    if (swaps === 0) return [j, Hint.Increasing];
    if (swaps === 12) return [j, Hint.Decreasing];
    return [j, Hint.Unknown];
  };
  const reverseRange = (a: number, b: number) => {
    for (let i = a, j = b - 1; i < j; i++, j--) swap(i, j);
  };
  const partialInsertionSort = (a: number, b: number): boolean => {
    let i = a + 1;
    for (let step = 0; step < 5; step++) {
      while (i < b && !lt(i, i - 1)) i++;
      if (i === b) return true;
      if (b - a < 50) return false;
      swap(i, i - 1);
      if (i - a >= 2) {
        for (let j = i - 1; j >= 1; j--) {
          if (!lt(j, j - 1)) break;
          swap(j, j - 1);
        }
      }
      if (b - i >= 2) {
        for (let j = i + 1; j < b; j++) {
          if (!lt(j, j - 1)) break;
          swap(j, j - 1);
        }
      }
    }
    return false;
  };
  const partitionEqual = (a: number, b: number, pivot: number): number => {
    swap(a, pivot);
    let i = a + 1;
    let j = b - 1;
    for (;;) {
      while (i <= j && !lt(a, i)) i++;
      while (i <= j && lt(a, j)) j--;
      if (i > j) break;
      swap(i, j);
      i++;
      j--;
    }
    return i;
  };
  const partition = (a: number, b: number, pivot: number): [number, boolean] => {
    swap(a, pivot);
    let i = a + 1;
    let j = b - 1;
    while (i <= j && lt(i, a)) i++;
    while (i <= j && !lt(j, a)) j--;
    if (i > j) {
      swap(j, a);
      return [j, true];
    }
    swap(i, j);
    i++;
    j--;
    for (;;) {
      while (i <= j && lt(i, a)) i++;
      while (i <= j && !lt(j, a)) j--;
      if (i > j) break;
      swap(i, j);
      i++;
      j--;
    }
    swap(j, a);
    return [j, false];
  };
  const pdqsort = (a: number, b: number, limit: number) => {
    let wasBalanced = true;
    let wasPartitioned = true;
    for (;;) {
      const length = b - a;
      if (length <= 12) {
        insertionSort(a, b);
        return;
      }
      if (limit === 0) {
        heapSort(a, b);
        return;
      }
      if (!wasBalanced) {
        breakPatterns(a, b);
        limit--;
      }
      let [pivot, hint] = choosePivot(a, b);
      if (hint === Hint.Decreasing) {
        reverseRange(a, b);
        pivot = b - 1 - (pivot - a);
        hint = Hint.Increasing;
      }
      if (wasBalanced && wasPartitioned && hint === Hint.Increasing && partialInsertionSort(a, b)) return;
      if (a > 0 && !lt(a - 1, pivot)) {
        a = partitionEqual(a, b, pivot);
        continue;
      }
      const [mid, already] = partition(a, b, pivot);
      wasPartitioned = already;
      const leftLen = mid - a;
      const rightLen = b - mid;
      const balanceThreshold = Math.floor(length / 8);
      if (leftLen < rightLen) {
        wasBalanced = leftLen >= balanceThreshold;
        pdqsort(a, mid, limit);
        a = mid + 1;
      } else {
        wasBalanced = rightLen >= balanceThreshold;
        pdqsort(mid + 1, b, limit);
        b = mid;
      }
    }
  };
  pdqsort(0, n, bitsLen(n));
  return list;
}

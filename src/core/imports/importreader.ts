// The import reader of go/build/read.go, cmd/go/internal/imports/read.go (ReadImports) and
// cmd/go/internal/modindex/build_read.go (readGoInfo, readComments): it reads a .go file up to
// the end of its import section and yields the "header" bytes.
import { toBytes } from './match';
import { goString } from './utf8';

export interface ReadImportsResult {
  /** The bytes the reader consumed (BOM removed); the whole file after a syntax error. */
  header: Uint8Array;
  /** Quoted import path literals seen, as ReadImports collects them. */
  imports: string[];
  /** "syntax error" or "unexpected NUL in input" (what ReadImports returns). */
  error?: 'syntax error' | 'unexpected NUL in input';
  /** The reader stopped at a syntax error (readGoInfo then parses the whole file). */
  sawSyntaxError: boolean;
}

const isIdentByte = (c: number) =>
  (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c >= 0x80;

class ImportReader {
  private i = 0;
  private bufEnd: number; // buf = src[bufStart:bufEnd]
  readonly bufStart: number;
  private peekC = 0;
  err: 'syntax error' | 'unexpected NUL in input' | undefined;
  eof = false;
  private nerr = 0;
  /** the import literals' bytes (views into src, which is never written) */
  readonly imports: Uint8Array[] = [];

  constructor(private readonly src: Uint8Array) {
    if (src.length >= 3 && src[0] === 0xef && src[1] === 0xbb && src[2] === 0xbf) this.i = 3;
    this.bufStart = this.i;
    this.bufEnd = this.i;
  }

  get bufLen(): number {
    return this.bufEnd - this.bufStart;
  }

  buf(n = this.bufLen): Uint8Array {
    return this.src.subarray(this.bufStart, this.bufStart + n);
  }

  syntaxError(): void {
    if (this.err === undefined) this.err = 'syntax error';
  }

  readByte(): number {
    if (this.i < this.src.length) {
      const c = this.src[this.i++];
      this.bufEnd = this.i;
      if (c === 0) {
        if (this.err === undefined) this.err = 'unexpected NUL in input';
      }
      return c;
    }
    this.eof = true;
    return 0;
  }

  peekByte(skipSpace: boolean): number {
    if (this.err !== undefined) {
      if (++this.nerr > 10000) throw new Error('go/build: import reader looping');
      return 0;
    }
    let c = this.peekC;
    if (c === 0) c = this.readByte();
    while (this.err === undefined && !this.eof) {
      if (skipSpace) {
        if (c === 0x20 || c === 0x0c || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x3b) {
          c = this.readByte();
          continue;
        }
        if (c === 0x2f) {
          c = this.readByte();
          if (c === 0x2f) {
            while (c !== 0x0a && this.err === undefined && !this.eof) c = this.readByte();
          } else if (c === 0x2a) {
            let c1 = 0;
            while ((c !== 0x2a || c1 !== 0x2f) && this.err === undefined) {
              if (this.eof) this.syntaxError();
              c = c1;
              c1 = this.readByte();
            }
          } else {
            this.syntaxError();
          }
          c = this.readByte();
          continue;
        }
      }
      break;
    }
    this.peekC = c;
    return c;
  }

  nextByte(skipSpace: boolean): number {
    const c = this.peekByte(skipSpace);
    this.peekC = 0;
    return c;
  }

  readKeyword(kw: string): void {
    this.peekByte(true);
    for (let k = 0; k < kw.length; k++) {
      if (this.nextByte(false) !== kw.charCodeAt(k)) {
        this.syntaxError();
        return;
      }
    }
    if (isIdentByte(this.peekByte(false))) this.syntaxError();
  }

  readIdent(): void {
    const c = this.peekByte(true);
    if (!isIdentByte(c)) {
      this.syntaxError();
      return;
    }
    while (isIdentByte(this.peekByte(false))) this.peekC = 0;
  }

  readString(): void {
    switch (this.nextByte(true)) {
      case 0x60: {
        const start = this.bufLen - 1;
        while (this.err === undefined) {
          if (this.nextByte(false) === 0x60) {
            this.imports.push(this.buf().subarray(start));
            break;
          }
          if (this.eof) this.syntaxError();
        }
        break;
      }
      case 0x22: {
        const start = this.bufLen - 1;
        while (this.err === undefined) {
          const c = this.nextByte(false);
          if (c === 0x22) {
            this.imports.push(this.buf().subarray(start));
            break;
          }
          if (this.eof || c === 0x0a) this.syntaxError();
          if (c === 0x5c) this.nextByte(false);
        }
        break;
      }
      default:
        this.syntaxError();
    }
  }

  readImport(): void {
    const c = this.peekByte(true);
    if (c === 0x2e) this.peekC = 0;
    else if (isIdentByte(c)) this.readIdent();
    this.readString();
  }
}

/**
 * cmd/go/internal/imports/read.go: ReadImports. With reportSyntaxError false a syntax error is
 * swallowed and the whole file becomes the header. Import literals are returned as UTF-8 text.
 */
export function readImports(content: Uint8Array | string, reportSyntaxError = false): ReadImportsResult {
  const src = toBytes(content);
  const r = new ImportReader(src);
  r.readKeyword('package');
  r.readIdent();
  while (r.peekByte(true) === 0x69) {
    r.readKeyword('import');
    if (r.peekByte(true) === 0x28) {
      r.nextByte(false);
      while (r.peekByte(true) !== 0x29 && r.err === undefined) r.readImport();
      r.nextByte(false);
    } else {
      r.readImport();
    }
  }
  const imports = r.imports.map((b) => goString(b));
  if (r.err === undefined && !r.eof) {
    return { header: r.buf(r.bufLen - 1), imports, sawSyntaxError: false };
  }
  const sawSyntaxError = r.err === 'syntax error';
  if (r.err === 'syntax error' && !reportSyntaxError) {
    r.err = undefined;
    while (r.err === undefined && !r.eof) r.readByte();
  }
  return { header: r.buf(), imports, error: r.err, sawSyntaxError };
}

/**
 * modindex/build_read.go: readComments / go/build ReadComments — the leading block of
 * comments and space (what non-Go source files are checked for constraints).
 */
export function readComments(content: Uint8Array | string): { header: Uint8Array; error?: string } {
  const r = new ImportReader(toBytes(content));
  r.peekByte(true);
  const n = r.err === undefined && !r.eof ? r.bufLen - 1 : r.bufLen;
  return { header: r.buf(n), error: r.err };
}

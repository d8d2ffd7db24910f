// go.mod syntax tree (x/mod/modfile/read.go: Position, Comment, Comments, FileSyntax,
// CommentBlock, Line, LineBlock, LParen, RParen) and the syntax-level edit helpers
// (addLine, updateLine, markRemoved, Cleanup).

/** A source position: line (1-based), rune in line (1-based), byte offset (0-based). */
export interface Position {
  line: number;
  lineRune: number;
  byte: number;
}

export function zeroPos(): Position {
  return { line: 0, lineRune: 0, byte: 0 };
}

/** read.go: Position.add — the position at the end of s, starting at p. */
export function posAdd(p: Position, s: string, byteLength: number): Position {
  const q = { line: p.line, lineRune: p.lineRune, byte: p.byte + byteLength };
  const last = s.lastIndexOf('\n');
  if (last >= 0) {
    for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) q.line++;
    s = s.slice(last + 1);
    q.lineRune = 1;
  }
  // runes in s: UTF-16 units less the second half of each surrogate pair
  let n = s.length;
  for (let i = 0; i + 1 < s.length; i++) {
    if (s.codePointAt(i)! > 0xffff) {
      n--;
      i++;
    }
  }
  q.lineRune += n;
  return q;
}

/** A single // comment. token has no trailing newline. */
export interface Comment {
  start: Position;
  token: string;
  suffix: boolean;
}

export interface Comments {
  /** whole-line comments before the expression */
  before: Comment[];
  /** end-of-line comments after the expression */
  suffix: Comment[];
  /** for top-level expressions: whole-line comments after it */
  after: Comment[];
}

export function newComments(): Comments {
  return { before: [], suffix: [], after: [] };
}

export class CommentBlock {
  readonly kind = 'commentBlock' as const;
  comments: Comments = newComments();
  start: Position = zeroPos();
  span(): [Position, Position] {
    return [this.start, this.start];
  }
}

/** A line of tokens. An empty token list marks a removed line (Go: Token == nil). */
export class Line {
  readonly kind = 'line' as const;
  comments: Comments = newComments();
  start: Position = zeroPos();
  token: string[];
  inBlock = false;
  end: Position = zeroPos();
  constructor(token: string[] = [], inBlock = false) {
    this.token = token;
    this.inBlock = inBlock;
  }
  span(): [Position, Position] {
    return [this.start, this.end];
  }
  /** read.go: (*Line).markRemoved — Cleanup will drop it and its suffix comment. */
  markRemoved(): void {
    this.token = [];
    this.comments.suffix = [];
  }
}

export class LParen {
  readonly kind = 'lparen' as const;
  comments: Comments = newComments();
  pos: Position = zeroPos();
  span(): [Position, Position] {
    return [this.pos, posAdd(this.pos, ')', 1)];
  }
}

export class RParen {
  readonly kind = 'rparen' as const;
  comments: Comments = newComments();
  pos: Position = zeroPos();
  span(): [Position, Position] {
    return [this.pos, posAdd(this.pos, ')', 1)];
  }
}

export class LineBlock {
  readonly kind = 'lineBlock' as const;
  comments: Comments = newComments();
  start: Position = zeroPos();
  lparen = new LParen();
  token: string[];
  line: Line[];
  rparen = new RParen();
  constructor(token: string[] = [], line: Line[] = []) {
    this.token = token;
    this.line = line;
  }
  span(): [Position, Position] {
    return [this.start, posAdd(this.rparen.pos, ')', 1)];
  }
}

/** A top-level statement. */
export type Stmt = CommentBlock | Line | LineBlock;
export type Expr = Stmt | LParen | RParen | FileSyntax;

export class FileSyntax {
  readonly kind = 'file' as const;
  name = '';
  comments: Comments = newComments();
  stmt: Stmt[] = [];

  span(): [Position, Position] {
    if (this.stmt.length === 0) return [zeroPos(), zeroPos()];
    return [this.stmt[0].span()[0], this.stmt[this.stmt.length - 1].span()[1]];
  }

  /**
   * read.go: (*FileSyntax).addLine. With a hint whose verb matches, the new line goes at the
   * end of the hint's block (turning a single line into a block) or right after the hint
   * inside its block; with a non-matching hint, after the hint's statement; with no hint,
   * at the end of the last statement with the same verb, else at the end of the file.
   */
  addLine(hint: Line | LineBlock | null, ...tokens: string[]): Line {
    if (hint === null) {
      for (let i = this.stmt.length - 1; i >= 0; i--) {
        const stmt = this.stmt[i];
        if (stmt.kind === 'line') {
          if (stmt.token.length > 0 && stmt.token[0] === tokens[0]) {
            hint = stmt;
            break;
          }
        } else if (stmt.kind === 'lineBlock') {
          if (stmt.token[0] === tokens[0]) {
            hint = stmt;
            break;
          }
        }
      }
    }

    const newLineAfter = (i: number): Line => {
      const nl = new Line(tokens);
      this.stmt.splice(i + 1, 0, nl);
      return nl;
    };

    if (hint !== null) {
      for (let i = 0; i < this.stmt.length; i++) {
        const stmt = this.stmt[i];
        if (stmt.kind === 'line') {
          if (stmt === hint) {
            if (stmt.token.length === 0 || stmt.token[0] !== tokens[0]) return newLineAfter(i);
            // Convert the line into a block.
            stmt.inBlock = true;
            const block = new LineBlock(stmt.token.slice(0, 1), [stmt]);
            stmt.token = stmt.token.slice(1);
            this.stmt[i] = block;
            const nl = new Line(tokens.slice(1), true);
            block.line.push(nl);
            return nl;
          }
        } else if (stmt.kind === 'lineBlock') {
          if (stmt === hint) {
            if (stmt.token[0] !== tokens[0]) return newLineAfter(i);
            const nl = new Line(tokens.slice(1), true);
            stmt.line.push(nl);
            return nl;
          }
          for (let j = 0; j < stmt.line.length; j++) {
            if (stmt.line[j] === hint) {
              if (stmt.token[0] !== tokens[0]) return newLineAfter(i);
              const nl = new Line(tokens.slice(1), true);
              stmt.line.splice(j + 1, 0, nl);
              return nl;
            }
          }
        }
      }
    }

    const nl = new Line(tokens);
    this.stmt.push(nl);
    return nl;
  }

  /** read.go: (*FileSyntax).updateLine. */
  updateLine(line: Line, ...tokens: string[]): void {
    if (line.inBlock) tokens = tokens.slice(1);
    line.token = tokens;
  }

  /** read.go: (*FileSyntax).Cleanup — drop removed lines, empty blocks; collapse one-line blocks. */
  cleanup(): void {
    const out: Stmt[] = [];
    for (const stmt of this.stmt) {
      if (stmt.kind === 'line') {
        if (stmt.token.length === 0) continue;
      } else if (stmt.kind === 'lineBlock') {
        const lines = stmt.line.filter((l) => l.token.length > 0);
        if (lines.length === 0) continue;
        if (lines.length === 1 && stmt.rparen.comments.before.length === 0) {
          const l0 = lines[0];
          const line = new Line([...stmt.token, ...l0.token]);
          line.comments = {
            before: [...stmt.comments.before, ...l0.comments.before],
            suffix: [...l0.comments.suffix, ...stmt.comments.suffix],
            after: [...l0.comments.after, ...stmt.comments.after],
          };
          out.push(line);
          continue;
        }
        stmt.line = lines;
      }
      out.push(stmt);
    }
    this.stmt = out;
  }
}

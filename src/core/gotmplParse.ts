// text/template/parse (parse.go, node.go) for gotmpl.ts: the parser with its three-token
// lookahead (error lines come from the last token read), nodes and their String forms,
// define / block / template / break / continue, and Go's parse error texts.
import { goQuote } from './goquote';
import { nodeString, type BranchNode, type CommandNode, type ListNode, type Node, type PipeNode, type VariableNode } from './gotmplNode';
import { utf8Encode } from './gostrings';
import { isKeyword, itemString, Lexer, type Item, type ItemType } from './gotmplLex';
import { parseNumber, unquote } from './gotmplNum';
import { TemplateError } from './gotmplValues';

type TreeSet = Map<string, ListNode>;

/** parse.go: IsEmptyTree */
function isEmptyTree(n: Node | null): boolean {
  if (n === null) return true;
  if (n.k === 'list') return n.nodes.every(isEmptyTree);
  if (n.k === 'text') return /^[ \t\n\v\f\r\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/.test(n.text);
  return false;
}

class ParseError {
  constructor(readonly msg: string) {}
}

/** One parse.Tree: a template body (the top level, a define or a block) sharing the lexer. */
class Tree {
  root: ListNode | null = null;
  token: Item[] = [];
  peekCount = 0;
  vars: string[] = ['$'];
  actionLine = 0;
  rangeDepth = 0;
  constructor(
    public name: string,
    readonly parseName: string,
    readonly lex: Lexer,
    readonly funcs: Set<string>,
    readonly treeSet: TreeSet,
  ) {
    this.token = [lex.item, lex.item, lex.item];
  }

  next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lex.nextItem();
    return this.token[this.peekCount]!;
  }
  backup() {
    this.peekCount++;
  }
  backup2(t1: Item) {
    this.token[1] = t1;
    this.peekCount = 2;
  }
  backup3(t2: Item, t1: Item) {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }
  peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1]!;
    this.peekCount = 1;
    this.token[0] = this.lex.nextItem();
    return this.token[0];
  }
  nextNonSpace(): Item {
    let t: Item;
    do t = this.next();
    while (t.typ === 'space');
    return t;
  }
  peekNonSpace(): Item {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  errorf(msg: string): never {
    this.root = null;
    throw new ParseError(`template: ${this.parseName}:${this.token[0]!.line}: ${msg}`);
  }
  expect(expected: ItemType, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== expected) this.unexpected(t, context);
    return t;
  }
  unexpected(token: Item, context: string): never {
    if (token.typ === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(token.val + extra);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }

  /** parse.go: add */
  add() {
    const tree = this.treeSet.get(this.name);
    if (tree === undefined || isEmptyTree(tree)) {
      this.treeSet.set(this.name, this.root!);
      return;
    }
    if (!isEmptyTree(this.root)) this.errorf(`template: multiple definition of template ${goQuote(this.name)}`);
  }

  parse() {
    this.root = { k: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().typ !== 'EOF') {
      if (this.peek().typ === 'leftDelim') {
        const delim = this.next();
        if (this.nextNonSpace().typ === 'define') {
          const nt = new Tree('definition', this.parseName, this.lex, this.funcs, this.treeSet);
          nt.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.k === 'end' || n.k === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      this.root.nodes.push(n);
    }
  }

  parseDefinition() {
    const context = 'define clause';
    const name = this.nextNonSpace();
    if (name.typ !== 'string' && name.typ !== 'rawString') this.unexpected(name, context);
    const s = unquote(name.val);
    if (s === null) this.errorf('invalid syntax');
    this.name = s;
    this.expect('rightDelim', context);
    const [list, end] = this.itemList();
    this.root = list;
    if (end.k !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.add();
  }

  itemList(): [ListNode, Node] {
    const list: ListNode = { k: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().typ !== 'EOF') {
      const n = this.textOrAction();
      if (n.k === 'end' || n.k === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'text':
        return { k: 'text', pos: token.pos, text: token.val };
      case 'leftDelim':
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      default:
        this.unexpected(token, 'input');
    }
  }

  action(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'block':
        return this.blockControl();
      case 'break':
      case 'continue': {
        const t = this.nextNonSpace();
        if (t.typ !== 'rightDelim') this.unexpected(t, `{{${token.typ}}}`);
        if (this.rangeDepth === 0) this.errorf(`{{${token.typ}}} outside {{range}}`);
        return { k: token.typ, pos: token.pos, line: token.line };
      }
      case 'else':
        return this.elseControl();
      case 'end':
        return { k: 'end', pos: this.expect('rightDelim', 'end').pos, line: 0 };
      case 'if':
      case 'range':
      case 'with':
        return this.parseControl(token.typ);
      case 'template':
        return this.templateControl();
    }
    this.backup();
    const t = this.peek();
    return { k: 'action', pos: t.pos, line: t.line, pipe: this.pipeline('command', 'rightDelim') };
  }

  pipeline(context: string, end: ItemType): PipeNode {
    const token = this.peekNonSpace();
    const pipe: PipeNode = { k: 'pipe', pos: token.pos, line: token.line, isAssign: false, decl: [], cmds: [] };
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.typ === 'variable') {
        this.next();
        const tokenAfterVariable = this.peek();
        const next = this.peekNonSpace();
        if (next.typ === 'assign' || next.typ === 'declare') {
          pipe.isAssign = next.typ === 'assign';
          this.nextNonSpace();
          pipe.decl.push(newVariable(v.pos, v.val));
          this.vars.push(v.val);
        } else if (next.typ === 'char' && next.val === ',') {
          this.nextNonSpace();
          pipe.decl.push(newVariable(v.pos, v.val));
          this.vars.push(v.val);
          if (context === 'range' && pipe.decl.length < 2) {
            const p = this.peekNonSpace().typ;
            if (p === 'variable' || p === 'rightDelim' || p === 'rightParen') continue decls;
            this.errorf('range can only initialize variables');
          }
          this.errorf(`too many declarations in ${context}`);
        } else if (tokenAfterVariable.typ === 'space') this.backup3(v, tokenAfterVariable);
        else this.backup2(v);
      }
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      if (token.typ === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (token.typ) {
        case 'bool':
        case 'charConstant':
        case 'complex':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  checkPipeline(pipe: PipeNode, context: string) {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      if (['bool', 'dot', 'nil', 'number', 'string'].includes(c.args[0]!.k)) this.errorf(`non executable command in pipeline stage ${i + 2}`);
    });
  }

  parseControl(context: 'if' | 'range' | 'with'): BranchNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      let [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.k === 'else') {
        if ((context === 'if' && this.peek().typ === 'if') || (context === 'with' && this.peek().typ === 'with')) {
          this.next();
          elseList = { k: 'list', pos: next.pos, nodes: [this.parseControl(context)] };
        } else {
          [elseList, next] = this.itemList();
          if (next.k !== 'end') this.errorf(`expected end; found ${nodeString(next)}`);
        }
      }
      return { k: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  elseControl(): Node {
    const peek = this.peekNonSpace();
    if (peek.typ === 'if' || peek.typ === 'with') return { k: 'else', pos: peek.pos, line: peek.line };
    const token = this.expect('rightDelim', 'else');
    return { k: 'else', pos: token.pos, line: token.line };
  }

  blockControl(): Node {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const block = new Tree(name, this.parseName, this.lex, this.funcs, this.treeSet);
    const [list, end] = block.itemList();
    block.root = list;
    if (end.k !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    block.add();
    return { k: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  templateControl(): Node {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().typ !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { k: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  parseTemplateName(token: Item, context: string): string {
    if (token.typ === 'string' || token.typ === 'rawString') {
      const s = unquote(token.val);
      if (s === null) this.errorf('invalid syntax');
      return s;
    }
    this.unexpected(token, context);
  }

  command(): CommandNode {
    const cmd: CommandNode = { k: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand !== null) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === 'space') continue;
      if (token.typ === 'rightDelim' || token.typ === 'rightParen') this.backup();
      else if (token.typ !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  operand(): Node | null {
    let node = this.term();
    if (node === null) return null;
    if (this.peek().typ === 'field') {
      const chain = { k: 'chain' as const, pos: this.peek().pos, node, field: [] as string[] };
      while (this.peek().typ === 'field') chain.field.push(this.next().val.slice(1));
      switch (node.k) {
        case 'field':
          node = { k: 'field', pos: chain.pos, ident: nodeString(chain).slice(1).split('.') };
          break;
        case 'variable':
          node = newVariable(chain.pos, nodeString(chain));
          break;
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
        default:
          node = chain;
      }
    }
    return node;
  }

  term(): Node | null {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'identifier':
        if (!this.funcs.has(token.val)) this.errorf(`function ${goQuote(token.val)} not defined`);
        return { k: 'identifier', pos: token.pos, ident: token.val };
      case 'dot':
        return { k: 'dot', pos: token.pos };
      case 'nil':
        return { k: 'nil', pos: token.pos };
      case 'variable': {
        const v = newVariable(token.pos, token.val);
        if (!this.vars.includes(v.ident[0]!)) this.errorf(`undefined variable ${goQuote(v.ident[0]!)}`);
        return v;
      }
      case 'field':
        return { k: 'field', pos: token.pos, ident: token.val.slice(1).split('.') };
      case 'bool':
        return { k: 'bool', pos: token.pos, val: token.val === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number': {
        const n = parseNumber(token.val, token.typ);
        if (typeof n === 'string') this.errorf(n);
        return { k: 'number', pos: token.pos, text: token.val, ...n };
      }
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString': {
        const s = unquote(token.val);
        if (s === null) this.errorf('invalid syntax');
        return { k: 'string', pos: token.pos, quoted: token.val, text: s };
      }
    }
    this.backup();
    return null;
  }
}

const newVariable = (pos: number, ident: string): VariableNode => ({ k: 'variable', pos, ident: ident.split('.') });

export interface Parsed {
  name: string;
  src: string;
  trees: TreeSet;
}

/** template.New(name).Funcs(funcs).Parse(src): the named trees; throws TemplateError with Go's text. */
export function parseTrees(name: string, src: string, funcs: Set<string>): Parsed {
  const lex = new Lexer(src);
  lex.breakOK = !funcs.has('break');
  lex.continueOK = !funcs.has('continue');
  const treeSet: TreeSet = new Map();
  const t = new Tree(name, name, lex, funcs, treeSet);
  try {
    t.parse();
    t.add();
  } catch (e) {
    if (e instanceof ParseError) throw new TemplateError(e.msg);
    throw e;
  }
  return { name, src, trees: treeSet };
}

/** parse.go: ErrorContext — "name:line:col" (col in bytes) of a node. */
export function errorLocation(p: Parsed, pos: number): string {
  const text = p.src.slice(0, pos);
  const nl = text.lastIndexOf('\n');
  const col = nl < 0 ? utf8Encode(text).length : utf8Encode(text.slice(nl + 1)).length;
  const line = 1 + text.split('\n').length - 1;
  return `${p.name}:${line}:${col}`;
}

export { isKeyword, nodeString };
export type { BranchNode, CommandNode, ListNode, Node, NumberNode, PipeNode, VariableNode } from './gotmplNode';

// text/template/parse/node.go for gotmplParse.ts and gotmpl.ts: the nodes of a parsed template
// and their String forms (which execution errors show as "at <...>").
import { goQuote } from './goquote';
import type { NumberValue } from './gotmplNum';

export type NumberNode = NumberValue & { k: 'number'; pos: number; text: string };
export type VariableNode = { k: 'variable'; pos: number; ident: string[] };
export type CommandNode = { k: 'command'; pos: number; args: Node[] };
export type PipeNode = { k: 'pipe'; pos: number; line: number; isAssign: boolean; decl: VariableNode[]; cmds: CommandNode[] };
export type ListNode = { k: 'list'; pos: number; nodes: Node[] };
export type BranchNode = { k: 'if' | 'range' | 'with'; pos: number; line: number; pipe: PipeNode; list: ListNode; elseList: ListNode | null };
export type Node =
  | { k: 'text'; pos: number; text: string }
  | { k: 'action'; pos: number; line: number; pipe: PipeNode }
  | BranchNode
  | { k: 'template'; pos: number; line: number; name: string; pipe: PipeNode | null }
  | { k: 'break' | 'continue' | 'end' | 'else'; pos: number; line: number }
  | { k: 'field'; pos: number; ident: string[] }
  | { k: 'chain'; pos: number; node: Node; field: string[] }
  | { k: 'identifier'; pos: number; ident: string }
  | { k: 'dot' | 'nil'; pos: number }
  | { k: 'bool'; pos: number; val: boolean }
  | { k: 'string'; pos: number; quoted: string; text: string }
  | NumberNode
  | VariableNode
  | CommandNode
  | PipeNode
  | ListNode;

/** node.go: Node.String */
export function nodeString(n: Node): string {
  switch (n.k) {
    case 'text':
      return n.text;
    case 'action':
      return '{{' + nodeString(n.pipe) + '}}';
    case 'if':
    case 'range':
    case 'with':
      return `{{${n.k} ${nodeString(n.pipe)}}}${nodeString(n.list)}${n.elseList ? '{{else}}' + nodeString(n.elseList) : ''}{{end}}`;
    case 'template':
      return `{{template ${goQuote(n.name)}${n.pipe ? ' ' + nodeString(n.pipe) : ''}}}`;
    case 'break':
    case 'continue':
    case 'end':
    case 'else':
      return `{{${n.k}}}`;
    case 'field':
      return n.ident.map((i) => '.' + i).join('');
    case 'chain':
      return (n.node.k === 'pipe' ? '(' + nodeString(n.node) + ')' : nodeString(n.node)) + n.field.map((f) => '.' + f).join('');
    case 'identifier':
      return n.ident;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return n.val ? 'true' : 'false';
    case 'string':
      return n.quoted;
    case 'number':
      return n.text;
    case 'variable':
      return n.ident.join('.');
    case 'command':
      return n.args.map((a) => (a.k === 'pipe' ? '(' + nodeString(a) + ')' : nodeString(a))).join(' ');
    case 'pipe': {
      let s = '';
      if (n.decl.length > 0) s = n.decl.map(nodeString).join(', ') + (n.isAssign ? ' = ' : ' := ');
      return s + n.cmds.map(nodeString).join(' | ');
    }
    case 'list':
      return n.nodes.map(nodeString).join('');
  }
}


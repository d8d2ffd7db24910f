// encoding/json output as cmd/go writes it: values with Go's field order (objects are ordered
// key/value lists, since a Go struct's fields print in declaration order), strings through
// gostrings.jsonString (HTML-safe, invalid bytes as \ufffd).

import { jsonString } from './gostrings';

/** A JSON value in Go's encoding order: objects are ordered key/value lists. */
export type GoJSON = null | boolean | number | string | GoJSON[] | { entries: Array<[string, GoJSON]> };

/** encoding/json.MarshalIndent(v, prefix "", indent) (no trailing newline). */
export function marshalIndent(v: GoJSON, indent = '\t', depth = 0): string {
  if (v === null || typeof v !== 'object') return marshalScalar(v);
  const pad = indent.repeat(depth + 1);
  const end = '\n' + indent.repeat(depth);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return '[\n' + v.map((x) => pad + marshalIndent(x, indent, depth + 1)).join(',\n') + end + ']';
  }
  if (v.entries.length === 0) return '{}';
  return (
    '{\n' + v.entries.map(([k, x]) => pad + jsonString(k) + ': ' + marshalIndent(x, indent, depth + 1)).join(',\n') + end + '}'
  );
}

/** encoding/json.Marshal(v): the compact form. */
export function marshal(v: GoJSON): string {
  if (v === null || typeof v !== 'object') return marshalScalar(v);
  if (Array.isArray(v)) return '[' + v.map(marshal).join(',') + ']';
  return '{' + v.entries.map(([k, x]) => jsonString(k) + ':' + marshal(x)).join(',') + '}';
}

function marshalScalar(v: null | boolean | number | string): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return jsonString(v);
  // Integers only: Go's float formatting is not needed by any command.
  return String(v);
}

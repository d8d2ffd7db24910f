// A shortcut for the module index's scan of a .go file (dirs.ts: indexGoFile): most headers —
// the bytes the import reader consumed (importreader.ts) — have one plain shape, for which
// go/parser (ParseFile with ImportsOnly, go/parser/parser.go: parseFile, parseGenDecl,
// parseImportSpec, expectSemi) reports no error and finds exactly the import literals the reader
// collected. One regular expression recognizes that shape; any other header goes through the
// parser (scan.ts).
//
// The shape, in printable ASCII with tabs, carriage returns and newlines only (the Go scanner
// rejects other control characters, and non-ASCII text would need UTF-8 checks):
// - space and comments, then `package` and a name that is not a keyword;
// - import declarations: `import` and one spec or a parenthesized list of specs; a spec is an
//   optional name (identifier, "_" or ".") on the path's line and a double-quoted path of
//   characters that need no unquoting;
// - after the package name, each spec and each declaration: an explicit ";" or the end of the
//   line (the scanner's automatic semicolon; a line comment may come first), or the end of the
//   header; a spec may also end right before its list's ")";
// - space and comments anywhere no semicolon matters (never a second ";": the parser would stop
//   reading imports there, while the reader skips it).
const KEYWORDS =
  'break|case|chan|const|continue|default|defer|else|fallthrough|for|func|go|goto|if|import|interface|map|package|range|return|select|struct|switch|type|var';
const IDENT = `(?!(?:${KEYWORDS})(?!\\w))[A-Za-z_]\\w*`;
const BLOCK = String.raw`/\*[^*]*\*+(?:[^/*][^*]*\*+)*/`;
/** To the end of its line (never split in two: the pattern backtracks in linear time). */
const LINE = '//[^\\n]*(?![^\\n])';
/** Space and comments, newlines included; one character of space at a time, for the same reason. */
const S = `(?:[ \\t\\r\\n]|${LINE}|${BLOCK})*`;
/** Space on one line. */
const H = '[ \\t\\r]*';
/** A statement's end: ";", or a newline (after an optional line comment), or the end of the header. */
const END = `${H}(?:;|(?:${LINE})?(?:\\n|$))`;
const SPEC = `(?:(?:${IDENT}|\\.)${H})?"[A-Za-z0-9._~+\\-/@]+"`;
const GROUP = `\\(${S}(?:${SPEC}(?:${END}${S}|${H}(?=\\))))*\\)`;
const PLAIN = new RegExp(`^${S}package(?!\\w)${S}${IDENT}${END}(?:${S}import(?!\\w)${S}(?:${GROUP}|${SPEC})${END})*${S}$`);
const PRINTABLE = /^[\t\n\r\x20-\x7e]*$/;
/** One char per byte (native): a byte past 0x7e becomes a char past it, which PRINTABLE refuses. */
const bytes = new TextDecoder('latin1');

/**
 * The import paths of a header of the plain shape — the reader's literals, unquoted — or
 * undefined for any other header (which the parser must read).
 */
export function plainHeaderImports(header: Uint8Array, literals: readonly string[]): string[] | undefined {
  const text = bytes.decode(header);
  if (!PRINTABLE.test(text) || !PLAIN.test(text)) return undefined;
  return literals.map((l) => l.slice(1, -1));
}

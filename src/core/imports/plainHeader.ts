// A shortcut for the module index's scan of a .go file (dirs.ts: indexGoFile): most headers —
// the bytes the import reader consumed (importreader.ts) — have one plain shape, for which
// go/parser (ParseFile with ImportsOnly, go/parser/parser.go: parseFile, parseGenDecl,
// parseImportSpec, expectSemi) reports no error and finds exactly the import literals the reader
// collected. Regular expressions find that header in the file (without the byte-wise reader) and
// its paths; any other file goes through the reader and the parser (scan.ts).
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
/** A file's plain prefix: its package clause and import declarations (sticky: from the start). */
const PREFIX = new RegExp(`${S}package(?!\\w)${S}${IDENT}${END}(?:${S}import(?!\\w)${S}(?:${GROUP}|${SPEC})${END})*`, 'y');
const SPACE = new RegExp(S, 'y');
/** Comments and strings, left to right: the strings outside comments are the import paths. */
const PATHS = new RegExp(`${LINE}|${BLOCK}|"([^"\\n]*)"`, 'g');
const PRINTABLE = /^[\t\n\r\x20-\x7e]*$/;
/** One char per byte (native): a byte past 0x7e becomes a char past it, which PRINTABLE refuses. */
const bytes = new TextDecoder('latin1');
/** How much of a file is looked at for a plain header. */
const LOOK = 16384;

/**
 * The header the import reader would return for data (readImports, no error) and the import
 * paths go/parser would find in it, when that header has the plain shape; else undefined.
 * The header ends where the reader stops: at the first byte past the import declarations and
 * the space and comments after them (which must not start another "import", nor be a ";",
 * a lone "/" or a byte the reader refuses), or at the end of the file.
 */
export function plainHeader(data: Uint8Array): { header: Uint8Array; paths: string[] } | undefined {
  const n = Math.min(data.length, LOOK);
  const text = bytes.decode(data.subarray(0, n));
  PREFIX.lastIndex = 0;
  if (!PREFIX.test(text)) return undefined;
  SPACE.lastIndex = PREFIX.lastIndex;
  SPACE.test(text);
  const end = SPACE.lastIndex;
  if (end === n ? n < data.length : 'i;/\f\0'.includes(text[end]!)) return undefined;
  const head = text.slice(0, end);
  if (!PRINTABLE.test(head)) return undefined;
  const paths: string[] = [];
  PATHS.lastIndex = 0;
  for (let m; (m = PATHS.exec(head)); ) if (m[1] !== undefined) paths.push(m[1]);
  return { header: data.subarray(0, end), paths };
}

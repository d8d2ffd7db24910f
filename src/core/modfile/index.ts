// x/mod/modfile in TypeScript: go.mod / go.work syntax, parsing, printing and editing.
export * from './syntax';
export { parseSyntax, modulePath, isIdent, ModfileError, ErrorList } from './read';
export { format } from './print';
export * from './rule';
export * from './edit';
export * from './json';
export * from './work';

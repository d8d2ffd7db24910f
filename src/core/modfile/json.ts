// `go mod edit -json` output (cmd/go/internal/modcmd/edit.go: fileJSON, editPrintJSON):
// encoding/json.MarshalIndent with a tab indent, plus a trailing newline.

import { marshalIndent, type GoJSON } from '../gojson';
import type { File, Replace } from './rule';
import type { WorkFile } from './work';

export { marshalIndent, type GoJSON };

function obj(entries: Array<[string, GoJSON, boolean?]>): GoJSON {
  // The third element marks `json:",omitempty"` fields.
  return { entries: entries.filter(([, v, omit]) => !(omit && (v === '' || v === false))).map(([k, v]) => [k, v]) };
}

function modVersion(m: { path: string; version: string }): GoJSON {
  return obj([
    ['Path', m.path],
    ['Version', m.version, true],
  ]);
}

const list = (xs: GoJSON[]): GoJSON => (xs.length === 0 ? null : xs);

const replaceList = (rs: Replace[]): GoJSON =>
  list(
    rs.map((r) =>
      obj([
        ['Old', modVersion(r.old)],
        ['New', modVersion(r.new)],
      ]),
    ),
  );

/** The -json form of a go.mod file (godebug lines are not part of Go 1.23's output). */
export function editJSON(f: File): string {
  const v = obj([
    [
      'Module',
      obj([
        ['Path', f.module?.mod.path ?? ''],
        ['Deprecated', f.module?.deprecated ?? '', true],
      ]),
    ],
    ['Go', f.go?.version ?? '', true],
    ['Toolchain', f.toolchain?.name ?? '', true],
    [
      'Require',
      list(
        f.require.map((r) =>
          obj([
            ['Path', r.mod.path],
            ['Version', r.mod.version, true],
            ['Indirect', r.indirect, true],
          ]),
        ),
      ),
    ],
    ['Exclude', list(f.exclude.map((x) => modVersion(x.mod)))],
    ['Replace', replaceList(f.replace)],
    [
      'Retract',
      list(
        f.retract.map((r) =>
          obj([
            ['Low', r.low, true],
            ['High', r.high, true],
            ['Rationale', r.rationale, true],
          ]),
        ),
      ),
    ],
  ]);
  return marshalIndent(v) + '\n';
}

/** The -json form of a go.work file (cmd/go/internal/workcmd/edit.go: workfileJSON; no toolchain or godebug lines). */
export function editWorkJSON(f: WorkFile): string {
  const v = obj([
    ['Go', f.go?.version ?? '', true],
    ['Use', list(f.use.map((d) => obj([['DiskPath', d.path], ['ModPath', d.modulePath, true]])))],
    ['Replace', replaceList(f.replace)],
  ]);
  return marshalIndent(v) + '\n';
}

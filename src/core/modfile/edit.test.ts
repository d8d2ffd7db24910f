// Differential tests of the go.mod/go.work edit operations (edit.ts, work.ts) against
// x/mod/modfile itself (the Go oracle): seeded random edit sequences over the go.mod and
// go.work files in Go 1.23's cmd/go testdata.
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../../scripts/oracle/client';
import { goTestdataTxtars } from '../../../scripts/gotestdata';
import {
  addComment,
  addExclude,
  addGodebug,
  addGoStmt,
  addModuleStmt,
  addNewRequire,
  addReplace,
  addRequire,
  addRetract,
  addToolchainStmt,
  cleanup,
  dropExclude,
  dropGodebug,
  dropGoStmt,
  dropReplace,
  dropRequire,
  dropRetract,
  dropToolchainStmt,
  setRequire,
  setRequireSeparateIndirect,
  sortBlocks,
} from './edit';
import { modulePath } from './read';
import { parse, type File } from './rule';
import {
  addNewUse,
  addUse,
  addWorkGodebug,
  addWorkGoStmt,
  addWorkReplace,
  addWorkToolchainStmt,
  cleanupWork,
  dropUse,
  dropWorkGodebug,
  dropWorkGoStmt,
  dropWorkReplace,
  dropWorkToolchainStmt,
  parseWork,
  setUse,
  sortWorkBlocks,
  type WorkFile,
} from './work';
import { rng, type Dump, dumpFile, dumpWork, type Reply, ours, TESTDATA_DIRS, corpus, GOS, LINES } from './modfileTestkit';

const SEED = Number(process.env.MODFILE_SEED ?? 20230801);

const { mods, works } = corpus(goTestdataTxtars(TESTDATA_DIRS));

const oracle = new GoOracle();
afterAll(() => oracle.close());

describe('modfile edits vs x/mod/modfile', () => {
  it(`go.work edit sequences (seed ${SEED})`, async () => {
    const r = rng(SEED + 4);
    const good = works.filter((w) => ours(() => parseWork('go.work', w)).err === undefined);
    const dirs = ['./a', './b', '../c', '/abs', './sp ace', '.', './new'];
    type Op = { op: string; args?: string[] };
    const cases: Array<{ data: string; ops: Op[] }> = [];
    for (let i = 0; i < 600; i++) {
      const data = r.pick(good);
      const ops: Op[] = [];
      for (let k = 1 + r.int(5); k > 0; k--) {
        switch (r.int(9)) {
          case 0:
            ops.push(r.int(3) === 0 ? { op: 'dropGoStmt' } : { op: 'addGoStmt', args: [r.pick(GOS)] });
            break;
          case 1:
            ops.push(r.int(3) === 0 ? { op: 'dropToolchainStmt' } : { op: 'addToolchainStmt', args: [r.pick(['go1.22', 'default', '1.22'])] });
            break;
          case 2:
            ops.push(r.int(3) === 0 ? { op: 'dropGodebug', args: ['x'] } : { op: 'addGodebug', args: [r.pick(['x', 'y']), r.pick(['1', '0'])] });
            break;
          case 3:
            ops.push({ op: r.int(2) ? 'addUse' : 'addNewUse', args: [r.pick(dirs), r.pick(['', 'example.com/m'])] });
            break;
          case 4:
            ops.push({ op: 'dropUse', args: [r.pick(dirs)] });
            break;
          case 5: {
            if (ops.length > 0) ops.push({ op: 'cleanup' });
            const set = [...new Set(Array.from({ length: r.int(4) }, () => r.pick(dirs)))];
            ops.push({ op: 'setUse', args: set.flatMap((d) => [d, 'example.com/' + d.length]) });
            break;
          }
          case 6:
            ops.push({ op: 'addReplace', args: [r.pick(['a.org/a', 'b.org/b']), r.int(2) ? '' : 'v1.0.0', r.pick(['./x', 'c.org/c']), r.int(2) ? '' : 'v1.2.0'] });
            break;
          case 7:
            ops.push({ op: 'dropReplace', args: [r.pick(['a.org/a', 'b.org/b']), r.int(2) ? '' : 'v1.0.0'] });
            break;
          case 8:
            ops.push({ op: 'sortBlocks' });
            break;
        }
      }
      if (r.int(4) !== 0) ops.push({ op: 'cleanup' });
      cases.push({ data, ops });
    }
    const replies = await Promise.all(cases.map((c) => oracle.call<{ dump: Dump; errors: string[] }>('modfile.editWork', 'go.work', c.data, c.ops)));
    let same = 0;
    const diffs: unknown[] = [];
    cases.forEach((c, i) => {
      const got = ours(() => {
        const f = parseWork('go.work', c.data);
        const errors = c.ops.map((op) => {
          const a = op.args ?? [];
          try {
            switch (op.op) {
              case 'addGoStmt': addWorkGoStmt(f, a[0]); break;
              case 'dropGoStmt': dropWorkGoStmt(f); break;
              case 'addToolchainStmt': addWorkToolchainStmt(f, a[0]); break;
              case 'dropToolchainStmt': dropWorkToolchainStmt(f); break;
              case 'addGodebug': addWorkGodebug(f, a[0], a[1]); break;
              case 'dropGodebug': dropWorkGodebug(f, a[0]); break;
              case 'addUse': addUse(f, a[0], a[1]); break;
              case 'addNewUse': addNewUse(f, a[0], a[1]); break;
              case 'setUse': {
                const ds = [];
                for (let j = 0; j + 1 < a.length; j += 2) ds.push({ path: a[j], modulePath: a[j + 1] });
                setUse(f, ds);
                break;
              }
              case 'dropUse': dropUse(f, a[0]); break;
              case 'addReplace': addWorkReplace(f, a[0], a[1], a[2], a[3]); break;
              case 'dropReplace': dropWorkReplace(f, a[0], a[1]); break;
              case 'sortBlocks': sortWorkBlocks(f); break;
              case 'cleanup': cleanupWork(f); break;
            }
            return '';
          } catch (e) {
            return (e as Error).message;
          }
        });
        return { dump: dumpWork(f), errors };
      });
      // SetUse adds paths in Go map order, so WorkFile.Use's order is random there.
      const norm = (x: unknown) => {
        const d = (x as { ok?: { dump: Dump } }).ok?.dump;
        if (d?.use && c.ops.some((o) => o.op === 'setUse')) d.use.sort((p, q) => (JSON.stringify(p) < JSON.stringify(q) ? -1 : 1));
        return JSON.stringify(x);
      };
      if (norm(got) === norm(replies[i])) same++;
      else if (diffs.length < 3) diffs.push({ data: c.data, ops: c.ops, want: replies[i], got });
    });
    console.log(`go.work edit sequences (seed ${SEED}): ${cases.length} cases, ${same} identical, ${cases.length - same} differing`);
    expect(diffs).toEqual([]);
  });

  it(`random edit sequences incl. SetRequireSeparateIndirect (seed ${SEED})`, async () => {
    const r = rng(SEED + 3);
    const good: string[] = [];
    for (const m of mods) {
      try {
        parse('go.mod', m);
        good.push(m);
      } catch {
        /* only files go accepts */
      }
    }
    // Layouts that steer SetRequireSeparateIndirect's block choice.
    good.push(
      'module m\n\ngo 1.17\n\nrequire (\n\ta.org/a v1.0.0\n\tb.org/b v1.0.0 // indirect\n)\n',
      'module m\n\ngo 1.17\n\nrequire a.org/a v1.0.0\n',
      'module m\n\ngo 1.17\n\nrequire b.org/b v1.0.0 // indirect\n',
      'module m\n\ngo 1.17\n\n// deps\nrequire (\n\ta.org/a v1.0.0\n)\n\nrequire (\n\tb.org/b v1.0.0 // indirect\n)\n',
      'module m\n\ngo 1.17\n\nrequire (\n\ta.org/a v1.0.0 // pinned\n\tc.org/c v1.0.0\n)\n\nrequire (\n\tb.org/b v1.0.0 // indirect; old\n\td.org/d v1.0.0 // indirect\n)\n',
      'module m\n\ngo 1.17\n\nrequire a.org/a v1.0.0\n\nrequire b.org/b v1.0.0 // indirect\n\nrequire c.org/c v1.0.0\n',
      'module m\n\ngo 1.17\n\nrequire ( // direct\n\ta.org/a v1.0.0\n)\n\nrequire (\n\tb.org/b v1.0.0 // indirect\n\t// trailing\n)\n',
      'module m\n\nrequire (\n\ta.org/a v1.0.0\n\n\tb.org/b v1.0.0 // indirect\n\ta.org/a v1.1.0\n)\n',
      'module m\n\ngo 1.21\n\nexclude a.org/a v1.0.0\n\nreplace a.org/a => ./a\n',
    );
    const extraPaths = ['a.org/a', 'b.org/b', 'c.org/c', 'd.org/d', 'example.com/new', 'example.com/new/v2', 'gopkg.in/n.v3', 'z.org/last', 'a.org/first', 'example.com/sp ace'];
    const vers = ['v1.0.0', 'v1.2.3', 'v2.0.0', 'v2.0.0+incompatible', 'v0.0.0-20200101000000-abcdefabcdef', 'v1.2', 'master', ''];
    type Op = { op: string; args?: string[]; reqs?: Array<{ path: string; version: string; indirect: boolean }> };
    const cases: Array<{ data: string; ops: Op[] }> = [];
    for (let i = 0; i < 1500; i++) {
      const data = r.int(4) === 0 ? good[good.length - 1 - r.int(9)] : r.int(10) === 0 ? r.pick(good) + '\n' + r.pick(LINES.filter((l) => /^(require|exclude|replace|retract)/.test(l))) : r.pick(good);
      let f: File;
      try {
        f = parse('go.mod', data);
      } catch {
        continue;
      }
      const paths = [...new Set([...f.require.map((x) => x.mod.path), ...f.replace.map((x) => x.old.path), ...f.exclude.map((x) => x.mod.path), ...extraPaths])];
      const ops: Op[] = [];
      const nops = 1 + r.int(5);
      for (let k = 0; k < nops; k++) {
        const p = r.pick(paths);
        const v = r.pick(vers);
        switch (r.int(17)) {
          case 0:
          case 1:
          case 2: {
            const reqs = new Map<string, { path: string; version: string; indirect: boolean }>();
            for (const q of f.require) {
              if (r.int(5) === 0) continue;
              reqs.set(q.mod.path, { path: q.mod.path, version: r.int(3) === 0 ? r.pick(vers.slice(0, 5)) : q.mod.version, indirect: r.int(2) === 0 });
            }
            for (let j = r.int(4); j > 0; j--) {
              const np = r.pick(extraPaths);
              if (!reqs.has(np)) reqs.set(np, { path: np, version: r.pick(vers.slice(0, 5)), indirect: r.int(2) === 0 });
            }
            // Go's SetRequire* dereference the Syntax of requirements an earlier Drop* cleared,
            // so a caller must Cleanup in between (Go would panic).
            if (ops.length > 0) ops.push({ op: 'cleanup' });
            ops.push({ op: r.int(4) === 0 ? 'setRequire' : 'setRequireSeparateIndirect', reqs: [...reqs.values()] });
            break;
          }
          case 3:
            ops.push({ op: 'addRequire', args: [p, v || 'v1.0.0'] });
            break;
          case 4:
            ops.push({ op: 'addNewRequire', args: [p, v || 'v1.0.0', String(r.int(2) === 0)] });
            break;
          case 5:
            ops.push({ op: 'dropRequire', args: [p] });
            break;
          case 6:
            ops.push({ op: 'addExclude', args: [p, v] });
            break;
          case 7:
            ops.push({ op: 'dropExclude', args: [p, v] });
            break;
          case 8:
            ops.push({ op: 'addReplace', args: [p, r.int(2) ? '' : v, r.pick(['./local', '../up', 'example.com/fork', 'sp ace/x']), r.int(2) ? '' : 'v1.0.0'] });
            break;
          case 9:
            ops.push({ op: 'dropReplace', args: [p, r.int(2) ? '' : v] });
            break;
          case 10: {
            const lo = r.pick(vers);
            ops.push({ op: 'addRetract', args: [lo, r.int(2) ? lo : r.pick(vers), r.pick(['', 'why', 'two\nlines'])] });
            break;
          }
          case 11:
            ops.push({ op: 'dropRetract', args: f.retract.length > 0 && r.int(2) ? [f.retract[0].low, f.retract[0].high] : [v, v] });
            break;
          case 12:
            ops.push(r.int(3) === 0 ? { op: 'dropGoStmt' } : { op: 'addGoStmt', args: [r.pick(GOS)] });
            break;
          case 13:
            ops.push(r.int(3) === 0 ? { op: 'dropToolchainStmt' } : { op: 'addToolchainStmt', args: [r.pick(['go1.22', 'default', 'go1.21rc1', '1.22'])] });
            break;
          case 14:
            ops.push(r.int(3) === 0 ? { op: 'dropGodebug', args: ['x'] } : { op: 'addGodebug', args: [r.pick(['x', 'y', 'panicnil']), r.pick(['1', '0'])] });
            break;
          case 15:
            ops.push(r.int(2) ? { op: 'addModuleStmt', args: [r.pick(['example.com/renamed', 'sp ace'])] } : { op: 'addComment', args: ['// added'] });
            break;
          case 16:
            ops.push({ op: 'sortBlocks' });
            break;
        }
      }
      if (r.int(5) !== 0) ops.push({ op: 'cleanup' });
      cases.push({ data, ops });
    }
    const replies = await Promise.all(cases.map((c) => oracle.call<{ dump: Dump; errors: string[] }>('modfile.edit', 'go.mod', c.data, c.ops)));
    let same = 0;
    const diffs: unknown[] = [];
    cases.forEach((c, i) => {
      const got = ours(() => {
        const f = parse('go.mod', c.data);
        const errors = c.ops.map((op) => {
          const a = op.args ?? [];
          try {
            switch (op.op) {
              case 'addModuleStmt': addModuleStmt(f, a[0]); break;
              case 'addGoStmt': addGoStmt(f, a[0]); break;
              case 'dropGoStmt': dropGoStmt(f); break;
              case 'addToolchainStmt': addToolchainStmt(f, a[0]); break;
              case 'dropToolchainStmt': dropToolchainStmt(f); break;
              case 'addGodebug': addGodebug(f, a[0], a[1]); break;
              case 'dropGodebug': dropGodebug(f, a[0]); break;
              case 'addRequire': addRequire(f, a[0], a[1]); break;
              case 'addNewRequire': addNewRequire(f, a[0], a[1], a[2] === 'true'); break;
              case 'dropRequire': dropRequire(f, a[0]); break;
              case 'addExclude': addExclude(f, a[0], a[1]); break;
              case 'dropExclude': dropExclude(f, a[0], a[1]); break;
              case 'addReplace': addReplace(f, a[0], a[1], a[2], a[3]); break;
              case 'dropReplace': dropReplace(f, a[0], a[1]); break;
              case 'addRetract': addRetract(f, { low: a[0], high: a[1] }, a[2]); break;
              case 'dropRetract': dropRetract(f, { low: a[0], high: a[1] }); break;
              case 'addComment': addComment(f, a[0]); break;
              case 'setRequire':
              case 'setRequireSeparateIndirect': {
                const reqs = (op.reqs ?? []).map((q) => ({ mod: { path: q.path, version: q.version }, indirect: q.indirect }));
                if (op.op === 'setRequire') setRequire(f, reqs);
                else setRequireSeparateIndirect(f, reqs);
                break;
              }
              case 'sortBlocks': sortBlocks(f); break;
              case 'cleanup': cleanup(f); break;
            }
            return '';
          } catch (e) {
            return (e as Error).message;
          }
        });
        return { dump: dumpFile(f), errors };
      });
      // Go adds SetRequire's new paths in map order, so File.Require's order is random there.
      const norm = (x: Reply | { ok?: { dump: Dump } }) => {
        const d = (x as { ok?: { dump: Dump } }).ok?.dump;
        if (d && c.ops.some((o) => o.op.startsWith('setRequire'))) d.require.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
        return JSON.stringify(x);
      };
      if (norm(got) === norm(replies[i])) same++;
      else if (diffs.length < 3) diffs.push({ data: c.data, ops: c.ops, want: replies[i], got });
    });
    console.log(`edit sequences (seed ${SEED}): ${cases.length} cases, ${same} identical, ${cases.length - same} differing`);
    expect(diffs).toEqual([]);
  });
});

// `go help` vs real go 1.23: the usage line of each command modscope implements, the command
// list of `go help mod`, and the unknown-topic errors.
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { GO, goEnv } from '../../../scripts/gotool.mjs';
import { goHelp } from './help';

const real = (args: string[]) => {
  const p = spawnSync(GO as string, ['help', ...args], { env: goEnv(), encoding: 'utf8' });
  return { stdout: p.stdout, stderr: p.stderr, exitCode: p.status };
};

const commands = [['build'], ['clean'], ['env'], ['get'], ['list'], ['run'], ['test'], ['vet'], ...['download', 'edit', 'graph', 'init', 'tidy', 'vendor', 'verify', 'why'].map((s) => ['mod', s]), ...['edit', 'init', 'sync', 'use', 'vendor'].map((s) => ['work', s])];

describe('go help vs real go', () => {
  test.each(commands.map((c) => [c.join(' '), c] as const))('usage line of go %s', (_n, c) => {
    const ours = goHelp([...c]);
    const go = real([...c]);
    expect(ours.exitCode).toBe(go.exitCode);
    expect(ours.stdout.split('\n')[0]).toBe(go.stdout.split('\n')[0]);
  });
  test.each(['mod', 'work'])('go help %s lists the subcommands as go does', (c) => {
    // the usage and command list (go's long text of go help work has indented examples of its own)
    const lines = (s: string) => s.slice(s.indexOf('\nUsage:\n')).split('\n').filter((l) => l.startsWith('\t'));
    expect(lines(goHelp([c]).stdout)).toEqual(lines(real([c]).stdout));
    expect(goHelp([c]).stdout.split('\n').slice(-3)).toEqual(real([c]).stdout.split('\n').slice(-3));
  });
  test.each([['nonexist'], ['mod', 'nonexist'], ['mod', 'tidy', 'x'], ['get', 'x', 'y']])('unknown topic %s', (...c) => {
    const ours = goHelp(c);
    const go = real(c);
    expect({ ...ours }).toEqual({ stdout: go.stdout, stderr: go.stderr, exitCode: go.exitCode });
  });
});

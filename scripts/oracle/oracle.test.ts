import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from './client';

describe('go oracle', () => {
  const oracle = new GoOracle();
  afterAll(() => oracle.close());
  it('answers', async () => {
    expect(await oracle.value('ping')).toBe('pong');
    await expect(oracle.call('no-such-op')).rejects.toThrow(/unknown op/);
  });
});

// .info times as go re-marshals them (modfetch writes json.Marshal(RevInfo) after json.Unmarshal):
// marshalRevInfo(parseRevInfo(text)) against Go's encoding/json over time.Time (oracle
// revinfo.remarshal), for RFC 3339 times with every kind of offset and fraction.
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../scripts/oracle/client';
import { marshalRevInfo, parseRevInfo } from './source';
import { utf8Encode } from './gostrings';

const oracle = new GoOracle();
afterAll(() => oracle.close());

const times = [
  '2019-06-18T19:04:46-07:00',
  '2019-06-18T19:04:46Z',
  '2020-01-01T00:00:00+00:00',
  '2020-01-01T00:00:00-00:00',
  '2019-12-31T23:30:00.5+05:30',
  '2019-12-31T23:30:00.500000000+05:30',
  '2018-10-22T21:33:59.123456789-07:00',
  '2018-10-22T21:33:59.100Z',
  '2018-10-22T21:33:59.000+00:00',
  '2001-02-03T04:05:06+14:00',
  '2001-02-03T04:05:06-12:45',
];

describe('.info Time re-marshalled as go does', () => {
  it('matches encoding/json over time.Time', async () => {
    const texts = times.map((t) => JSON.stringify({ Version: 'v1.0.0', Time: t }));
    const want = await Promise.all(texts.map((t) => oracle.value<string>('revinfo.remarshal', t)));
    const got = texts.map((t) => marshalRevInfo(parseRevInfo(utf8Encode(t))));
    const same = got.filter((g, i) => g === want[i]).length;
    console.log(`revinfo time: ${texts.length} cases, ${same} identical, ${texts.length - same} differing`);
    expect(got).toEqual(want);
  });
});

describe('.info Version re-marshalled as go does', () => {
  it('escapes what encoding/json escapes (and writes the rest as is)', async () => {
    const versions = ['v1.0.0', 'v1.2.3-pre+meta', 'v0.0.0-20200101000000-abcdef012345', 'a<b', 'a>b', 'a&b', 'a"b', 'a\\b', 'a\u007fb', 'é', '\u2028', 'a b!#$%\'()*,;=?@[]^_`{|}~'];
    const texts = versions.map((v) => JSON.stringify({ Version: v, Time: '2019-06-18T19:04:46Z' }));
    const want = await Promise.all(texts.map((t) => oracle.value<string>('revinfo.remarshal', t)));
    const got = texts.map((t) => marshalRevInfo(parseRevInfo(utf8Encode(t))));
    const same = got.filter((g, i) => g === want[i]).length;
    console.log(`revinfo version: ${texts.length} cases, ${same} identical, ${texts.length - same} differing`);
    expect(got).toEqual(want);
  });
});

// time.Parse(time.RFC3339) as Go's JSON decoding of a time.Time does it, against Go itself (oracle
// time.unmarshalJSON): the parsed time re-marshalled, or the exact ParseError text, over valid
// times and seeded mutations of them (digits, separators, lengths, zones, fractions, ranges).
import { afterAll, describe, expect, it } from 'vitest';
import { GoOracle } from '../../scripts/oracle/client';
import { formatRFC3339Nano, parseRFC3339Time } from './gotime';
import { mulberry32 } from './rng';

const oracle = new GoOracle();
afterAll(() => oracle.close());

const seeds = [
  '2019-06-18T19:04:46-07:00',
  '2019-06-18T19:04:46Z',
  '2020-02-29T00:00:00+00:00',
  '2021-02-29T00:00:00Z',
  '2021-04-31T10:00:00Z',
  '2019-12-31T23:30:00.5+05:30',
  '2018-10-22T21:33:59,123456789-07:00',
  '2018-10-22T21:33:59.1234567891234Z',
  '2001-02-03T4:05:06+14:00',
  '2001-02-03T24:05:06Z',
  '2001-02-03T04:60:06Z',
  '2001-02-03T04:05:60Z',
  '2001-13-03T04:05:06Z',
  '2001-00-03T04:05:06Z',
  '2001-02-00T04:05:06Z',
  '2001-02-03T04:05:06+24:60',
  '2001-02-03T04:05:06+25:00',
  '2001-02-03T04:05:06+01:61',
  '2001-02-03T04:05:06x01:00',
  '2001-02-03T04:05:06+0100',
  '2001-02-03T04:05:06',
  '2001-02-03T04:05:06Zjunk',
  '2001-02-03 04:05:06Z',
  '0000-02-29T00:00:00Z',
  '0099-01-01T00:00:00Z',
  '+001-02-03T04:05:06Z',
  '20011-02-03T04:05:06Z',
  '2001-2-03T04:05:06Z',
  'bad',
  '',
  'é2001-02-03T04:05:06Z',
  '2001-02-03T04:05:06.Z',
  '2001-02-03T04:05:06.000000000Z',
];

function mutate(s: string, r: () => number): string {
  const chars = '0123456789-+:.,TZ xé';
  const i = Math.floor(r() * (s.length + 1));
  switch (Math.floor(r() * 3)) {
    case 0:
      return s.slice(0, i) + s.slice(i + 1);
    case 1:
      return s.slice(0, i) + chars[Math.floor(r() * chars.length)] + s.slice(i);
    default:
      return s.slice(0, i) + chars[Math.floor(r() * chars.length)] + s.slice(i + 1);
  }
}

describe('RFC 3339 times as Go parses and marshals them', () => {
  it('equals encoding/json over time.Time', async () => {
    const r = mulberry32(20261127);
    const inputs = [...seeds];
    for (let k = 0; k < 1500; k++) {
      let s = seeds[Math.floor(r() * seeds.length)]!;
      for (let n = 1 + Math.floor(r() * 2); n > 0; n--) s = mutate(s, r);
      inputs.push(s);
    }
    const want = await Promise.all(inputs.map((t) => oracle.call('time.unmarshalJSON', JSON.stringify(t))));
    const got = inputs.map((t) => {
      const p = parseRFC3339Time(t);
      if ('err' in p) return { err: p.err };
      const o = Math.abs(p.offset) / 3600;
      // time.MarshalJSON refuses a zone it cannot write as RFC 3339
      if (o >= 24) return { err: 'json: error calling MarshalJSON for type time.Time: Time.MarshalJSON: timezone hour outside of range [0,23]' };
      return { ok: JSON.stringify(formatRFC3339Nano(p)) };
    });
    const differing = inputs.filter((_, i) => JSON.stringify(got[i]) !== JSON.stringify(want[i]));
    console.log(`RFC 3339 times: ${inputs.length} inputs, ${inputs.length - differing.length} identical, ${differing.length} differing`);
    for (let i = 0; i < inputs.length; i++) expect({ input: inputs[i], ...got[i] }).toEqual({ input: inputs[i], ...want[i] });
  });
});

import { describe, expect, it } from 'vitest';
import { readDhis2Period } from './dhis2Period.js';
import { formatPeriod } from './period.js';

describe('DHIS2 period ids', () => {
  it('takes our own forms and DHIS2 months, weeks and days', () => {
    for (const [code, ours] of [
      ['202403', '2024M03'],
      ['2024W1', '2024W1'],
      ['20240115', '20240115'],
      ['2024S1', '2024S1'],
      ['2024', '2024'],
    ]) {
      const r = readDhis2Period(code, undefined);
      expect(r.ok && formatPeriod(r.period)).toBe(ours);
    }
  });

  it('recognises the types chiso does not store and refuses them by name with their dates', () => {
    expect(readDhis2Period('202401B', 'month')).toEqual({
      ok: false,
      reason: 'no_match',
      dhis2Type: 'BiMonthly',
      start: '2024-01-01',
      end: '2024-02-29',
    });
    expect(readDhis2Period('2024April', 'year')).toMatchObject({
      dhis2Type: 'FinancialApril',
      start: '2024-04-01',
      end: '2025-03-31',
    });
    expect(readDhis2Period('2024Nov', 'year')).toMatchObject({ start: '2023-11-01', end: '2024-10-31' });
    expect(readDhis2Period('2024AprilS2', 'half')).toMatchObject({ start: '2024-10-01', end: '2025-03-31' });
    expect(readDhis2Period('2024BiW1', 'week')).toMatchObject({ start: '2024-01-01', end: '2024-01-14' });
    expect(readDhis2Period('2024WedW3', 'week')).toMatchObject({ reason: 'no_match' });
    expect(readDhis2Period('202407B', 'month')).toEqual({ ok: false, reason: 'invalid' });
    expect(readDhis2Period('soon', 'month')).toEqual({ ok: false, reason: 'invalid' });
  });
});

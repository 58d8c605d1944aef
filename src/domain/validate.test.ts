import { describe, expect, it } from 'vitest';
import { CODE_RE, isIsoDate, isProblemValue, parseNumber } from './validate.js';

describe('parseNumber', () => {
  it.each([
    ['80.2', 80.2],
    ['80,2', 80.2],
    ['-3,5', -3.5],
    ['0', 0],
    ['-0', -0],
    ['  42  ', 42],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['2.5E-2', 0.025],
    ['1039', 1039],
    ['1.039', 1.039],
  ])('reads %j as %d', (raw, expected) => {
    expect(parseNumber(raw)).toBe(expected);
  });

  it('reads an empty cell as no value', () => {
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('   ')).toBeNull();
  });

  it.each([
    'abc',
    '1.039.000',
    '1,039,000',
    '1 039',
    '80,2%',
    '80%',
    '+5',
    '--1',
    '1,',
    ',5',
    '0x10',
    'Infinity',
    'NaN',
    '1e400',
    '1e',
    '١٢',
  ])('refuses %j', (raw) => {
    expect(parseNumber(raw)).toEqual({ rule: 'rule.number' });
  });
});

describe('isProblemValue', () => {
  it('tells a problem from a number or null', () => {
    expect(isProblemValue({ rule: 'rule.number' })).toBe(true);
    expect(isProblemValue(0)).toBe(false);
    expect(isProblemValue(null)).toBe(false);
    expect(isProblemValue('rule')).toBe(false);
  });
});

describe('isIsoDate', () => {
  it('accepts real calendar dates', () => {
    for (const d of ['2024-02-29', '2000-02-29', '2025-07-01', '1990-01-01', '2024-12-31'])
      expect(isIsoDate(d), d).toBe(true);
  });

  it('refuses impossible dates and other forms', () => {
    for (const d of [
      '2023-02-29',
      '1900-02-29',
      '2024-04-31',
      '2024-13-01',
      '2024-00-10',
      '2024-01-00',
      '30/06/2025',
      '2024-1-5',
      '2024-01-05T00:00:00Z',
      ' 2024-01-05',
      '',
    ])
      expect(isIsoDate(d), d).toBe(false);
  });
});

describe('CODE_RE', () => {
  it('accepts codes of letters, digits, dot, dash and underscore', () => {
    for (const c of ['25747', 'KTS_DN.NTS-1', 'a', 'A'.repeat(64)]) expect(CODE_RE.test(c), c).toBe(true);
  });

  it('refuses empty, too long, leading punctuation, spaces and diacritics', () => {
    for (const c of ['', 'A'.repeat(65), '_A', '-A', '.A', 'A B', 'Đ01', 'A/B', 'A\n'])
      expect(CODE_RE.test(c), c).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import {
  completeYears,
  displayDecimals,
  roundForDisplay,
  sdmxFrequency,
  sdmxId,
  sdmxPeriod,
} from './openData.js';
import { parsePeriod } from './period.js';

const p = (code: string) => parsePeriod(code)!;

describe('displayDecimals', () => {
  it('takes the indicator’s decimals, else counts 0, percentages 1, other numbers 2', () => {
    expect(displayDecimals({ decimals: 3, valueType: 'count', unit: '' })).toBe(3);
    expect(displayDecimals({ decimals: 0, valueType: 'ratio', unit: '%' })).toBe(0);
    expect(displayDecimals({ decimals: null, valueType: 'count', unit: 'trạm' })).toBe(0);
    expect(displayDecimals({ decimals: null, valueType: 'ratio', unit: '%' })).toBe(1);
    expect(displayDecimals({ decimals: null, valueType: 'number', unit: 'Mbps' })).toBe(2);
  });
});

describe('roundForDisplay', () => {
  it('rounds to the digits and drops float noise', () => {
    expect(roundForDisplay(0.1 + 0.2, 2)).toBe(0.3);
    expect(roundForDisplay(17.6449999, 1)).toBe(17.6);
    expect(roundForDisplay(2 / 3, 0)).toBe(1);
    expect(roundForDisplay(1234.5678, 2)).toBe(1234.57);
    expect(Object.is(roundForDisplay(-0.0001, 2), 0)).toBe(true);
  });
});

describe('SDMX', () => {
  it('writes periods as SDMX reporting periods and their frequency codes', () => {
    expect(
      ['2025', '2025S2', '2025Q1', '2025M03', '2025W5', '20250315', '2025N9'].map((c) => sdmxPeriod(p(c))),
    ).toEqual(['2025', '2025-S2', '2025-Q1', '2025-03', '2025-W05', '2025-03-15', '2025-01-01/P9M']);
    expect(
      ['2025', '2025S2', '2025Q1', '2025M03', '2025W5', '20250315', '2025N9'].map((c) =>
        sdmxFrequency(p(c).type),
      ),
    ).toEqual(['A', 'S', 'Q', 'M', 'W', 'D', '_Z']);
  });
  it('makes identifiers of free codes', () => {
    expect(sdmxId('sector')).toBe('SECTOR');
    expect(sdmxId('age-group.5')).toBe('AGE_GROUP_5');
    expect(sdmxId('15plus')).toBe('_15PLUS');
  });
});

describe('completeYears', () => {
  it('keeps the years a series reaches the end of', () => {
    expect(completeYears(['2023Q4', '2024Q1', '2024Q2'].map(p))).toEqual([2023]);
    expect(completeYears(['2024M11', '2024M12', '2025M01'].map(p))).toEqual([2024]);
    expect(completeYears(['2022', '2023'].map(p))).toEqual([2022, 2023]);
    expect(completeYears(['2024S2', '2024N9', '2024W52', '20251231'].map(p))).toEqual([2024, 2025]);
    expect(completeYears(['2025N9'].map(p))).toEqual([]);
  });
});

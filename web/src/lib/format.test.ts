import { describe, expect, it } from 'vitest';
import { formatChange, formatDate, formatNumber, formatPercent, formatValue } from './format';
import { periodCodes, periodLabel, recentPeriods, trendRange } from './period';

describe('format (Vietnamese conventions)', () => {
  it('formats numbers and percentages per language', () => {
    expect(formatNumber(1039, 'vi')).toBe('1.039');
    expect(formatNumber(1039, 'en')).toBe('1,039');
    expect(formatPercent(80.2, 'vi')).toBe('80,2%');
    expect(formatPercent(80.2, 'en')).toBe('80.2%');
    expect(formatNumber(null, 'vi')).toBe('—');
  });
  it('formats dates as day/month/year in both languages', () => {
    expect(formatDate('2025-06-30')).toBe('30/06/2025');
  });
  it('formats values with their unit', () => {
    expect(formatValue(80.25, { unit: '%', valueType: 'ratio' }, 'vi')).toBe('80,3%');
    expect(formatValue(1039, { unit: 'doanh nghiệp', valueType: 'count' }, 'vi')).toBe('1.039 doanh nghiệp');
    expect(formatValue(1, { valueType: 'boolean' }, 'vi', ['Có', 'Không'])).toBe('Có');
    expect(formatChange(-2.5, 'vi', 1)).toBe('−2,5');
    // English mode translates the unit word; unknown units stay as stored
    expect(formatValue(1039, { unit: 'doanh nghiệp', valueType: 'count' }, 'en')).toBe('1,039 enterprises');
    expect(formatValue(3, { unit: 'tỷ đồng' }, 'en')).toBe('3 billion VND');
    expect(formatValue(3, { unit: 'con' }, 'en')).toBe('3 con');
  });
});

describe('period labels and ranges', () => {
  it('labels periods in Vietnamese', () => {
    expect(periodLabel('2024', 'vi')).toBe('Năm 2024');
    expect(periodLabel('2024S1', 'vi')).toBe('6 tháng đầu năm 2024');
    expect(periodLabel('2024N9', 'vi')).toBe('9 tháng năm 2024');
    expect(periodLabel('2024Q1', 'vi')).toBe('Quý I/2024');
    expect(periodLabel('2024M03', 'vi')).toBe('Tháng 3/2024');
    expect(periodLabel('bogus', 'vi')).toBe('bogus');
  });
  it('lists ended periods and trend ranges', () => {
    expect(recentPeriods('quarter', 2, '2025-07-10')).toEqual(['2025Q2', '2025Q1']);
    expect(recentPeriods('month', 1, '2025-06-30')).toEqual(['2025M06']);
    expect(trendRange('month', 1, '2025-06-15')).toEqual({ from: '2024M07', to: '2025M06' });
    expect(trendRange('year', 3, '2025-06-15')).toEqual({ from: '2023', to: '2025' });
    expect(periodCodes('2024Q3', '2025Q1')).toEqual(['2024Q3', '2024Q4', '2025Q1']);
  });
});

import { describe, expect, it } from 'vitest';
import { untilLastValue } from './series';

describe('trend axes end at the data', () => {
  const row = (period: string, value: number | null) => ({ period, value });
  it('drops the periods after the last value', () => {
    const rows = [row('2024', 1), row('2025', null), row('2026', 3), row('2027', null), row('2028', null)];
    expect(untilLastValue(rows).map((r) => r.period)).toEqual(['2024', '2025', '2026']);
  });
  it("keeps a period where only the parent's series has a value", () => {
    const own = [row('2024', 1), row('2025', null), row('2026', null)];
    expect(untilLastValue(own, [row('2025', 7)]).map((r) => r.period)).toEqual(['2024', '2025']);
  });
  it('keeps an all-empty series as it is (the card says there is no data)', () => {
    const rows = [row('2024', null), row('2025', null)];
    expect(untilLastValue(rows)).toEqual(rows);
  });
});

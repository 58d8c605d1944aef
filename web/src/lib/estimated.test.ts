import { describe, expect, it } from 'vitest';
import { splitEstimated } from './estimated';

describe('splitEstimated', () => {
  it('keeps a series without estimates whole and solid', () => {
    const r = splitEstimated([{ value: 1 }, { value: null }, { value: 3, estimated: false }]);
    expect(r.exact).toEqual([1, null, 3]);
    expect(r.estimated).toEqual([null, null, null]);
    expect(r.ranges).toEqual([]);
  });

  it('draws estimated stretches dashed, joined to their exact neighbours, with one band per stretch', () => {
    const r = splitEstimated([
      { value: 10, estimated: true },
      { value: 11, estimated: true },
      { value: 12 },
      { value: 13 },
      { value: 14, estimated: true },
      { value: 15 },
    ]);
    expect(r.exact).toEqual([null, null, 12, 13, null, 15]);
    expect(r.estimated).toEqual([10, 11, 12, 13, 14, 15]);
    expect(r.ranges).toEqual([
      [0, 1],
      [4, 4],
    ]);
  });

  it('does not mark a missing value as estimated', () => {
    const r = splitEstimated([{ value: 1 }, { value: null, estimated: true }, { value: 3 }]);
    expect(r.exact).toEqual([1, null, 3]);
    expect(r.ranges).toEqual([]);
  });
});

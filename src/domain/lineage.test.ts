import { describe, expect, it } from 'vitest';
import {
  allocateShares,
  duplicatePairs,
  lineageCycles,
  type ResolvedPart,
  readLineageRow,
  SHARE_TOLERANCE,
} from './lineage.js';

const cells = (newCode: string, level: string, oldCode: string, kind: string, share?: string) => ({
  new_code: newCode,
  level,
  old_code: oldCode,
  kind,
  share,
});
const part = (
  row: number,
  newId: number,
  oldId: number,
  share: number | null,
  kind = 'partial',
): ResolvedPart => ({
  row,
  newId,
  oldId,
  kind: kind as 'full' | 'partial',
  share,
  oldLabel: `O${oldId}`,
});

describe('readLineageRow', () => {
  it('reads a full part as share 1 and a partial part without share as null', () => {
    expect(readLineageRow(2, cells('79', '1', '74', 'full')).input).toEqual({
      row: 2,
      newCode: '79',
      level: 1,
      oldCode: '74',
      kind: 'full',
      share: 1,
    });
    expect(readLineageRow(3, cells('00004', '2', '00016', 'partial')).input?.share).toBeNull();
    expect(readLineageRow(4, cells('00004', '2', '00016', 'partial', '0.25')).input?.share).toBe(0.25);
    expect(readLineageRow(5, cells('79', '1', '74', 'full', '1')).input?.share).toBe(1);
  });

  it('names row, column and rule of each problem', () => {
    const rules = (c: Record<string, string | undefined>) =>
      readLineageRow(7, c).errors.map((e) => `${e.row} ${e.field} ${e.rule}`);
    expect(rules(cells('', 'x', 'a b', 'merged'))).toEqual([
      '7 new_code rule.required',
      '7 old_code rule.code',
      '7 level rule.integer',
      '7 kind rule.one_of',
    ]);
    expect(rules(cells('1', '1', '2', 'partial', '0'))).toEqual(['7 share rule.lineage_share_range']);
    expect(rules(cells('1', '1', '2', 'partial', '1.5'))).toEqual(['7 share rule.lineage_share_range']);
    expect(rules(cells('1', '1', '2', 'partial', 'half'))).toEqual(['7 share rule.number']);
    expect(rules(cells('1', '1', '2', 'full', '0.5'))).toEqual(['7 share rule.lineage_full_share']);
    expect(readLineageRow(7, cells('1', '1', '2', 'merged')).input).toBeUndefined();
  });
});

describe('duplicatePairs', () => {
  it('names the first row of a repeated (new, old) pair', () => {
    const rows = [2, 3, 4]
      .map((row) => readLineageRow(row, cells('79', '1', row === 3 ? '77' : '74', 'full')))
      .map((r) => r.input!);
    expect(duplicatePairs(rows)).toEqual([
      { row: 4, field: 'old_code', rule: 'rule.lineage_duplicate', params: { other: 2 } },
    ]);
  });
});

describe('allocateShares', () => {
  it('keeps given and full shares, splits the remainder equally among unshared partial parts', () => {
    const { shares, errors } = allocateShares(
      [part(2, 10, 1, 1, 'full'), part(3, 10, 2, 0.4), part(4, 11, 2, null), part(5, 12, 2, null)],
      [],
    );
    expect(errors).toEqual([]);
    expect(shares.get(2)).toEqual({ share: 1, method: 'given' });
    expect(shares.get(3)).toEqual({ share: 0.4, method: 'given' });
    expect(shares.get(4)?.method).toBe('equal');
    expect(shares.get(4)?.share).toBeCloseTo(0.3, 12);
    expect(shares.get(5)?.share).toBeCloseTo(0.3, 12);
  });

  it('splits three ways into shares that sum to 1', () => {
    const { shares } = allocateShares([part(2, 10, 1, null), part(3, 11, 1, null), part(4, 12, 1, null)], []);
    const sum = [2, 3, 4].reduce((a, r) => a + (shares.get(r)?.share ?? 0), 0);
    expect(Math.abs(sum - 1)).toBeLessThanOrEqual(SHARE_TOLERANCE);
  });

  it('counts stored parts of the same old unit', () => {
    const { shares } = allocateShares([part(2, 10, 1, null)], [{ newId: 11, oldId: 1, share: 0.75 }]);
    expect(shares.get(2)?.share).toBeCloseTo(0.25, 12);
  });

  it('refuses parts of one old unit summing to more than 1, and unshared parts with nothing left', () => {
    const over = allocateShares([part(2, 10, 1, 0.7), part(3, 11, 1, 0.5)], []);
    expect(over.errors).toEqual([
      { row: 3, field: 'share', rule: 'rule.lineage_share_sum', params: { unit: 'O1', sum: 1.2 } },
    ]);
    const twoFull = allocateShares([part(2, 10, 1, 1, 'full'), part(3, 11, 1, 1, 'full')], []);
    expect(twoFull.errors.map((e) => e.rule)).toEqual(['rule.lineage_share_sum']);
    const nothingLeft = allocateShares([part(2, 10, 1, 1, 'full'), part(3, 11, 1, null)], []);
    expect(nothingLeft.errors).toEqual([
      { row: 3, field: 'share', rule: 'rule.lineage_share_left', params: { unit: 'O1', sum: 1 } },
    ]);
    // thirds written out sum to 1 within the tolerance
    const thirds = allocateShares(
      [part(2, 10, 1, 1 / 3), part(3, 11, 1, 1 / 3), part(4, 12, 1, 1 / 3 + 1e-12)],
      [],
    );
    expect(thirds.errors).toEqual([]);
  });
});

describe('lineageCycles', () => {
  const label = (id: number) => `U${id}`;
  it('accepts self-links (a unit that carries on) beside its merged parts', () => {
    expect(lineageCycles([part(2, 79, 79, 1, 'full'), part(3, 79, 74, 1, 'full')], [], label)).toEqual([]);
  });

  it('refuses a version that is both new and old, in the file or with stored rows of the same date', () => {
    expect(lineageCycles([part(2, 79, 1, 1, 'full'), part(3, 1, 79, 1, 'full')], [], label)).toEqual([
      { row: 2, field: 'old_code', rule: 'rule.lineage_cycle', params: { unit: 'U1', other: 3 } },
      { row: 3, field: 'old_code', rule: 'rule.lineage_cycle', params: { unit: 'U79', other: 2 } },
    ]);
    expect(lineageCycles([part(2, 5, 79, 0.5)], [{ newId: 79, oldId: 74, share: 1 }], label)).toEqual([
      { row: 2, field: 'old_code', rule: 'rule.lineage_cycle', params: { unit: 'U79', other: '-' } },
    ]);
    expect(lineageCycles([part(2, 74, 9, 0.5)], [{ newId: 79, oldId: 74, share: 1 }], label)).toEqual([
      { row: 2, field: 'new_code', rule: 'rule.lineage_cycle', params: { unit: 'U74', other: '-' } },
    ]);
  });
});

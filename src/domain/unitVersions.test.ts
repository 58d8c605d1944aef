import { describe, expect, it } from 'vitest';
import { currentVersion, dayBefore, nearestVersion, overlaps, validOn, versionFor } from './unitVersions.js';

const old = { id: 1, validFrom: null, validTo: '2025-06-30' };
const neu = { id: 2, validFrom: '2025-07-01', validTo: null };
const open = { id: 3, validFrom: null, validTo: null };

describe('unit versions', () => {
  it('validOn is inclusive at both ends and open when null', () => {
    expect(validOn(old, '2025-06-30')).toBe(true);
    expect(validOn(old, '2025-07-01')).toBe(false);
    expect(validOn(neu, '2025-07-01')).toBe(true);
    expect(validOn(neu, '2025-06-30')).toBe(false);
    expect(validOn(open, '1900-01-01')).toBe(true);
  });

  it('overlaps a window that touches either end', () => {
    expect(overlaps(old, { from: '2025-06-01', to: '2025-06-30' })).toBe(true);
    expect(overlaps(old, { from: '2025-07-01', to: '2025-07-31' })).toBe(false);
    expect(overlaps(neu, { from: '2025-01-01', to: '2025-12-31' })).toBe(true);
    expect(overlaps(neu, { from: '2024-08-01', to: '2024-08-31' })).toBe(false);
  });

  it('versionFor picks the version valid in the window, the later one across a break', () => {
    const vs = [old, neu];
    expect(versionFor(vs, { from: '2024-08-01', to: '2024-08-31' })?.id).toBe(1);
    expect(versionFor(vs, { from: '2025-08-01', to: '2025-08-31' })?.id).toBe(2);
    expect(versionFor(vs, { from: '2025-01-01', to: '2025-12-31' })?.id).toBe(2);
    expect(versionFor([old], { from: '2025-08-01', to: '2025-08-31' })).toBeUndefined();
    expect(versionFor([neu], { from: '2024-08-01', to: '2024-08-31' })).toBeUndefined();
  });

  it('currentVersion prefers today, else the latest version', () => {
    expect(currentVersion([old, neu], '2026-12-01')?.id).toBe(2);
    expect(currentVersion([old, neu], '2024-01-01')?.id).toBe(1);
    expect(currentVersion([old], '2026-12-01')?.id).toBe(1);
    expect(currentVersion([], '2026-12-01')).toBeUndefined();
  });

  it('nearestVersion names the closest version for an error message', () => {
    const closedEarly = { id: 4, validFrom: null, validTo: '2020-12-31' };
    expect(nearestVersion([closedEarly, old], { from: '2025-08-01', to: '2025-08-31' })?.id).toBe(1);
    expect(nearestVersion([neu], { from: '2024-08-01', to: '2024-08-31' })?.id).toBe(2);
  });

  it('dayBefore crosses months and leap days', () => {
    expect(dayBefore('2025-07-01')).toBe('2025-06-30');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    expect(dayBefore('2026-01-01')).toBe('2025-12-31');
  });
});

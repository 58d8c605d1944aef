/** Today's demo, without a database: HCMC's tree, the lineage, values relative to an injected today. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isProblem, readCsv } from '../domain/csv.js';
import { parsePeriod, periodEnd, periodStart } from '../domain/period.js';
import { overlaps } from '../domain/unitVersions.js';
import { sharedPath } from '../test/harness.js';
import { DEMO_INDICATORS } from './catalog.js';
import { currentPlan } from './currentPlan.js';
import { generateCurrentValues } from './currentValues.js';
import { HCMC_LINEAGE, HCMC_REPORTING_WARDS, HCMC_UNITS, HCMC_WARDS } from './hcmcUnits.js';
import { DEMO_LINEAGE, withEqualShares } from './lineage.js';
import { currentForms } from './reporting.js';
import { DEMO_UNITS } from './units.js';
import { type DemoValue, generateDemoValues } from './values.js';

const TODAY = '2026-12-01';
const CURRENT = [...generateCurrentValues(TODAY)];
const OLD = [...generateDemoValues()];
const byCode = new Map(DEMO_INDICATORS.map((i) => [i.code, i]));
const oldCommunes = DEMO_UNITS.filter((u) => u.kind === 'commune').map((u) => u.code);

function csvRows(rel: string, columns: string[]): Record<string, string>[] {
  const path = sharedPath(rel);
  if (!path) throw new Error(`shared file ${rel} is needed by this test`);
  const t = readCsv(readFileSync(path, 'utf8'), columns);
  if (isProblem(t)) throw new Error(`${rel}: ${t.kind}`);
  return t.rows.map((r) => r.cells);
}

/** Province figure of one indicator × period from a list of values (sums add, ratios Σnum/Σden). */
function total(values: DemoValue[], code: string, period: string) {
  const rows = values.filter((v) => v.indicator === code && v.period === period);
  if (byCode.get(code)!.aggregation === 'ratio')
    return (
      (100 * rows.reduce((a, r) => a + (r.numerator ?? 0), 0)) /
      rows.reduce((a, r) => a + (r.denominator ?? 0), 0)
    );
  return rows.reduce((a, r) => a + (r.value ?? 0), 0);
}

describe('HCMC on the 2025-07 tree', () => {
  it('embeds the 168 real communes, wards and special zone of units-2025-07.csv, parent 79', () => {
    const real = csvRows('data/vn-admin/units-2025-07.csv', [
      'code',
      'name',
      'type',
      'level',
      'parent_code',
    ]).filter((r) => r.parent_code === '79');
    expect(real).toHaveLength(168);
    expect(HCMC_WARDS.map(([code, name, type]) => ({ code, name, type }))).toEqual(
      real.map((r) => ({ code: r.code, name: r.name, type: r.type })),
    );
    const wards = HCMC_UNITS.filter((u) => u.kind === 'commune');
    expect(wards).toHaveLength(168);
    expect(wards.every((w) => w.level === 2 && w.parentCode === '79' && w.validFrom === '2025-07-01')).toBe(
      true,
    );
    const city = HCMC_UNITS.find((u) => u.code === '79')!;
    expect(city).toMatchObject({ level: 1, kind: 'province', validFrom: null, validTo: null });
    const departments = HCMC_UNITS.filter((u) => u.kind === 'department');
    expect(departments.length).toBeGreaterThanOrEqual(10);
    expect(departments.every((d) => d.code.startsWith('79-') && d.validFrom === '2025-07-01')).toBe(true);
    // the old tree closes the day before
    expect(DEMO_UNITS.every((u) => u.validTo === '2025-06-30' && u.validFrom === null)).toBe(true);
  });

  it('embeds exactly the real lineage rows of the demo communes, and 74 → 79', () => {
    const real = csvRows('data/vn-admin/lineage-2025-07.csv', ['new_code', 'level', 'old_code', 'kind'])
      .filter(
        (r) => oldCommunes.includes(r.old_code) || (r.new_code === '79' && ['74', '79'].includes(r.old_code)),
      )
      .map((r) => [r.new_code, r.old_code, r.kind]);
    expect([...HCMC_LINEAGE].map((r) => [...r]).sort()).toEqual(real.sort());
    for (const c of oldCommunes)
      expect(
        HCMC_LINEAGE.some(([, old]) => old === c),
        c,
      ).toBe(true);
    expect(HCMC_REPORTING_WARDS).toContain('25978'); // ward Thuận An
    expect(HCMC_REPORTING_WARDS).toContain('25942'); // ward Dĩ An
  });

  it('splits each old unit among its partial parts equally, so every old unit is shared out whole', () => {
    expect(
      withEqualShares([
        ['A', 'x', 'partial'],
        ['B', 'x', 'partial'],
        ['C', 'x', 'partial'],
        ['A', 'y', 'full'],
      ]).map((r) => [r.share, r.shareMethod]),
    ).toEqual([
      [1 / 3, 'equal'],
      [1 / 3, 'equal'],
      [1 / 3, 'equal'],
      [1, 'given'],
    ]);
    const sums = new Map<string, number>();
    for (const r of DEMO_LINEAGE) sums.set(r.oldCode, (sums.get(r.oldCode) ?? 0) + r.share);
    for (const [old, s] of sums) expect(s, old).toBeCloseTo(1, 12);
    // departments and teams follow (ours, derived): every old department and team has a successor
    for (const u of DEMO_UNITS.filter((x) => x.kind === 'department' || x.kind === 'community_team'))
      expect(sums.has(u.code), u.code).toBe(true);
  });
});

describe("today's values", () => {
  it('run up to the last complete month, quarter and year before today, in the new units only', () => {
    const periods = new Set(CURRENT.map((v) => v.period));
    expect(periods.has('2026M11')).toBe(true);
    expect(periods.has('2026M12')).toBe(false);
    expect(periods.has('2026Q3')).toBe(true);
    expect(periods.has('2026Q4')).toBe(false);
    expect(periods.has('2025')).toBe(true);
    expect(periods.has('2026')).toBe(false);
    expect(periods.has('2025M06')).toBe(false);
    const later = new Set([...generateCurrentValues('2027-03-15')].map((v) => v.period));
    for (const p of ['2027M02', '2026Q4', '2026']) expect(later.has(p), p).toBe(true);
    expect(later.has('2027M03')).toBe(false);
    expect([...generateCurrentValues('2025-07-20')]).toEqual([]);
    console.log(`today's demo values (today ${TODAY}): ${CURRENT.length}`);
  });

  it('lie within their unit’s validity, at units of the indicator’s reporting kinds', () => {
    const units = new Map(HCMC_UNITS.map((u) => [u.code, u]));
    for (const v of CURRENT) {
      const u = units.get(v.orgUnit);
      const p = parsePeriod(v.period)!;
      if (!u || !overlaps(u, { from: periodStart(p), to: periodEnd(p) }))
        throw new Error(`${v.orgUnit} ${v.period}: outside the unit's validity`);
      const kinds = byCode.get(v.indicator)!.reportingKinds ?? ['province'];
      if (!kinds.includes(u.kind)) throw new Error(`${v.indicator}: ${u.code} may not report`);
    }
    for (const v of OLD) expect(periodEnd(parsePeriod(v.period)!) <= '2025-06-30').toBe(true);
    // the wards formed from the demo's communes report; a ward that did not send its last month is a gap
    const wards = new Set(CURRENT.filter((v) => v.indicator === 'CQS_HSCV_MANG_XA').map((v) => v.orgUnit));
    expect([...wards].sort()).toEqual([...HCMC_REPORTING_WARDS]);
    expect(CURRENT.some((v) => v.orgUnit === '25840' && v.period === '2026M11')).toBe(false);
    expect(CURRENT.some((v) => v.orgUnit === '25840' && v.period === '2026M10')).toBe(true);
  });

  it('continue the Bình Dương series across 2025-07-01 (a chart in the current units is continuous)', () => {
    for (const ind of DEMO_INDICATORS.filter((i) => !i.formula && i.frequency === 'month')) {
      if (!ind.reportingKinds?.includes('commune') && !ind.reportingKinds?.includes('province')) continue;
      const before = total(OLD, ind.code, '2025M06');
      const after = total(CURRENT, ind.code, '2025M07');
      if (ind.aggregation === 'ratio') expect(Math.abs(after - before), ind.code).toBeLessThan(5);
      else if (ind.aggregation === 'sum')
        expect(Math.abs(after - before) / before, ind.code).toBeLessThan(0.3);
    }
    // a stock grows on
    expect(total(CURRENT, 'XHS_TCNSCD_SO', '2026Q3')).toBeGreaterThan(total(OLD, 'XHS_TCNSCD_SO', '2025Q2'));
  });

  it('are deterministic, and a later today adds periods without changing the earlier ones', () => {
    expect([...generateCurrentValues(TODAY)]).toEqual(CURRENT);
    const later = [...generateCurrentValues('2027-03-15')].filter(
      (v) => v.period <= '2026M10' && v.period.includes('M'),
    );
    expect(later).toEqual(CURRENT.filter((v) => v.period <= '2026M10' && v.period.includes('M')));
  });
});

describe("today's plan and forms", () => {
  it('plan the current year with targets due this year and next, owned by the city’s departments', () => {
    const set = currentPlan(TODAY);
    expect(set.plans.map((p) => [p.code, p.periodFrom, p.scope])).toEqual([
      ['KH-CDS-2026-HCM', '2026', '79'],
    ]);
    const deadlines = new Set(set.targets.map((t) => t.deadline!.slice(0, 4)));
    expect([...deadlines].sort()).toEqual(['2026', '2027']);
    expect(set.targets.every((t) => t.leadUnit?.startsWith('79-'))).toBe(true);
    const states = new Set(set.tasks.map((t) => t.status));
    for (const s of ['done', 'in_progress']) expect(states).toContain(s);
    expect(currentPlan('2027-02-01').plans[0].code).toBe('KH-CDS-2027-HCM');
  });

  it('report from 2025-07 to the last ended period', () => {
    expect(currentForms(TODAY).map((f) => [f.code, f.from, f.to])).toEqual([
      ['BC_CDS_THANG_HCM', '2025M07', '2026M11'],
      ['BC_CDS_QUY_HCM', '2025Q3', '2026Q3'],
    ]);
    expect(currentForms('2025-08-10').map((f) => f.to)).toEqual(['2025M07']);
  });
});

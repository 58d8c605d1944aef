import { describe, expect, it } from 'vitest';
import {
  computeProgress,
  DEFAULT_THRESHOLDS,
  dayNumber,
  linearForecast,
  meets,
  type ProgressInput,
  statusOfPace,
  thresholdProblems,
} from './progress.js';

/**
 * Most cases use yearly periods with b at 2024 (ends 2024-12-31), T at 2026 (ends 2026-12-31) and
 * x at 2025 (ends 2025-12-31): 365 of 730 days have elapsed, so τ = 0.5 exactly and pace = 2r.
 */
const yearly = (x: number | null, over: Partial<ProgressInput> = {}): ProgressInput => ({
  baseline: { value: 0, period: '2024' },
  target: { value: 100, period: '2026', comparator: '>=' },
  history: [
    { period: '2024', value: 0 },
    { period: '2025', value: x },
  ],
  asOf: '2026-01-15',
  ...over,
});

describe('meets', () => {
  it('compares by ≥, ≤ and =', () => {
    expect(meets(100, 100, '>=')).toBe(true);
    expect(meets(99.99, 100, '>=')).toBe(false);
    expect(meets(10, 10, '<=')).toBe(true);
    expect(meets(10.01, 10, '<=')).toBe(false);
    expect(meets(1, 1, '=')).toBe(true);
    expect(meets(0.1 + 0.2, 0.3, '=')).toBe(true);
    expect(meets(0, 1, '=')).toBe(false);
  });
});

describe('pace thresholds', () => {
  it('classifies at the exact boundaries (defaults 0.95 / 0.60)', () => {
    expect(statusOfPace(0.95)).toBe('on_track');
    expect(statusOfPace(0.9499)).toBe('at_risk');
    expect(statusOfPace(0.6)).toBe('at_risk');
    expect(statusOfPace(0.5999)).toBe('off_track');
    expect(statusOfPace(-1)).toBe('off_track');
    expect(DEFAULT_THRESHOLDS).toEqual({ onTrack: 0.95, atRisk: 0.6 });
  });

  it('pace exactly 0.95 is on track: x = 47.5 → r = 0.475, τ = 0.5, pace = 0.95', () => {
    const r = computeProgress(yearly(47.5));
    expect(r.done).toBe(0.475);
    expect(r.elapsed).toBe(0.5);
    expect(r.pace).toBe(0.95);
    expect(r.status).toBe('on_track');
    expect(r.current).toEqual({ value: 47.5, period: '2025' });
  });

  it('just below 0.95 is at risk: x = 47.49 → pace 0.9498', () => {
    const r = computeProgress(yearly(47.49));
    expect(r.pace).toBeCloseTo(0.9498, 9);
    expect(r.status).toBe('at_risk');
  });

  it('pace exactly 0.60 is at risk: x = 30 → r = 0.3, pace = 0.6', () => {
    const r = computeProgress(yearly(30));
    expect(r.pace).toBe(0.6);
    expect(r.status).toBe('at_risk');
  });

  it('just below 0.60 is off track: x = 29.99 → pace 0.5998', () => {
    const r = computeProgress(yearly(29.99));
    expect(r.pace).toBeCloseTo(0.5998, 9);
    expect(r.status).toBe('off_track');
  });

  it('takes thresholds as parameters', () => {
    // pace 0.8 (x = 40): at risk by default, on track with onTrack 0.8
    expect(computeProgress(yearly(40)).status).toBe('at_risk');
    expect(computeProgress(yearly(40, { thresholds: { onTrack: 0.8, atRisk: 0.5 } })).status).toBe(
      'on_track',
    );
    // pace 0.5 (x = 25): off track by default, at risk with atRisk 0.5
    expect(computeProgress(yearly(25)).status).toBe('off_track');
    expect(computeProgress(yearly(25, { thresholds: { onTrack: 0.8, atRisk: 0.5 } })).status).toBe('at_risk');
  });

  it('validates thresholds', () => {
    expect(thresholdProblems({ onTrack: 0.95, atRisk: 0.6 })).toEqual([]);
    expect(thresholdProblems({ onTrack: 0.5, atRisk: 0.6 })).toHaveLength(1);
    expect(thresholdProblems({ onTrack: 0.95, atRisk: -0.1 })).toHaveLength(1);
    expect(thresholdProblems({ onTrack: Number.NaN, atRisk: 0.6 })).toHaveLength(1);
  });

  it('a value above the target is achieved, whatever the pace', () => {
    const r = computeProgress(yearly(100));
    expect(r.status).toBe('achieved');
    expect(r.pace).toBe(2); // r = 1, τ = 0.5
    expect(computeProgress(yearly(120)).status).toBe('achieved');
  });

  it('a value that moved backwards is off track with a negative pace', () => {
    const r = computeProgress(yearly(-10));
    expect(r.pace).toBe(-0.2);
    expect(r.status).toBe('off_track');
  });
});

describe('decreasing indicators (comparator ≤)', () => {
  // a rank: b = 20, target top 10 (≤ 10)
  const rank = (x: number) =>
    yearly(x, {
      baseline: { value: 20, period: '2024' },
      target: { value: 10, period: '2026', comparator: '<=' },
      history: [
        { period: '2024', value: 20 },
        { period: '2025', value: x },
      ],
    });

  it('works through r: 20 → 15 is half the way in half the time (pace 1)', () => {
    // r = (15 − 20)/(10 − 20) = 0.5; τ = 0.5; pace = 1
    const r = computeProgress(rank(15));
    expect(r.done).toBe(0.5);
    expect(r.pace).toBe(1);
    expect(r.status).toBe('on_track');
  });

  it('20 → 18 is off track (r = 0.2, pace 0.4); 20 → 17 at risk (r = 0.3, pace 0.6)', () => {
    expect(computeProgress(rank(18)).status).toBe('off_track');
    expect(computeProgress(rank(17)).pace).toBe(0.6);
    expect(computeProgress(rank(17)).status).toBe('at_risk');
  });

  it('reaching or passing below the target is achieved', () => {
    expect(computeProgress(rank(10)).status).toBe('achieved');
    expect(computeProgress(rank(7)).status).toBe('achieved');
  });

  it('getting worse is off track with a negative pace', () => {
    const r = computeProgress(rank(22));
    expect(r.pace).toBe(-0.4); // r = (22 − 20)/(10 − 20) = −0.2
    expect(r.status).toBe('off_track');
  });
});

describe('target equal to baseline (hold a level)', () => {
  const hold = (x: number, asOf = '2026-01-15') =>
    yearly(x, {
      baseline: { value: 100, period: '2024' },
      target: { value: 100, period: '2026', comparator: '>=' },
      history: [{ period: '2025', value: x }],
      asOf,
    });

  it('is achieved while the level holds', () => {
    const r = computeProgress(hold(100));
    expect(r.status).toBe('achieved');
    expect(r.done).toBeNull();
    expect(r.pace).toBeNull();
  });

  it('is off track when the level is lost, overdue after the deadline', () => {
    expect(computeProgress(hold(98)).status).toBe('off_track');
    const late = computeProgress({
      ...hold(98),
      history: [{ period: '2026', value: 98 }],
      asOf: '2027-01-01',
    });
    expect(late.status).toBe('overdue');
  });

  it('= comparator holds exactly', () => {
    const r = computeProgress({
      baseline: { value: 1, period: '2024' },
      target: { value: 1, period: '2026', comparator: '=' },
      history: [{ period: '2025', value: 1 }],
      asOf: '2026-01-01',
    });
    expect(r.status).toBe('achieved');
  });
});

describe('no data', () => {
  it('no value after the baseline is no_data (the baseline value itself does not count)', () => {
    const r = computeProgress(yearly(null));
    expect(r.status).toBe('no_data');
    expect(r.current).toBeNull();
    expect(r.pace).toBeNull();
  });

  it('an empty history is no_data, and so is a value of a period before the baseline', () => {
    expect(computeProgress(yearly(0, { history: [] })).status).toBe('no_data');
    expect(computeProgress(yearly(0, { history: [{ period: '2023', value: 80 }] })).status).toBe('no_data');
  });

  it('a value of a period not yet ended at asOf does not count', () => {
    // 2025 ends 2025-12-31; on 2025-12-30 it has not ended
    expect(computeProgress(yearly(50, { asOf: '2025-12-30' })).status).toBe('no_data');
    expect(computeProgress(yearly(50, { asOf: '2025-12-31' })).status).toBe('on_track');
  });
});

describe('deadline', () => {
  // monthly: b = 40 at 2023M12, T = 100 by 2024M12
  const monthly = (values: Array<[string, number]>, asOf: string): ProgressInput => ({
    baseline: { value: 40, period: '2023M12' },
    target: { value: 100, period: '2024M12', comparator: '>=' },
    history: values.map(([period, value]) => ({ period, value })),
    asOf,
  });

  it('just passed (asOf = the last day of p1): not achieved → overdue', () => {
    const r = computeProgress(monthly([['2024M12', 95]], '2024-12-31'));
    expect(r.status).toBe('overdue');
    expect(r.current).toEqual({ value: 95, period: '2024M12' });
    // τ = 1 (366 of 366 days), r = 55/60
    expect(r.elapsed).toBe(1);
    expect(r.pace).toBeCloseTo(55 / 60, 9);
  });

  it('one day before the deadline it is judged by pace from the latest ended month', () => {
    // on 2024-12-30 only 2024M11 counts: τ = 335/366, r = (90 − 40)/60 = 0.8333…, pace = 0.9104 → at risk
    const r = computeProgress(
      monthly(
        [
          ['2024M11', 90],
          ['2024M12', 95],
        ],
        '2024-12-30',
      ),
    );
    expect(r.current).toEqual({ value: 90, period: '2024M11' });
    expect(r.elapsed).toBeCloseTo(335 / 366, 9);
    expect(r.pace).toBeCloseTo(50 / 60 / (335 / 366), 9);
    expect(r.status).toBe('at_risk');
  });

  it('achieved at the deadline stays achieved after it', () => {
    expect(computeProgress(monthly([['2024M12', 100]], '2025-06-30')).status).toBe('achieved');
  });

  it('values after the deadline do not count: met only in 2025 is still overdue', () => {
    const r = computeProgress(
      monthly(
        [
          ['2024M12', 95],
          ['2025M03', 100],
        ],
        '2025-06-30',
      ),
    );
    expect(r.status).toBe('overdue');
    expect(r.current?.period).toBe('2024M12');
  });

  it('a year deadline ends with its last month', () => {
    const r = computeProgress({
      ...monthly([['2024M12', 100]], '2024-12-31'),
      target: { value: 100, period: '2024', comparator: '>=' },
    });
    expect(r.status).toBe('achieved');
  });
});

describe('ratio indicators (percentages computed as Σnumerator/Σdenominator before)', () => {
  it('62.5% → 75% of a 90% target by mid-year is at risk', () => {
    // b = 62.5 at 2023M12, T = 90 at 2024M12, x = 75 at 2024M06
    // r = 12.5/27.5 = 0.4545…; τ = 182/366 = 0.4973; pace = 0.91409 → at risk
    const r = computeProgress({
      baseline: { value: 62.5, period: '2023M12' },
      target: { value: 90, period: '2024', comparator: '>=' },
      history: [{ period: '2024M06', value: 75 }],
      asOf: '2024-07-10',
    });
    expect(r.done).toBeCloseTo(12.5 / 27.5, 9);
    expect(r.elapsed).toBeCloseTo(182 / 366, 9);
    expect(r.pace).toBeCloseTo(12.5 / 27.5 / (182 / 366), 9);
    expect(r.pace).toBeCloseTo(0.914086, 5);
    expect(r.status).toBe('at_risk');
  });
});

describe('as of a date in the middle', () => {
  // 40 at 2023M12, then +5 a month: 45 (M01) … 100 (M12)
  const history = Array.from({ length: 12 }, (_, i) => ({
    period: `2024M${String(i + 1).padStart(2, '0')}`,
    value: 40 + 5 * (i + 1),
  }));
  const input = (asOf: string): ProgressInput => ({
    baseline: { value: 40, period: '2023M12' },
    target: { value: 100, period: '2024', comparator: '>=' },
    history,
    asOf,
  });

  it('uses the latest month ended on or before asOf', () => {
    // 2024-04-15: March counts (55), April not yet
    const r = computeProgress(input('2024-04-15'));
    expect(r.current).toEqual({ value: 55, period: '2024M03' });
    // r = 15/60 = 0.25; τ = 91/366; pace = 1.0055 → on track
    expect(r.pace).toBeCloseTo(0.25 / (91 / 366), 9);
    expect(r.status).toBe('on_track');
    expect(computeProgress(input('2024-04-30')).current).toEqual({ value: 60, period: '2024M04' });
    expect(computeProgress(input('2024-12-31')).status).toBe('achieved');
  });
});

describe('anticipated value (least-squares trend over the history)', () => {
  it('fits a line through days to period end and evaluates it at the end of p1', () => {
    expect(linearForecast([{ t: 0, y: 0 }], 10)).toBeNull();
    expect(
      linearForecast(
        [
          { t: 0, y: 1 },
          { t: 0, y: 2 },
        ],
        10,
      ),
    ).toBeNull();
    expect(
      linearForecast(
        [
          { t: 0, y: 0 },
          { t: 10, y: 5 },
        ],
        20,
      ),
    ).toBe(10);
    // least squares: (0,0), (1,1), (2,1) → slope 0.5, intercept 1/6; at 3: 1.6667
    expect(
      linearForecast(
        [
          { t: 0, y: 0 },
          { t: 1, y: 1 },
          { t: 2, y: 1 },
        ],
        3,
      ),
    ).toBeCloseTo(5 / 3, 12);
  });

  it('a value proportional to days elapsed forecasts exactly; and says whether it meets T', () => {
    // y = 80 × days since 2023-12-31 / 366, at the ends of Mar, Jun, Sep 2024 → 80 at 2024-12-31
    const start = dayNumber('2023-12-31');
    const pts = ['2024M03', '2024M06', '2024M09'].map((period, i) => {
      const end = ['2024-03-31', '2024-06-30', '2024-09-30'][i];
      return { period, value: (80 * (dayNumber(end) - start)) / 366 };
    });
    const r = computeProgress({
      baseline: { value: 0, period: '2023M12' },
      target: { value: 100, period: '2024', comparator: '>=' },
      history: pts,
      asOf: '2024-10-31',
    });
    expect(r.anticipated?.value).toBeCloseTo(80, 9);
    expect(r.anticipated?.meets).toBe(false);
    const r2 = computeProgress({
      baseline: { value: 0, period: '2023M12' },
      target: { value: 80, period: '2024', comparator: '>=' },
      history: pts,
      asOf: '2024-10-31',
    });
    expect(r2.anticipated?.meets).toBe(true);
    // the pace of a proportional path is r/τ = (80/80)… : x/80 over τ = 1 → on track
    expect(r2.pace).toBeCloseTo(1, 9);
  });

  it('includes the baseline as the first point; one value after it gives the line through both', () => {
    // (2024-12-31, 0) and (2025-12-31, 40) → at 2026-12-31: 80 (730 days, 365 → 40: slope 40/365)
    const r = computeProgress(yearly(40, { history: [{ period: '2025', value: 40 }] }));
    expect(r.anticipated?.value).toBeCloseTo(80, 9);
    expect(r.anticipated?.meets).toBe(false);
  });

  it('for a decreasing indicator meets means at or below T', () => {
    const r = computeProgress({
      baseline: { value: 20, period: '2024' },
      target: { value: 10, period: '2026', comparator: '<=' },
      history: [{ period: '2025', value: 14 }],
      asOf: '2026-01-01',
    });
    // line 20 → 14 over 365 days → 8 at 2026-12-31
    expect(r.anticipated?.value).toBeCloseTo(8, 9);
    expect(r.anticipated?.meets).toBe(true);
  });
});

describe('without a baseline value', () => {
  const input = (values: number[], T: number): ProgressInput => ({
    baseline: { value: null, period: '2024' },
    target: { value: T, period: '2026', comparator: '>=' },
    history: values.map((v, i) => ({ period: String(2025 + i), value: v })),
    asOf: '2026-12-31',
  });
  it('has no pace, and is judged by the anticipated value when not due', () => {
    const r = computeProgress({ ...input([5], 7), asOf: '2026-01-01' });
    expect(r.pace).toBeNull();
    expect(r.anticipated).toBeNull();
    expect(r.status).toBe('at_risk');
    expect(computeProgress(input([8], 7)).status).toBe('achieved');
    expect(computeProgress(input([5, 6], 7)).status).toBe('overdue');
  });
});

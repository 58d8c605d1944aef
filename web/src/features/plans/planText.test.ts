/** The review of a plan's text: rows from the server's proposals, the body of POST /api/targets, the highlighted pieces. */
import { describe, expect, it } from 'vitest';
import { type Extraction, pieces, resultRows, targetBody, targetRows } from './planText';

const TEXT = 'Mục tiêu:\nHồ sơ công việc đạt 90% ở cấp tỉnh, 60% cấp xã.\nĐến nay có hơn 580 tổ.';
const at = (sentence: [number, number], quote: string, from = sentence[0]) => {
  const q = TEXT.indexOf(quote, from);
  return { sentence, quote: [q, q + quote.length] };
};
const s2: [number, number] = [10, 56];
const s3: [number, number] = [57, TEXT.length];
const X: Extraction = {
  targets: [
    {
      subject: 'Hồ sơ công việc',
      value: 90,
      unit: '%',
      comparator: '>=',
      deadline: '2025',
      scope: 'province',
      sentence: TEXT.slice(...s2),
      indicator: 'HSCV_T',
      confidence: 0.8,
      at: at(s2, '90%'),
    },
    {
      subject: 'Hồ sơ công việc',
      value: 60,
      unit: '%',
      comparator: '>',
      deadline: null,
      scope: 'commune',
      sentence: TEXT.slice(...s2),
      indicator: 'HSCV_X',
      confidence: 0.8,
      at: at(s2, '60%'),
    },
  ],
  results: [
    {
      subject: 'tổ',
      value: 580,
      unit: 'tổ',
      comparator: '>',
      period: '2024',
      sentence: TEXT.slice(...s3),
      indicator: 'HSCV_X',
      confidence: 0.5,
      at: at(s3, 'hơn 580'),
    },
  ],
};

describe('plan text review', () => {
  it('makes editable rows: comparators the targets store, the plan end as default deadline, scopes', () => {
    const rows = targetRows(X, '2026');
    expect(rows.map((r) => [r.comparator, r.deadline, r.scope, r.accept])).toEqual([
      ['>=', '2025', 'plan', true],
      ['>=', '2026', 'commune', true],
    ]);
    expect(resultRows(X)[0]).toMatchObject({ accept: false, value: 580, period: '2024' });
  });

  it('builds the target body: level-wide for "cấp xã", the baseline from an accepted result of the same indicator', () => {
    const [province, commune] = targetRows(X, '2026');
    const results = resultRows(X);
    const plan = { code: 'KH1', scopeUnit: '74' };
    expect(targetBody(plan, province, results)).toMatchObject({
      plan: 'KH1',
      indicator: 'HSCV_T',
      orgUnit: '74',
      level: null,
      kind: null,
      baseline: { value: null },
      target: { value: 90, period: '2025', comparator: '>=' },
      responsiblePerson: null,
    });
    results[0].accept = true;
    expect(targetBody(plan, { ...commune, responsiblePerson: ' Chủ tịch xã ' }, results)).toMatchObject({
      level: 3,
      kind: 'commune',
      baseline: { value: 580, period: '2024' },
      target: { value: 60, period: '2026', comparator: '>=' },
      responsiblePerson: 'Chủ tịch xã',
    });
  });

  it('cuts the document into plain text, proposal sentences and marked quantities', () => {
    const p = pieces(TEXT, [
      { id: 't0', at: X.targets[0].at },
      { id: 't1', at: X.targets[1].at },
      { id: 'r0', at: X.results[0].at },
    ]);
    expect(p.map((x) => x.text).join('')).toBe(TEXT);
    expect(p.filter((x) => x.quote).map((x) => [x.quote, x.text])).toEqual([
      ['t0', '90%'],
      ['t1', '60%'],
      ['r0', 'hơn 580'],
    ]);
    expect(p[0]).toEqual({ text: 'Mục tiêu:\n', sentence: false, quote: null });
    expect(p.find((x) => x.text.startsWith('Hồ sơ'))?.sentence).toBe(true);
  });
});

/**
 * The benchmark's province: the org tree (real Bình Dương units from shared/data when present,
 * else synthetic), a catalogue of indicators mixing frequencies, value types and reporting
 * levels, and their values over 5 years (2020–2024), generated deterministically.
 */
import { existsSync, readFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import Papa from 'papaparse';

export const PROVINCE = '74';
export const YEARS = [2020, 2021, 2022, 2023, 2024];

export interface BenchUnit {
  code: string;
  name: string;
  type: string;
  level: number;
  parentCode: string | null;
  kind: 'province' | 'department' | 'district' | 'commune';
}

const DEPARTMENTS = [
  ['74-VPUBND', 'Văn phòng Ủy ban nhân dân tỉnh', 'Ngành'],
  ['74-STTTT', 'Sở Thông tin và Truyền thông', 'Sở'],
  ['74-SKHDT', 'Sở Kế hoạch và Đầu tư', 'Sở'],
  ['74-SYT', 'Sở Y tế', 'Sở'],
  ['74-SGDDT', 'Sở Giáo dục và Đào tạo', 'Sở'],
  ['74-SCT', 'Sở Công Thương', 'Sở'],
  ['74-STC', 'Sở Tài chính', 'Sở'],
  ['74-SNV', 'Sở Nội vụ', 'Sở'],
  ['74-SGTVT', 'Sở Giao thông vận tải', 'Sở'],
  ['74-SNNPTNT', 'Sở Nông nghiệp và Phát triển nông thôn', 'Sở'],
  ['74-STNMT', 'Sở Tài nguyên và Môi trường', 'Sở'],
  ['74-SXD', 'Sở Xây dựng', 'Sở'],
  ['74-SLDTBXH', 'Sở Lao động - Thương binh và Xã hội', 'Sở'],
  ['74-STP', 'Sở Tư pháp', 'Sở'],
  ['74-BQLKCN', 'Ban Quản lý các khu công nghiệp', 'Ban'],
];

const SHARED_UNITS = new URL('../../shared/data/vn-admin/units-2025-03.csv', import.meta.url).pathname;

/** Province 74, its districts and communes (real GSO list when available) and 15 departments. */
export function benchUnits(): { units: BenchUnit[]; source: 'gso' | 'synthetic' } {
  const units: BenchUnit[] = [];
  let source: 'gso' | 'synthetic' = 'synthetic';
  if (existsSync(SHARED_UNITS)) {
    const rows = Papa.parse<Record<string, string>>(
      readFileSync(SHARED_UNITS, 'utf8').replace(/^\ufeff/, ''),
      {
        header: true,
        skipEmptyLines: true,
        transform: (v) => v.trim(),
      },
    ).data;
    const province = rows.find((r) => r.code === PROVINCE && r.level === '1');
    const districts = rows.filter((r) => r.parent_code === PROVINCE && r.level === '2');
    const dset = new Set(districts.map((d) => d.code));
    const communes = rows.filter((r) => dset.has(r.parent_code) && r.level === '3');
    if (province && districts.length && communes.length) {
      source = 'gso';
      units.push({
        code: PROVINCE,
        name: province.name,
        type: province.type,
        level: 1,
        parentCode: null,
        kind: 'province',
      });
      for (const d of districts)
        units.push({
          code: d.code,
          name: d.name,
          type: d.type,
          level: 2,
          parentCode: PROVINCE,
          kind: 'district',
        });
      for (const c of communes)
        units.push({
          code: c.code,
          name: c.name,
          type: c.type,
          level: 3,
          parentCode: c.parent_code,
          kind: 'commune',
        });
    }
  }
  if (source === 'synthetic') {
    units.push({
      code: PROVINCE,
      name: 'Tỉnh mẫu',
      type: 'Tỉnh',
      level: 1,
      parentCode: null,
      kind: 'province',
    });
    for (let d = 1; d <= 9; d++) {
      const dc = `7${String(d).padStart(2, '0')}`;
      units.push({
        code: dc,
        name: `Huyện ${d}`,
        type: 'Huyện',
        level: 2,
        parentCode: PROVINCE,
        kind: 'district',
      });
      for (let c = 1; c <= 10; c++)
        units.push({
          code: `${dc}${String(c).padStart(2, '0')}`,
          name: `Xã ${d}.${c}`,
          type: 'Xã',
          level: 3,
          parentCode: dc,
          kind: 'commune',
        });
    }
  }
  for (const [code, name, type] of DEPARTMENTS)
    units.push({ code, name, type, level: 2, parentCode: PROVINCE, kind: 'department' });
  return { units, source };
}

export function unitsCsv(units: BenchUnit[]): string {
  return stringify([
    ['code', 'name', 'type', 'level', 'parent_code', 'kind'],
    ...units.map((u) => [u.code, u.name, u.type, u.level, u.parentCode ?? '', u.kind]),
  ]);
}

export type Frequency = 'month' | 'quarter' | 'year';
export type Kind = BenchUnit['kind'];

export interface BenchIndicator {
  code: string;
  name: string;
  valueType: 'count' | 'number' | 'ratio' | 'boolean';
  aggregation: 'sum' | 'average' | 'ratio' | 'min' | 'max';
  timeAggregation: 'sum' | 'last' | 'average';
  frequency: Frequency;
  kind: Kind;
  pillar: 'foundation' | 'government' | 'economy' | 'society';
}

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS: Kind[] = ['commune', 'district', 'department', 'province'];
const FREQS: Frequency[] = ['month', 'quarter', 'year'];
const TYPES: BenchIndicator['valueType'][] = ['count', 'ratio', 'number', 'boolean'];
const PILLARS: BenchIndicator['pillar'][] = ['foundation', 'government', 'economy', 'society'];

function pickWeighted<T>(r: number, items: Array<[T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r * total;
  for (const [v, w] of items) {
    x -= w;
    if (x < 0) return v;
  }
  return items[items.length - 1][0];
}

/**
 * `n` indicators. The first ones cover every (kind × frequency × type) combination so a tiny
 * run still exercises each path; the rest follow a province-like mix: ~30% province-level,
 * 20% departments, 25% districts, 25% communes; 40% monthly, 35% quarterly, 25% yearly.
 */
export function benchIndicators(n: number): BenchIndicator[] {
  const rnd = prng(20240601);
  const out: BenchIndicator[] = [];
  for (let i = 0; i < n; i++) {
    let kind: Kind;
    let frequency: Frequency;
    let valueType: BenchIndicator['valueType'];
    if (i < KINDS.length * FREQS.length) {
      kind = KINDS[i % KINDS.length];
      frequency = FREQS[Math.floor(i / KINDS.length) % FREQS.length];
      valueType = TYPES[i % 3];
    } else {
      kind = pickWeighted(rnd(), [
        ['province', 30],
        ['department', 20],
        ['district', 25],
        ['commune', 25],
      ]);
      frequency = pickWeighted(rnd(), [
        ['month', 40],
        ['quarter', 35],
        ['year', 25],
      ]);
      valueType = pickWeighted(rnd(), [
        ['count', 35],
        ['ratio', 35],
        ['number', 25],
        ['boolean', 5],
      ]);
    }
    if (valueType === 'boolean' && frequency === 'month') frequency = 'year';
    const variant = i % 3;
    const aggregation: BenchIndicator['aggregation'] =
      valueType === 'ratio'
        ? 'ratio'
        : valueType === 'boolean'
          ? 'min'
          : valueType === 'count'
            ? 'sum'
            : (['sum', 'average', 'max'] as const)[variant];
    const timeAggregation: BenchIndicator['timeAggregation'] =
      valueType === 'boolean'
        ? 'last'
        : valueType === 'number' && aggregation === 'average'
          ? 'average'
          : variant === 0
            ? 'sum'
            : 'last';
    const code = `B${String(i + 1).padStart(4, '0')}`;
    out.push({
      code,
      name: `Chỉ tiêu thử ${i + 1} (${kind}, ${frequency}, ${valueType})`,
      valueType,
      aggregation,
      timeAggregation,
      frequency,
      kind,
      pillar: PILLARS[i % PILLARS.length],
    });
  }
  return out;
}

export function indicatorsCsv(list: BenchIndicator[]): string {
  return stringify([
    [
      'code',
      'name',
      'value_type',
      'aggregation',
      'time_aggregation',
      'pillar',
      'frequency',
      'reporting_kinds',
    ],
    ...list.map((i) => [
      i.code,
      i.name,
      i.valueType,
      i.aggregation,
      i.timeAggregation,
      i.pillar,
      i.frequency,
      i.kind,
    ]),
  ]);
}

export function periodsOf(f: Frequency): string[] {
  const out: string[] = [];
  for (const y of YEARS) {
    if (f === 'year') out.push(String(y));
    else if (f === 'quarter') for (let q = 1; q <= 4; q++) out.push(`${y}Q${q}`);
    else for (let m = 1; m <= 12; m++) out.push(`${y}M${String(m).padStart(2, '0')}`);
  }
  return out;
}

export interface BenchValue {
  indicator: string;
  unit: string;
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** Every value: each indicator × each unit of its reporting kind × each period, ~3% missing. */
export function* benchValues(indicators: BenchIndicator[], units: BenchUnit[]): Generator<BenchValue> {
  const rnd = prng(74);
  const byKind = new Map<Kind, BenchUnit[]>();
  for (const u of units) byKind.set(u.kind, [...(byKind.get(u.kind) ?? []), u]);
  for (const ind of indicators) {
    const periods = periodsOf(ind.frequency);
    for (const u of byKind.get(ind.kind) ?? []) {
      for (const period of periods) {
        if (rnd() < 0.03) continue; // a unit that did not report
        if (ind.valueType === 'ratio') {
          const den = 50 + Math.floor(rnd() * 450);
          const num = Math.floor(rnd() * (den + 1));
          yield { indicator: ind.code, unit: u.code, period, value: null, numerator: num, denominator: den };
        } else if (ind.valueType === 'count') {
          yield {
            indicator: ind.code,
            unit: u.code,
            period,
            value: Math.floor(rnd() * 1000),
            numerator: null,
            denominator: null,
          };
        } else if (ind.valueType === 'boolean') {
          yield {
            indicator: ind.code,
            unit: u.code,
            period,
            value: rnd() < 0.7 ? 1 : 0,
            numerator: null,
            denominator: null,
          };
        } else {
          yield {
            indicator: ind.code,
            unit: u.code,
            period,
            value: Math.round(rnd() * 100000) / 100,
            numerator: null,
            denominator: null,
          };
        }
      }
    }
  }
}

const cell = (x: number | null) => (x === null ? '' : String(x));

/** The API's CSV body for a chunk of values. */
export function valuesCsv(rows: BenchValue[]): string {
  const lines = ['indicator,org_unit,period,value,numerator,denominator'];
  for (const r of rows)
    lines.push(
      `${r.indicator},${r.unit},${r.period},${cell(r.value)},${cell(r.numerator)},${cell(r.denominator)}`,
    );
  return `${lines.join('\n')}\n`;
}

/**
 * The national benchmark's data, generated deterministically: the real 2025-07 tree (34
 * provinces, 3,321 communes, from the shared vn-admin folder), 100 monthly count indicators and
 * 20 monthly ratios reported by communes, every month of 2021–2025 (~3% of cells missing):
 * 3,321 × 120 × 60 × 0.97 ≈ 23.2 M values.
 */
import { readFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { sharedPath } from '../src/test/shared.js';
import { prng } from './data.js';

export const NATIONAL_YEARS = [2021, 2022, 2023, 2024, 2025];
export const HCMC = '79';
export const COUNTS = 100;
export const RATIOS = 20;

export interface NationalIndicator {
  code: string;
  ratio: boolean;
}

/** The 2025-07 units file, or null when the shared folder is absent. */
export function nationalUnitsFile(): string | null {
  return sharedPath('data/vn-admin/units-2025-07.csv');
}

export function nationalUnitsCsv(): Buffer {
  const path = nationalUnitsFile();
  if (!path) throw new Error('the national benchmark needs ../shared/data/vn-admin/units-2025-07.csv');
  return readFileSync(path);
}

/** `counts` count indicators N001… and `ratios` ratio indicators R01… (a smaller run: fewer). */
export function nationalIndicators(counts = COUNTS, ratios = RATIOS): NationalIndicator[] {
  return [
    ...Array.from({ length: counts }, (_, i) => ({
      code: `N${String(i + 1).padStart(3, '0')}`,
      ratio: false,
    })),
    ...Array.from({ length: ratios }, (_, i) => ({
      code: `R${String(i + 1).padStart(2, '0')}`,
      ratio: true,
    })),
  ];
}

export function nationalIndicatorsCsv(list: NationalIndicator[]): string {
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
    ...list.map((i, k) => [
      i.code,
      i.ratio ? `Tỷ lệ quốc gia ${k + 1}` : `Số lượng quốc gia ${k + 1}`,
      i.ratio ? 'ratio' : 'count',
      i.ratio ? 'ratio' : 'sum',
      'sum',
      (['foundation', 'government', 'economy', 'society'] as const)[k % 4],
      'month',
      'commune',
    ]),
  ]);
}

/** Month period ids of a year ((year*100 + month)*10 + 4). */
export function monthIds(year: number): number[] {
  return Array.from({ length: 12 }, (_, m) => (year * 100 + m + 1) * 10 + 4);
}

export interface NationalIds {
  /** indicator id, and whether it is a ratio */
  indicators: Array<{ id: number; ratio: boolean }>;
  /** communes: unit id and province id */
  communes: Array<{ id: number; province: number }>;
}

/**
 * The fixture as COPY CSV text for data_value (province_id, indicator_id, period_id, org_unit_id,
 * value, numerator, denominator), in chunks of about `chunkRows` rows. Deterministic: the same
 * ids give the same text.
 */
export function* nationalCopyChunks(ids: NationalIds, years: number[], chunkRows: number): Generator<string> {
  const rnd = prng(2025_07);
  const periods = years.flatMap(monthIds);
  let lines: string[] = [];
  for (const ind of ids.indicators) {
    for (const u of ids.communes) {
      const head = `${u.province},${ind.id},`;
      const tail = `,${u.id},`;
      for (const p of periods) {
        if (rnd() < 0.03) continue;
        if (ind.ratio) {
          const den = 50 + Math.floor(rnd() * 450);
          lines.push(`${head}${p}${tail},${Math.floor(rnd() * (den + 1))},${den}`);
        } else lines.push(`${head}${p}${tail}${Math.floor(rnd() * 1000)},,`);
      }
      if (lines.length >= chunkRows) {
        yield `${lines.join('\n')}\n`;
        lines = [];
      }
    }
  }
  if (lines.length) yield `${lines.join('\n')}\n`;
}

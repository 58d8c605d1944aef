/**
 * Dates and periods in Vietnamese text, read as chiso period codes (src/domain/period.ts):
 * "đến năm 2025" → 2025, "giai đoạn 2023-2025" → 2025 (the end: a deadline), "quý IV-2024" → 2024Q4,
 * "6 tháng đầu năm 2023" → 2023S1, "9 tháng năm 2024" → 2024N9, "tháng 6/2024" → 2024M06,
 * "trước ngày 30-6-2023" → 2023M06. Also clock times ("09:11:30"), which are only masked.
 */

export interface DateToken {
  start: number;
  end: number;
  /** A period code, or null for what is only masked (a clock time, "6 tháng đầu năm" with no year). */
  period: string | null;
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const YEAR = '((?:19|20)\\d{2})';
const quarterOf = (q: string) => ROMAN[q] ?? Number(q);
const pad2 = (n: number) => String(n).padStart(2, '0');

const PATTERNS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => string | null]> = [
  // 30-6-2023, 30/06/2023, ngày 30 tháng 6 năm 2023
  [
    new RegExp(`(?:ngày\\s+)?(\\d{1,2})\\s*[-/.]\\s*(\\d{1,2})\\s*[-/.]\\s*${YEAR}(?!\\d)`, 'gu'),
    (m) => monthPeriod(m[3], m[2], m[1]),
  ],
  [
    new RegExp(`ngày\\s+(\\d{1,2})\\s+tháng\\s+(\\d{1,2})\\s+năm\\s+${YEAR}`, 'gu'),
    (m) => monthPeriod(m[3], m[2], m[1]),
  ],
  // quý IV-2024, quý 4/2024, quý IV năm 2024
  [
    new RegExp(`quý\\s+(iv|iii|ii|i|[1-4])(?![\\p{L}])\\s*(?:[-/]\\s*|năm\\s+|,\\s*năm\\s+)?${YEAR}?`, 'gu'),
    (m) => (m[2] ? `${m[2]}Q${quarterOf(m[1])}` : null),
  ],
  // 6 tháng đầu năm 2023, 6 tháng cuối năm, 9 tháng năm 2024
  [
    new RegExp(`(6|sáu|9|chín)\\s+tháng\\s*(đầu|cuối)?\\s*(?:năm)?\\s*${YEAR}?`, 'gu'),
    (m) => {
      if (!m[3]) return null;
      if (m[1] === '9' || m[1] === 'chín') return `${m[3]}N9`;
      return `${m[3]}S${m[2] === 'cuối' ? 2 : 1}`;
    },
  ],
  // tháng 6/2024, tháng 6 năm 2024
  [new RegExp(`tháng\\s+(\\d{1,2})\\s*(?:[-/]\\s*|năm\\s+)${YEAR}`, 'gu'), (m) => monthPeriod(m[2], m[1])],
  // 2023-2025, 2021 – 2025, 2023 đến 2025: the end year
  [
    new RegExp(`${YEAR}\\s*(?:[-–—]|đến(?:\\s+năm)?)\\s*${YEAR}(?!\\d)`, 'gu'),
    (m) => (Number(m[2]) >= Number(m[1]) ? m[2] : null),
  ],
  // a lone year: năm 2025, đến 2030, Net-zero 2050 (no thousands mark, no % after)
  [
    new RegExp(`(?<![\\d.,/])${YEAR}(?![\\d.,]\\d|\\s*%|\\s*(?:triệu|tỷ|nghìn|ngàn))(?!\\d)`, 'gu'),
    (m) => m[1],
  ],
  // clock times 09:11:30
  [/(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)/gu, () => null],
];

function monthPeriod(year: string, month: string, day?: string): string | null {
  const m = Number(month);
  if (m < 1 || m > 12) return null;
  if (day !== undefined && (Number(day) < 1 || Number(day) > 31)) return null;
  return `${year}M${pad2(m)}`;
}

/** Every date expression in `text`, left to right, none overlapping (earlier patterns win). */
export function readDates(text: string): DateToken[] {
  const lower = text.toLowerCase();
  const taken: DateToken[] = [];
  for (const [re, read] of PATTERNS) {
    re.lastIndex = 0;
    for (const m of lower.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (taken.some((t) => start < t.end && end > t.start)) continue;
      taken.push({ start, end, period: read(m as RegExpExecArray) });
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

/** `text` with every date replaced by spaces (offsets keep their place). */
export function maskDates(text: string, dates: DateToken[]): string {
  let out = text;
  for (const d of dates) out = out.slice(0, d.start) + ' '.repeat(d.end - d.start) + out.slice(d.end);
  return out;
}

/** The year of a period code ("2024Q4" → 2024). */
export function yearOf(period: string): number {
  return Number(period.slice(0, 4));
}

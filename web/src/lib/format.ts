/**
 * Number and date formatting with Intl: Vietnamese "80,2%", "1.039"; English "80.2%", "1,039".
 * Dates are day/month/year in both languages ("30/06/2025").
 */
import type { Lang } from './period';
import { unitLabel } from './units';

const numberFormats = new Map<string, Intl.NumberFormat>();

export function localeOf(lang: Lang | string): string {
  return lang === 'en' ? 'en-US' : 'vi-VN';
}

function nf(lang: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(localeOf(lang), options);
    numberFormats.set(key, f);
  }
  return f;
}

/** 1039 → "1.039" (vi) / "1,039" (en). Up to `decimals` fraction digits (default 2). */
export function formatNumber(value: number | null | undefined, lang: Lang | string, decimals = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return nf(lang, { maximumFractionDigits: decimals, minimumFractionDigits: 0 }).format(value);
}

/** A value already in percent (80.2) → "80,2%" / "80.2%". */
export function formatPercent(value: number | null | undefined, lang: Lang | string, decimals = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return nf(lang, { style: 'percent', maximumFractionDigits: decimals, minimumFractionDigits: 0 }).format(
    value / 100,
  );
}

/** A fraction (0.802) → "80,2%". */
export function formatShare(value: number | null | undefined, lang: Lang | string, decimals = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return formatPercent(value * 100, lang, decimals);
}

/** Compact numbers for axes: 1.2 Tr / 1.2M. */
export function formatCompact(value: number, lang: Lang | string): string {
  return nf(lang, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** A signed change: "+2,5" / "−1.039". */
export function formatChange(value: number | null | undefined, lang: Lang | string, decimals = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const text = formatNumber(Math.abs(value), lang, decimals);
  if (value > 0) return `+${text}`;
  if (value < 0) return `−${text}`;
  return text;
}

export interface ValueShape {
  unit?: string | null;
  valueType?: string | null;
  decimals?: number | null;
}

/**
 * An indicator value with its unit: "80,2%", "1.039 doanh nghiệp", "Có"/"Yes" for milestones.
 * `yesNo` gives the translated words for boolean indicators.
 */
export function formatValue(
  value: number | null | undefined,
  shape: ValueShape,
  lang: Lang | string,
  yesNo?: [string, string],
): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (shape.valueType === 'boolean') return value >= 0.5 ? (yesNo?.[0] ?? '✓') : (yesNo?.[1] ?? '✗');
  const decimals = shape.decimals ?? (shape.valueType === 'count' ? 0 : shape.unit === '%' ? 1 : 2);
  if (shape.unit === '%') return formatPercent(value, lang, decimals);
  const n = formatNumber(value, lang, decimals);
  return shape.unit ? `${n} ${unitLabel(shape.unit, lang)}` : n;
}

/** 30/06/2025 in both languages. Accepts ISO dates or timestamps. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const d = typeof value === 'string' ? parseDate(value) : value;
  if (!d || Number.isNaN(d.getTime())) return typeof value === 'string' ? value : '—';
  return new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}

/** 30/06/2025 14:05 in both languages. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const d = typeof value === 'string' ? parseDate(value) : value;
  if (!d || Number.isNaN(d.getTime())) return typeof value === 'string' ? value : '—';
  const time = new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', hour12: false }).format(
    d,
  );
  return `${formatDate(d)} ${time}`;
}

function parseDate(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The entry grid's model: a draft of a cell, a problem shown on the grid, number formats, cell names, local checks. */
import type { TFunction } from 'i18next';
import { formatNumber } from '../../lib/format';
import type { EntryItem } from './types';

export interface Draft {
  value?: number | null;
  numerator?: number | null;
  denominator?: number | null;
  comment?: string | null;
}

/** A problem shown on the grid: which indicator, which part, the message naming the cell. */
export interface Issue {
  indicator: string;
  part?: 'value' | 'numerator' | 'denominator';
  importance: 'error' | 'warning';
  message: string;
}

/** InputNumber shows "21.613,5" in Vietnamese and "21,613.5" in English, and reads what it shows. */
export function numberFormat(lang: string) {
  const group = lang === 'en' ? ',' : '.';
  const decimal = lang === 'en' ? '.' : ',';
  return {
    formatter: (value: string | number | undefined, info: { userTyping: boolean; input: string }) => {
      if (info.userTyping) return info.input;
      if (value === undefined || value === null || value === '') return '';
      const n = Number(value);
      return Number.isFinite(n) ? formatNumber(n, lang, 6) : String(value);
    },
    parser: (text: string | undefined) => {
      if (!text) return '';
      const plain = text.split(group).join('').replace(decimal, '.').replace(/\s/g, '');
      return plain;
    },
  };
}

export function cellLabel(
  item: EntryItem | undefined,
  part: Issue['part'],
  lang: string,
  t: (k: string) => string,
) {
  const name = item ? (lang === 'en' && item.nameEn ? item.nameEn : item.name) : '';
  if (part === 'numerator') return `${name} – ${t('rep.numerator').toLowerCase()}`;
  if (part === 'denominator') return `${name} – ${t('rep.denominator').toLowerCase()}`;
  return name;
}

/** Checks a browser can make before asking the server: each names its cell. */
export function localIssues(
  list: EntryItem[],
  effective: (i: EntryItem) => Draft,
  named: (code: string, part: Issue['part'], text: string) => string,
  t: TFunction,
  lang: string,
): Issue[] {
  const raw: Issue[] = [];
  const out = { push: (x: Issue) => raw.push({ ...x, message: named(x.indicator, x.part, x.message) }) };
  for (const i of list) {
    const e = effective(i);
    if (i.valueType === 'ratio') {
      const hasN = e.numerator !== null && e.numerator !== undefined;
      const hasD = e.denominator !== null && e.denominator !== undefined;
      if (hasN !== hasD)
        out.push({
          indicator: i.indicator,
          part: hasN ? 'denominator' : 'numerator',
          importance: 'error',
          message: t('rep.bothParts'),
        });
      else if (hasN && hasD) {
        if ((e.denominator as number) <= 0)
          out.push({
            indicator: i.indicator,
            part: 'denominator',
            importance: 'error',
            message: t('rep.denZero'),
          });
        else if ((e.numerator as number) > (e.denominator as number))
          out.push({
            indicator: i.indicator,
            part: 'numerator',
            importance: 'error',
            message: t('rep.numGtDen', {
              num: formatNumber(e.numerator, lang),
              den: formatNumber(e.denominator, lang),
            }),
          });
        else if ((e.numerator as number) < 0)
          out.push({
            indicator: i.indicator,
            part: 'numerator',
            importance: 'error',
            message: t('rep.negative'),
          });
      }
    } else if (i.valueType === 'count' && typeof e.value === 'number') {
      const whole = wholeNumberIssue(i, e.value, t, lang);
      if (whole) out.push(whole);
      else if (e.value < 0)
        out.push({ indicator: i.indicator, part: 'value', importance: 'error', message: t('rep.negative') });
    }
  }
  return raw;
}

/**
 * A count takes whole numbers only: "80,2" typed into a count cell is refused with a message (never
 * rounded or cut to 80 behind the user's back).
 */
export function wholeNumberIssue(
  item: Pick<EntryItem, 'indicator' | 'valueType'> | undefined,
  value: number | null | undefined,
  t: (k: string, o?: Record<string, unknown>) => string,
  lang: string,
): Issue | null {
  if (!item || item.valueType !== 'count' || typeof value !== 'number' || Number.isInteger(value))
    return null;
  return {
    indicator: item.indicator,
    part: 'value',
    importance: 'error',
    message: t('rep.wholeNumber', { value: formatNumber(value, lang, 6) }),
  };
}

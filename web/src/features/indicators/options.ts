/** Option lists of the indicator catalogue vocabulary, translated. */
import type { TFunction } from 'i18next';

export const FREQUENCIES = ['day', 'week', 'month', 'quarter', 'half', 'nine_months', 'year'] as const;
export const VALUE_TYPES = ['number', 'count', 'ratio', 'boolean'] as const;
export const AGGREGATIONS = ['sum', 'average', 'ratio', 'min', 'max', 'none'] as const;
export const TIME_AGGREGATIONS = ['sum', 'last', 'average'] as const;
export const POLARITIES = ['higher', 'lower'] as const;
export const UNIT_KINDS = [
  'province',
  'district',
  'commune',
  'hamlet',
  'department',
  'agency',
  'community_team',
] as const;

export function optionsOf(values: readonly string[], t: TFunction, prefix: string) {
  return values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
}

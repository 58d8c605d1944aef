/** Shared data hooks (react-query) and small UI hooks. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api, hasSessionHint, setCsrfToken, setSessionHint } from './api';
import { type Lang, todayIso } from './period';
import type { Indicator, Me, Named, OrgUnit, OrgUnitDetail, Page } from './types';

export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language?.startsWith('en') ? 'en' : 'vi';
}

/** Picks the name in the UI language: `nameEn` in English when there is one. */
export function useLocalName(): (x: { name: string; nameEn?: string | null } | undefined | null) => string {
  const lang = useLang();
  return (x) => (x ? (lang === 'en' && x.nameEn ? x.nameEn : x.name) : '');
}

/** The session: `null` when nobody is logged in. */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async (): Promise<Me | null> => {
      if (!hasSessionHint()) return null;
      try {
        const me = await api<Me>('/me', { allow401: true });
        setCsrfToken(me.csrfToken);
        setSessionHint(true);
        return me;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 5 * 60_000,
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
  });
}

export function usePillars() {
  return useQuery({
    queryKey: ['pillars'],
    queryFn: () => api<{ items: Named[] }>('/pillars'),
    staleTime: 30 * 60_000,
    select: (d) => d.items,
  });
}

export function useFields() {
  return useQuery({
    queryKey: ['fields'],
    queryFn: () => api<{ items: Named[] }>('/fields'),
    staleTime: 30 * 60_000,
    select: (d) => d.items,
  });
}

/**
 * One unit with its neighbourhood; `asOf` (YYYY-MM-DD) picks the version valid on that date. Today is not
 * sent: the server then answers today's version, or the most recent one of a closed code (an old link
 * to a closed unit still opens it).
 */
export function useOrgUnit(code: string | null | undefined, asOf?: string) {
  const date = asOf && asOf !== todayIso() ? asOf : undefined;
  return useQuery({
    queryKey: date ? ['org-unit', code, date] : ['org-unit', code],
    queryFn: () => api<OrgUnitDetail>(`/org-units/${encodeURIComponent(code!)}`, { query: { asOf: date } }),
    enabled: !!code,
    staleTime: 5 * 60_000,
  });
}

export function useOrgUnits(query: Record<string, string | number | undefined>, enabled = true) {
  return useQuery({
    queryKey: ['org-units', query],
    queryFn: () => api<Page<OrgUnit>>('/org-units', { query }),
    enabled,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

export function useIndicator(code: string | null | undefined) {
  return useQuery({
    queryKey: ['indicator', code],
    queryFn: () => api<Indicator>(`/indicators/${encodeURIComponent(code!)}`),
    enabled: !!code,
    staleTime: 60_000,
  });
}

/** Maps of pillar and field codes to names in the UI language. */
export function useCatalogNames(): {
  pillar: (code: string | null | undefined) => string;
  field: (code: string | null | undefined) => string;
} {
  const pillars = usePillars();
  const fields = useFields();
  const localName = useLocalName();
  const { t } = useTranslation();
  const byCode = (items: Named[] | undefined, code: string | null | undefined, words?: string) => {
    if (!code || code === 'other') return t('common.other');
    const hit = items?.find((x) => x.code === code);
    // a pillar stored without an English name takes the app's own words for it
    if (words && (!hit || !hit.nameEn)) {
      const own = t(`${words}.${code}`, { defaultValue: '' });
      if (own) return own;
    }
    return hit ? localName(hit) : code;
  };
  return { pillar: (c) => byCode(pillars.data, c, 'pillar'), field: (c) => byCode(fields.data, c) };
}

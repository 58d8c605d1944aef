/** Server-side messages in Vietnamese (default) and English, through i18next. */
import i18next from 'i18next';
import { en } from './en.js';
import { vi } from './vi.js';

export type Lang = 'vi' | 'en';
export type MessageKey = keyof typeof vi;

const i18n = i18next.createInstance();
void i18n.init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: 'vi',
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  initAsync: false,
});

/**
 * Feature modules add their own messages (keys prefixed by the feature, e.g. `plans.*`) and
 * translate them with `tx`; the core keys stay typed through `t`.
 */
export function registerMessages(viMessages: Record<string, string>, enMessages: Record<string, string>) {
  i18n.addResourceBundle('vi', 'translation', viMessages, true, true);
  i18n.addResourceBundle('en', 'translation', enMessages, true, true);
}

export function tx(lang: Lang, key: string, params: Record<string, unknown> = {}): string {
  return i18n.t(key, { lng: lang, ...params });
}

export function t(lang: Lang, key: MessageKey, params: Record<string, unknown> = {}): string {
  return i18n.t(key, { lng: lang, ...params });
}

/** `Accept-Language: en-US,en;q=0.9` → en; anything else → vi. */
export function langFrom(header: string | undefined): Lang {
  if (!header) return 'vi';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}

/**
 * A request's language: a `lang=vi|en` in its query string first (read from the URL itself, so it
 * counts on every route, declared or not, and for errors raised before or during validation), then
 * Accept-Language.
 */
export function langOfRequest(url: string | undefined, acceptLanguage: string | undefined): Lang {
  const i = url?.indexOf('?') ?? -1;
  if (url && i >= 0) {
    const q = new URLSearchParams(url.slice(i + 1)).get('lang');
    if (q === 'vi' || q === 'en') return q;
  }
  return langFrom(acceptLanguage);
}

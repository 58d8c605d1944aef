/**
 * Error translation: message keys and their parameters (AppError, RowError, details) → text in the
 * request's language. Used by the HTTP error handler (src/server/plugins/errors.ts), by routes and
 * services that report row errors, and by the CLI.
 */
import type { RowError } from '../errors.js';
import { type Lang, type MessageKey, t } from './index.js';

export function translateRowErrors(lang: Lang, errors: RowError[]) {
  return errors.map((e) => ({
    row: e.row,
    field: e.field,
    rule: e.rule.replace(/^rule\./, ''),
    message: `${e.field}: ${t(lang, e.rule, translateParams(lang, e.params ?? {}))}`,
  }));
}

/** `…Key` params become their translation (without the suffix); `…Keys` lists, joined by `; `. */
export function translateParams(lang: Lang, params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...params };
  for (const [k, v] of Object.entries(params)) {
    if (k.endsWith('Key') && typeof v === 'string') out[k.slice(0, -3)] = t(lang, v as MessageKey);
    // a list of message keys → their translations joined (e.g. the rules a password breaks)
    if (k.endsWith('Keys') && Array.isArray(v))
      out[k.slice(0, -4)] = v.map((x) => t(lang, String(x) as MessageKey)).join('; ');
  }
  return out;
}

/** Details may carry a `messageKey` (and `params`): translated into `message` here. */
export function translateDetails(lang: Lang, details: unknown[]): unknown[] {
  return details.map((d) => {
    if (!d || typeof d !== 'object' || !('messageKey' in d)) return d;
    const { messageKey, params, ...rest } = d as {
      messageKey: string;
      params?: Record<string, unknown>;
    };
    return { ...rest, message: t(lang, messageKey as MessageKey, translateParams(lang, params ?? {})) };
  });
}

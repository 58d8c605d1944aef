/**
 * Shared zod pieces for inputs, so that every route and service reads ids, dates and links the
 * same strict way (bad input → 400, never a database error → 500):
 * - ids: decimal digits only, 1..2147483647 (an int4 column); no hex, exponent, sign or spaces;
 * - dates: `YYYY-MM-DD` that exist on the calendar (no 2024-02-30, no trailing text);
 * - datetimes: ISO 8601 with seconds and an offset (`Z` or `+07:00`);
 * - links: http(s) URLs only (no `javascript:`, `data:` …).
 */
import { z } from 'zod';

/** The largest value of a PostgreSQL `integer` (serial ids). */
export const MAX_INT4 = 2147483647;

/** An id in a path or query string: `^[1-9][0-9]*$`, at most 2147483647 → a number. */
export const idParam = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, 'a positive decimal integer')
  .pipe(z.coerce.number<string>().int().max(MAX_INT4));

/** `{ id }` path parameters. */
export const idParams = z.object({ id: idParam });

/** An id inside a JSON body. */
export const idValue = z.number().int().min(1).max(MAX_INT4);

/** PostgreSQL has no year 0. */
const notYearZero = (s: string) => !s.startsWith('0000');

/** A calendar date `YYYY-MM-DD` (leading/trailing spaces trimmed). */
export const isoDate = z.string().trim().pipe(z.iso.date('YYYY-MM-DD').refine(notYearZero, 'YYYY-MM-DD'));

/** An ISO 8601 date-time with an offset: `2025-01-31T17:00:00Z`, `2025-02-01T00:00:00+07:00`. */
/**
 * The date a restructuring takes effect: a real date within Vietnam's administrative history
 * (from 1945-09-02) and not beyond 2100, so a typo such as 1925 for 2025 cannot close the history.
 */
export const effectiveDate = isoDate.refine((d) => d >= '1945-09-02' && d <= '2100-12-31', {
  message: 'an effective date between 1945-09-02 and 2100-12-31',
});

export const isoDateTime = z
  .string()
  .trim()
  .pipe(
    z.iso
      .datetime({ offset: true, message: 'YYYY-MM-DDTHH:MM:SS(.sss)Z or ±HH:MM' })
      .refine(notYearZero, 'YYYY-MM-DDTHH:MM:SSZ'),
  );

/** A date or a date-time (as above). */
export const isoDateOrDateTime = z.union([isoDate, isoDateTime]);

/** A date (its midnight UTC) or a date-time strictly after now. */
export function isFuture(s: string): boolean {
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
  return Number.isFinite(t) && t > Date.now();
}

/** True for an absolute http: or https: URL. */
export function isHttpUrl(s: string): boolean {
  if (!/^https?:\/\//i.test(s)) return false;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** A link a browser may open: http(s) only. */
export const httpUrl = (max = 2000) =>
  z.string().trim().max(max).refine(isHttpUrl, 'only http:// or https:// links are allowed');

/** A document's or download's language: the app's (the web app sends it, as a link cannot send headers), else Accept-Language. */
export const langParam = z
  .enum(['vi', 'en'])
  .optional()
  .describe('Language of the document or file (vi default, en)');

/** Errors the API returns: `{"error": {"code", "message", "details"}}`, message in the request's language. */
import type { MessageKey } from './i18n/index.js';

export interface RowError {
  row: number;
  /** The column or field: `value`, `org_unit`, `period`… */
  field: string;
  rule: MessageKey;
  params?: Record<string, unknown>;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly params: Record<string, unknown> = {},
    readonly details: unknown[] = [],
  ) {
    super(`${code}: ${messageKey}`);
  }
}

export const notFound = (
  what: 'word.indicator' | 'word.org_unit' | 'word.user' | 'word.token' | 'word.notification',
  key: string,
) => new AppError(404, 'not_found', 'error.not_found', { whatKey: what, key });
export const forbidden = (unit?: string) =>
  unit
    ? new AppError(403, 'forbidden', 'error.forbidden_unit', { unit })
    : new AppError(403, 'forbidden', 'error.forbidden');
export const unauthorized = () => new AppError(401, 'unauthorized', 'error.unauthorized');
export const badRequest = (
  messageKey: MessageKey,
  params: Record<string, unknown> = {},
  details: unknown[] = [],
) => new AppError(400, 'bad_request', messageKey, params, details);
export const conflict = (
  what: 'word.indicator' | 'word.org_unit' | 'word.user' | 'word.review',
  key: string,
) => new AppError(409, 'conflict', 'error.conflict', { whatKey: what, key });

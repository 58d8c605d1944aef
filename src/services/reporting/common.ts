/** Periodic reporting: small helpers shared by forms.ts, entry.ts and timeliness.ts. */
import { vietnamDate } from '../../domain/reporting.js';
import { AppError } from '../../errors.js';
import '../reportingMessages.js';

export const k = (key: string) => key as never;

export const invalidForm = (reason: string) =>
  new AppError(400, 'bad_request', k('reporting.form_invalid'), { reason }, [{ message: reason }]);

export const today = () => vietnamDate(new Date());
export const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

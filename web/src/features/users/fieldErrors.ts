import type { FormInstance } from 'antd';
import { ApiError, detailField } from '../../lib/api';

/** Puts the server's validation details onto the form's fields; returns false when none matched. */
export function applyFieldErrors(
  form: FormInstance,
  err: unknown,
  map: Record<string, string> = {},
): boolean {
  if (!(err instanceof ApiError)) return false;
  const registered = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const byField = new Map<string, string[]>();
  for (const d of err.details) {
    const raw = detailField(d);
    const f = raw ? (map[raw] ?? raw) : undefined;
    if (!f || !registered.has(f)) continue;
    byField.set(f, [...(byField.get(f) ?? []), d.message ?? err.message]);
  }
  if (byField.size === 0) return false;
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return true;
}

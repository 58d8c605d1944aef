/**
 * The one mapper from the API's error shape `{"error":{code,message,details:[{field|row|column|path, message}]}}`
 * onto an antd form: each detail that names a field of the form goes onto that field (form.setFields);
 * what is left (no detail matched, details naming no field of the form, a network error) is a toast.
 */
import { ApiError, type ApiErrorDetail, detailField, errorMessage } from './api';

type NamePath = Array<string | number>;

/** The part of antd's FormInstance the mapper uses (any FormInstance fits). */
export interface FieldErrorTarget {
  getFieldsError(): Array<{ name: NamePath }>;
  // biome-ignore lint/suspicious/noExplicitAny: antd's setFields is typed per form values
  setFields(fields: any[]): void;
}

/** A form whose fields' errors can be read. */
type FormLike = {
  getFieldsError(): Array<{ name: NamePath; errors: string[] }>;
  setFields: FieldErrorTarget['setFields'];
};

export interface ServerErrorOptions {
  /**
   * Where a detail goes: a server field name (dot path, e.g. `orgUnit`, `grants.0.orgUnit`) → the form's
   * field name, or a function of the detail giving the form's name path (or undefined to leave it).
   */
  map?:
    | Record<string, string>
    | ((field: string | undefined, detail: ApiErrorDetail) => NamePath | undefined);
  /** Shows what no field shows (e.g. antd's `message.error`); without it the caller shows `result.message`. */
  toast?: (text: string) => void;
}

export interface ServerErrorResult {
  /** How many details went onto fields. */
  mapped: number;
  /** The message for the rest: the error's message, or the details no field took. */
  message: string;
  /** Details no field of the form took. */
  rest: ApiErrorDetail[];
}

const registeredOf = (form: FieldErrorTarget) =>
  new Set(form.getFieldsError().map((f) => f.name.map(String).join('.')));

/**
 * The form's field for a server field name: the name itself, else without list indexes, else its
 * shorter prefixes (`cooperatingUnits.0` → `cooperatingUnits`), else its last segment (`body.name` → `name`).
 */
function fieldFor(raw: string, registered: Set<string>): NamePath | undefined {
  const parts = raw.split('.').filter(Boolean);
  const candidates: string[][] = [parts, parts.filter((s) => !/^\d+$/.test(s))];
  const named = candidates[1];
  for (let n = named.length - 1; n > 0; n--) candidates.push(named.slice(0, n));
  if (named.length) candidates.push([named[named.length - 1]]);
  for (const c of candidates) {
    if (c.length && registered.has(c.join('.'))) return c.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  }
  return undefined;
}

/** A detail's message without a leading "field: " naming the field again. */
function messageOf(d: ApiErrorDetail, raw: string | undefined, fallback: string): string {
  const m = d.message ?? fallback;
  if (raw && m.startsWith(`${raw}: `)) return m.slice(raw.length + 2);
  return m || fallback;
}

/** Maps a thrown error onto the form's fields; toasts (or returns as `message`) the rest. */
export function applyServerErrors(
  form: FieldErrorTarget,
  err: unknown,
  options: ServerErrorOptions = {},
): ServerErrorResult {
  const fallback = errorMessage(err);
  if (!(err instanceof ApiError) || !err.details.length) {
    options.toast?.(fallback);
    return { mapped: 0, message: fallback, rest: [] };
  }
  const registered = registeredOf(form);
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const rest: ApiErrorDetail[] = [];
  for (const d of err.details) {
    const raw = detailField(d);
    let name: NamePath | undefined;
    if (typeof options.map === 'function') name = options.map(raw, d);
    else if (raw) name = fieldFor(options.map?.[raw] ?? raw, registered);
    if (!name || !registered.has(name.map(String).join('.'))) {
      rest.push(d);
      continue;
    }
    const key = name.map(String).join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(messageOf(d, raw, err.message));
    byField.set(key, entry);
  }
  if (byField.size) form.setFields([...byField.values()]);
  const message =
    byField.size && rest.length && rest.every((d) => d.message)
      ? rest.map((d) => d.message).join('; ')
      : fallback;
  if (options.toast && (!byField.size || rest.length)) options.toast(message);
  return { mapped: byField.size, message, rest };
}

/** Clears the errors shown on the form's fields (before a new try). */
export function clearServerErrors(form: FormLike) {
  form.setFields(
    form
      .getFieldsError()
      .filter((f) => f.errors.length)
      .map((f) => ({ name: f.name, errors: [] })),
  );
}

/** Small validators shared by the import services. Errors are structured; the HTTP layer translates them. */
import type { MessageKey } from '../i18n/index.js';

export interface FieldProblem {
  rule: MessageKey;
  params?: Record<string, unknown>;
}

export const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Parses a number written by a person: `80.2`, `80,2` (Vietnamese decimal comma), `1.039` is NOT accepted as 1039. */
export function parseNumber(raw: string): number | null | FieldProblem {
  const s = raw.trim();
  if (s === '') return null;
  const normal = /^-?\d+,\d+$/.test(s) ? s.replace(',', '.') : s;
  if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(normal)) return { rule: 'rule.number' };
  const n = Number(normal);
  return Number.isFinite(n) ? n : { rule: 'rule.number' };
}

export function isProblemValue(x: unknown): x is FieldProblem {
  return typeof x === 'object' && x !== null && 'rule' in x;
}

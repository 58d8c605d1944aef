/**
 * A restructuring of the unit tree, planned as a pure function (issue: units over time). A unit list
 * imported with an effective date D is the complete administrative tree from D on. Every
 * administrative unit valid on D − 1 gets one of three outcomes:
 * - absent from the file: closed on D − 1;
 * - present with a different parent, level or kind (or under a parent that got a new version): a new
 *   version from D, the old version closed on D − 1;
 * - unchanged: it carries on (a new name or type alone is written on the same version).
 * Non-territorial units (departments, community teams…) not in the file follow their parent: they
 * carry on under a carried-on parent, get a new version under a parent's new version, and close with
 * a closed parent.
 */
import type { RowError } from '../errors.js';
import { foldText } from './text.js';

export const TERRITORIAL_KINDS: readonly string[] = ['province', 'district', 'commune', 'hamlet'];

export interface FileUnit {
  row: number;
  code: string;
  name: string;
  nameSearch: string;
  kind: string;
  type: string | null;
  level: number;
  parentCode: string | null;
}

/** A version valid on D − 1. */
export interface ExistingVersion {
  id: number;
  code: string;
  name: string;
  type: string | null;
  kind: string;
  level: number;
  parentId: number | null;
}

/** Where a new version hangs: under a stored version, or under another new version (by index). */
export type ParentRef = { stored: number } | { created: number } | null;

export interface NewVersion {
  code: string;
  name: string;
  nameSearch: string;
  kind: string;
  type: string | null;
  level: number;
  parent: ParentRef;
  /** The version it replaces (closed on D − 1), if the code was valid then. */
  replaces: number | null;
  /** A non-territorial unit that followed its parent's new version (not in the file). */
  follower: boolean;
}

export interface RestructuringPlan {
  carried: number[];
  renamed: Array<{ id: number; name: string; nameSearch: string; type: string | null }>;
  created: NewVersion[];
  /** Versions closed on D − 1: absent from the file, replaced, or closed with their parent. */
  closed: number[];
  errors: RowError[];
}

type Outcome = { carried: number } | { created: number } | { closed: true };

/**
 * `startedOn`: versions that already start on D (the same restructuring imported before, or units
 * opened on D another way): a file row matching one carries on with it, so importing the same list
 * twice changes nothing; a row that differs from it is an error.
 */
export function planRestructuring(
  file: readonly FileUnit[],
  before: readonly ExistingVersion[],
  startedOn: readonly ExistingVersion[] = [],
): RestructuringPlan {
  const opened = new Map(startedOn.map((v) => [v.code, v]));
  const byCode = new Map(before.map((v) => [v.code, v]));
  const byId = new Map(before.map((v) => [v.id, v]));
  const inFile = new Set(file.map((u) => u.code));
  const outcome = new Map<number, Outcome>(); // by existing version id
  const outcomeOfCode = new Map<string, Outcome>(); // by code, for the file's rows
  const plan: RestructuringPlan = { carried: [], renamed: [], created: [], closed: [], errors: [] };

  const parentRefOf = (o: Outcome | undefined): ParentRef | undefined =>
    !o || 'closed' in o ? undefined : 'carried' in o ? { stored: o.carried } : { created: o.created };

  // parents before children: a parent's level is one less than its child's
  const rows = [...file].sort((a, b) => a.level - b.level || a.row - b.row);
  for (const u of rows) {
    let parent: ParentRef = null;
    if (u.parentCode) {
      const o = outcomeOfCode.get(u.parentCode);
      const stored = byCode.get(u.parentCode);
      const ref =
        parentRefOf(o) ??
        // a stored parent outside the file: only a non-territorial unit carries on that way
        (stored && !TERRITORIAL_KINDS.includes(stored.kind) ? { stored: stored.id } : undefined);
      if (!ref) {
        plan.errors.push({
          row: u.row,
          field: 'parent_code',
          rule: 'rule.unknown_parent',
          params: { value: u.parentCode },
        });
        continue;
      }
      parent = ref;
    }
    const already = opened.get(u.code);
    if (already) {
      const sameOpened =
        already.kind === u.kind &&
        already.level === u.level &&
        (parent === null
          ? already.parentId === null
          : 'stored' in parent && already.parentId === parent.stored);
      if (!sameOpened) {
        plan.errors.push({
          row: u.row,
          field: 'code',
          rule: 'rule.opened_differently',
          params: { value: u.code },
        });
        continue;
      }
      const carried: Outcome = { carried: already.id };
      outcomeOfCode.set(u.code, carried);
      plan.carried.push(already.id);
      if (already.name !== u.name || (already.type ?? null) !== (u.type ?? null))
        plan.renamed.push({ id: already.id, name: u.name, nameSearch: u.nameSearch, type: u.type });
      // the version it replaced already ended the day before
      const old = byCode.get(u.code);
      if (old) outcome.set(old.id, carried);
      continue;
    }
    const e = byCode.get(u.code);
    const sameParent =
      parent === null ? e?.parentId === null : 'stored' in parent && e?.parentId === parent.stored;
    if (e && e.kind === u.kind && e.level === u.level && sameParent) {
      const o: Outcome = { carried: e.id };
      outcome.set(e.id, o);
      outcomeOfCode.set(u.code, o);
      plan.carried.push(e.id);
      if (e.name !== u.name || (e.type ?? null) !== (u.type ?? null))
        plan.renamed.push({ id: e.id, name: u.name, nameSearch: u.nameSearch, type: u.type });
      continue;
    }
    const o: Outcome = { created: plan.created.length };
    plan.created.push({
      code: u.code,
      name: u.name,
      nameSearch: u.nameSearch,
      kind: u.kind,
      type: u.type,
      level: u.level,
      parent,
      replaces: e?.id ?? null,
      follower: false,
    });
    outcomeOfCode.set(u.code, o);
    if (e) {
      outcome.set(e.id, o);
      plan.closed.push(e.id);
    }
  }

  // the rest of the tree on D − 1, parents first: absent territorial units close; others follow
  const rest = before.filter((v) => !inFile.has(v.code)).sort((a, b) => a.level - b.level || a.id - b.id);
  for (const v of rest) {
    if (TERRITORIAL_KINDS.includes(v.kind)) {
      outcome.set(v.id, { closed: true });
      plan.closed.push(v.id);
      continue;
    }
    if (v.parentId === null) {
      outcome.set(v.id, { carried: v.id });
      plan.carried.push(v.id);
      continue;
    }
    const p = outcome.get(v.parentId) ?? (byId.has(v.parentId) ? undefined : { carried: v.parentId });
    const ref = parentRefOf(p);
    if (p && 'carried' in p) {
      outcome.set(v.id, { carried: v.id });
      plan.carried.push(v.id);
    } else if (ref && 'created' in ref) {
      const o: Outcome = { created: plan.created.length };
      plan.created.push({
        code: v.code,
        name: v.name,
        nameSearch: foldText(v.name),
        kind: v.kind,
        type: v.type,
        level: v.level,
        parent: ref,
        replaces: v.id,
        follower: true,
      });
      outcome.set(v.id, o);
      plan.closed.push(v.id);
    } else {
      outcome.set(v.id, { closed: true });
      plan.closed.push(v.id);
    }
  }
  return plan;
}

/**
 * Authorisation rules, written once. Every route asks here; /api/me returns the result so the
 * UI offers only what the user may do. Roles are granted on an org-unit subtree:
 * - admin: everything;
 * - leader, viewer: read everything in the subtree;
 * - secretariat: read, manage catalogue/plans/forms, enter and approve data in the subtree;
 * - reporter: read the subtree, enter and submit data for its units.
 */
import type { Actor } from '../../services/auth.js';

/** A unit as the policy needs it: its id and the ids from the root down to it. */
export interface UnitRef {
  id: number;
  code: string;
  path: number[];
}

const WRITE_DATA_ROLES = new Set(['admin', 'secretariat', 'reporter']);
const MANAGE_ROLES = new Set(['admin', 'secretariat']);

function covers(actor: Actor, unit: UnitRef, roles?: Set<string>): boolean {
  if (actor.isAdmin) return true;
  return actor.grants.some((g) => (!roles || roles.has(g.role)) && unit.path.includes(g.orgUnitId));
}

export const policy = {
  /** Read data and structure of a unit (and, through it, its subtree). */
  canRead: (actor: Actor, unit: UnitRef) => covers(actor, unit),
  /** Enter or change data values of a unit. */
  canWriteData: (actor: Actor, unit: UnitRef) =>
    tokenMayWrite(actor) && covers(actor, unit, WRITE_DATA_ROLES),
  /** See draft (unsubmitted) values of a unit. */
  canSeeDrafts: (actor: Actor, unit: UnitRef) => covers(actor, unit, WRITE_DATA_ROLES),
  /** Manage the indicator catalogue, plans, forms. */
  canManageCatalogue: (actor: Actor) =>
    tokenMayWrite(actor) && (actor.isAdmin || actor.grants.some((g) => MANAGE_ROLES.has(g.role))),
  /** Org-unit structure, users, grants, settings, publishing. */
  canAdminister: (actor: Actor) => tokenMayWrite(actor) && actor.isAdmin,
  /** Accounts and their roles: create, change, disable, reset passwords, grant (admins, not read-only tokens). */
  canManageUsers: (actor: Actor) => tokenMayWrite(actor) && actor.isAdmin,
  /** See the list of accounts and their roles (admins). */
  canListUsers: (actor: Actor) => actor.isAdmin,
  /** Change one's own password: only from a logged-in session, never with a token. */
  canChangeOwnPassword: (actor: Actor) => actor.via === 'session',
  /** End every session of one's own (log out everywhere): a write, so not with a read-only token. */
  canEndAllSessions: (actor: Actor) => tokenMayWrite(actor),
  /** Everything read-only the admin sees (audit trail). */
  isAdmin: (actor: Actor) => actor.isAdmin,
  /** Roots of the subtrees the actor may read; null means everything. */
  readRoots: (actor: Actor): number[] | null =>
    actor.isAdmin ? null : [...new Set(actor.grants.map((g) => g.orgUnitId))],
};

function tokenMayWrite(actor: Actor): boolean {
  return actor.via !== 'token' || actor.tokenScope !== 'read';
}

/** What the UI may offer, returned with /api/me. */
export function permissionsOf(actor: Actor) {
  return {
    manageCatalogue: policy.canManageCatalogue(actor),
    administer: policy.canAdminister(actor),
    writeDataIn: actor.isAdmin
      ? ['*']
      : actor.grants.filter((g) => WRITE_DATA_ROLES.has(g.role)).map((g) => g.orgUnitCode),
    readIn: actor.isAdmin ? ['*'] : actor.grants.map((g) => g.orgUnitCode),
  };
}

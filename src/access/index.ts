/**
 * Authorisation rules, written once. Every route asks here; /api/me returns the result so the
 * UI offers only what the user may do. Roles are granted on an org-unit subtree:
 * - admin: everything;
 * - leader, viewer: read everything in the subtree;
 * - secretariat: read, enter and approve data, manage plans and report forms in the subtree; a
 *   secretariat on a root of the tree (the province) also manages the indicator catalogue and the
 *   holiday calendar (decision 0005: powers go by the scope of the grant);
 * - reporter: read the subtree, enter and submit data for its units.
 *
 * Reading a stored value is ONE rule (`canSeeValue`, and `draftRoots` for SQL filters): the unit
 * must be readable, and a draft (not yet submitted) value is seen only by those who may see drafts
 * of the unit — admins and the data writers (secretariat, reporter) of its subtree. Viewers and
 * leaders see submitted and approved values only. Every path that shows values (lists, exports,
 * history, the entry grid, validation messages, templates) asks this rule.
 */
import type { Actor } from './actor.js';

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
  /** Roots of the subtrees whose drafts the actor may see (canSeeDrafts as a filter); null: everywhere. */
  draftRoots: (actor: Actor): number[] | null =>
    actor.isAdmin
      ? null
      : [...new Set(actor.grants.filter((g) => WRITE_DATA_ROLES.has(g.role)).map((g) => g.orgUnitId))],
  /** See one stored value of a unit: the unit is readable and, for a draft, its drafts are visible. */
  canSeeValue: (actor: Actor, unit: UnitRef, status: string | null | undefined) =>
    covers(actor, unit) && (status !== 'draft' || covers(actor, unit, WRITE_DATA_ROLES)),
  /**
   * Manage the whole indicator catalogue (create indicators, edit any of them) and the other
   * catalogue-wide settings: a secretariat (or admin) grant on a root of the tree.
   */
  canManageCatalogue: (actor: Actor) => tokenMayWrite(actor) && managesRoot(actor),
  /**
   * Change one indicator: catalogue managers, or a secretariat covering its owner unit. `owners`:
   * the owner before and after the change (both must be covered; null = no owner → root only).
   */
  canEditIndicator: (actor: Actor, owners: Array<UnitRef | null>) =>
    policy.canManageCatalogue(actor) ||
    (tokenMayWrite(actor) &&
      owners.length > 0 &&
      owners.every((o) => o !== null && covers(actor, o, MANAGE_ROLES))),
  /** Manage things scoped at `unit` (report forms over it): a secretariat or admin grant covering it. */
  canManageIn: (actor: Actor, unit: UnitRef) => tokenMayWrite(actor) && covers(actor, unit, MANAGE_ROLES),
  /** Holds a secretariat or admin grant on some subtree (may manage something there). */
  canManageSomewhere: (actor: Actor) => manageRoots(actor).length > 0,
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
  /** Revoke one of one's own API tokens: a session or a write token, never a read-only token. */
  canRevokeOwnTokens: (actor: Actor) => tokenMayWrite(actor),
  /** Everything read-only the admin sees (audit trail). */
  isAdmin: (actor: Actor) => actor.isAdmin,
  /** Roots of the subtrees the actor may read; null means everything. */
  readRoots: (actor: Actor): number[] | null =>
    actor.isAdmin ? null : [...new Set(actor.grants.map((g) => g.orgUnitId))],
};

/** A secretariat or admin grant on a root of the tree (a unit without parent), or an administrator. */
function managesRoot(actor: Actor): boolean {
  return actor.isAdmin || actor.grants.some((g) => MANAGE_ROLES.has(g.role) && g.atRoot === true);
}

function tokenMayWrite(actor: Actor): boolean {
  return actor.via !== 'token' || actor.tokenScope !== 'read';
}

function manageRoots(actor: Actor): string[] {
  if (!tokenMayWrite(actor)) return [];
  if (actor.isAdmin) return ['*'];
  return [...new Set(actor.grants.filter((g) => MANAGE_ROLES.has(g.role)).map((g) => g.orgUnitCode))];
}

/** What the UI may offer, returned with /api/me. */
export function permissionsOf(actor: Actor) {
  return {
    /** The indicator catalogue (create, edit any indicator): a secretariat grant on the root. */
    manageCatalogue: policy.canManageCatalogue(actor),
    /** The province-wide holiday calendar of reporting. */
    manageCalendar: policy.canManageCatalogue(actor),
    /** Subtrees in which the actor creates report forms (every unit of a form must lie in one). */
    manageFormsIn: manageRoots(actor),
    /** Subtrees in which the actor manages plans, targets and tasks (by the plan's scope unit). */
    managePlansIn: manageRoots(actor),
    administer: policy.canAdminister(actor),
    /** Subtrees in which the actor enters data (as canWriteData: none with a read-only token). */
    writeDataIn: !tokenMayWrite(actor)
      ? []
      : actor.isAdmin
        ? ['*']
        : actor.grants.filter((g) => WRITE_DATA_ROLES.has(g.role)).map((g) => g.orgUnitCode),
    readIn: actor.isAdmin ? ['*'] : actor.grants.map((g) => g.orgUnitCode),
  };
}

/**
 * Who may do what with periodic reports (written once, used by services/reporting.ts):
 * - reporters (and secretariat, admin) enter, save and submit the reports of units in their subtree;
 * - the secretariat approves, returns and unlocks reports of units in its subtree — including its own
 *   unit's, since the provincial secretariat reviews the province-level report;
 * - admins do everything; only admins and the secretariat are not held by the lock date;
 * - a report form is managed by a secretariat (or admin) whose subtree holds every unit of the form
 *   (its listed units, or the unit its `unitsWithin` names): a district's secretariat makes forms
 *   for its district, nothing province-wide;
 * - the holiday calendar is province-wide: only catalogue managers (a grant on the root) set it.
 * Read-only tokens never write.
 */
import type { Actor } from './actor.js';
import { policy, type UnitRef } from './index.js';

function hasRole(actor: Actor, unit: UnitRef, roles: string[]): boolean {
  return actor.isAdmin || actor.grants.some((g) => roles.includes(g.role) && unit.path.includes(g.orgUnitId));
}

export const reportingPolicy = {
  /** Enter, save and submit the unit's report. */
  canEnter: (actor: Actor, unit: UnitRef) => policy.canWriteData(actor, unit),
  /** Approve, return, unlock the unit's report. */
  canReview: (actor: Actor, unit: UnitRef) =>
    (actor.via !== 'token' || actor.tokenScope !== 'read') && hasRole(actor, unit, ['secretariat']),
  /** Not held by the lock date. */
  bypassLock: (actor: Actor, unit: UnitRef) => hasRole(actor, unit, ['secretariat']),
  /** See the unit's report (status, timeliness, entry grid read-only). */
  canRead: (actor: Actor, unit: UnitRef) => policy.canRead(actor, unit),
  /** May manage report forms somewhere (a secretariat or admin grant on some subtree). */
  canManageSomeForms: (actor: Actor) => policy.canManageSomewhere(actor),
  /**
   * Creating (changing, deleting) a form over `units` (its listed units, or its `unitsWithin` unit)
   * needs every one inside the actor's managed subtrees: the first one outside, or undefined.
   */
  outsideFormScope: (actor: Actor, units: UnitRef[]) => units.find((u) => !policy.canManageIn(actor, u)),
  /** Set the (province-wide) holiday calendar. */
  canManageCalendar: (actor: Actor) => policy.canManageCatalogue(actor),
};

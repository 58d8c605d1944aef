/**
 * Who may do what with periodic reports (written once, used by services/reporting.ts):
 * - reporters (and secretariat, admin) enter, save and submit the reports of units in their subtree;
 * - the secretariat approves, returns and unlocks reports of units in its subtree — including its own
 *   unit's, since the provincial secretariat reviews the province-level report;
 * - admins do everything; only admins and the secretariat are not held by the lock date;
 * - report forms and the holiday calendar are managed by whoever manages the catalogue.
 * Read-only tokens never write.
 */
import type { Actor } from '../../services/auth.js';
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
  /** Create report forms, set the holiday calendar. */
  canManageForms: (actor: Actor) => policy.canManageCatalogue(actor),
};

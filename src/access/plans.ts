/**
 * Authorisation of plans, targets and tasks (the general rules are in ./index.ts):
 * - admin and secretariat manage plans (and their targets and tasks) whose scope unit lies in
 *   their subtree;
 * - everyone reads within their read roots: a plan whose scope they can read, or that covers the
 *   unit they work in (its name, document and dates — not its targets); target items of units (or
 *   with lead units) they can read; tasks whose lead or cooperating unit, or plan scope, they can read;
 * - a target (its definition: baseline, target value, owners; its linked tasks) is seen by the plan's
 *   managers and by those who may read its unit or its lead unit, or at least one of its items (a
 *   level-wide target's units). So a district reporter sees the province plan it works under, and
 *   the province's targets that name its district as lead or as one of their units, but never a
 *   province-level or neighbouring district's target and its baseline. Linked tasks are listed only
 *   when the task itself may be seen;
 * - the lead unit's reporters may update a task's progress (status, percent, evidence); anyone who
 *   may see a task may comment on it.
 */
import type { Actor } from './actor.js';
import { policy, type UnitRef } from './index.js';

const MANAGE_ROLES = new Set(['admin', 'secretariat']);

function tokenMayWrite(actor: Actor): boolean {
  return actor.via !== 'token' || actor.tokenScope !== 'read';
}

export const planPolicy = {
  /** Create, change or delete a plan (and its targets and tasks) scoped at `scope`. */
  canManage(actor: Actor, scope: UnitRef): boolean {
    if (!tokenMayWrite(actor)) return false;
    if (actor.isAdmin) return true;
    return actor.grants.some((g) => MANAGE_ROLES.has(g.role) && scope.path.includes(g.orgUnitId));
  },

  /**
   * Take over a merged unit's plan for its successor `scope`: the successor's leaders and plan
   * managers (the old plan must be readable too, checked by the caller).
   */
  canTakeOver(actor: Actor, scope: UnitRef): boolean {
    if (!tokenMayWrite(actor)) return false;
    if (actor.isAdmin) return true;
    return actor.grants.some(
      (g) => (MANAGE_ROLES.has(g.role) || g.role === 'leader') && !g.via && scope.path.includes(g.orgUnitId),
    );
  },

  /**
   * Read a plan's text into proposed targets (creates nothing): anyone who may create a plan
   * somewhere — admin, or a secretariat (or unit admin) grant, not through a read-only token.
   */
  canExtract(actor: Actor): boolean {
    if (!tokenMayWrite(actor)) return false;
    return actor.isAdmin || actor.grants.some((g) => MANAGE_ROLES.has(g.role));
  },

  /** See a plan: its scope is readable, or it covers one of the units the actor's grants are on. */
  canRead(actor: Actor, scope: UnitRef, grantUnits: UnitRef[]): boolean {
    if (policy.canRead(actor, scope)) return true;
    return grantUnits.some((u) => u.path.includes(scope.id));
  },

  /** See one item of a target: its unit, or its lead unit, is readable. */
  canReadItem(actor: Actor, unit: UnitRef, lead: UnitRef | null): boolean {
    return policy.canRead(actor, unit) || (lead !== null && policy.canRead(actor, lead));
  },

  /** See a target's definition: a manager of its plan, its unit or lead unit, or one item readable. */
  canReadTarget(
    actor: Actor,
    planScope: UnitRef,
    unit: UnitRef,
    lead: UnitRef | null,
    readableItems: number,
  ): boolean {
    return (
      planPolicy.canManage(actor, planScope) || planPolicy.canReadItem(actor, unit, lead) || readableItems > 0
    );
  },

  /** See a task. */
  canReadTask(actor: Actor, scope: UnitRef, lead: UnitRef, cooperating: UnitRef[]): boolean {
    return (
      policy.canRead(actor, scope) ||
      policy.canRead(actor, lead) ||
      cooperating.some((u) => policy.canRead(actor, u))
    );
  },

  /** Update a task's progress: its plan's managers, or the lead unit's data writers. */
  canUpdateTaskProgress(actor: Actor, scope: UnitRef, lead: UnitRef): boolean {
    return planPolicy.canManage(actor, scope) || policy.canWriteData(actor, lead);
  },

  /** Comment on a task one can see. */
  canComment(actor: Actor): boolean {
    return tokenMayWrite(actor);
  },

  /** Change the progress thresholds (a programme-wide setting). */
  canSetThresholds(actor: Actor): boolean {
    return policy.canAdminister(actor);
  },
};

/**
 * Who may do what with scorecards, rankings, assessments and emulation reviews:
 * - catalogue managers (admins, a secretariat on the root unit: decision 0005) define scorecards,
 *   appraise and set final scores, freeze reviews;
 * - readers in scope read rankings: the scope unit (or, ranking everywhere, every ranked unit)
 *   must be readable to them;
 * - a unit's data enterers self-assess that unit.
 */
import type { Actor } from './actor.js';
import { policy, type UnitRef } from './index.js';

export const scorecardPolicy = {
  canDefine: (actor: Actor) => policy.canManageCatalogue(actor),
  canFreezeReview: (actor: Actor) => policy.canManageCatalogue(actor),
  canAppraise: (actor: Actor) => policy.canManageCatalogue(actor),
  canSelfAssess: (actor: Actor, unit: UnitRef) => policy.canWriteData(actor, unit),
  /** Read a ranking of `ranked` inside `scope` (null: everywhere). */
  canReadRanking: (actor: Actor, scope: UnitRef | null, ranked: UnitRef[]) => {
    if (actor.isAdmin) return true;
    if (scope) return policy.canRead(actor, scope);
    return ranked.every((u) => policy.canRead(actor, u));
  },
  /** Reviews are read by anyone who may read their scope. */
  canReadReview: (actor: Actor, scope: UnitRef | null, ranked: UnitRef[]) =>
    scorecardPolicy.canReadRanking(actor, scope, ranked),
};

/** Scorecards, rankings and reviews policy (src/access/scorecards.ts) on hand-built actors. */
import { describe, expect, it } from 'vitest';
import { scorecardPolicy } from './scorecards.js';
import {
  admin,
  adminReadToken,
  commune25747,
  commune25978,
  district718,
  district725,
  leader,
  mixed,
  nobody,
  province,
  readToken,
  reporter718,
  reporterReadToken,
  secretariat718,
  secretariatRoot,
  viewer718,
} from './testActors.js';

describe('scorecardPolicy', () => {
  it('define, appraise, freeze: catalogue managers only', () => {
    for (const can of [
      scorecardPolicy.canDefine,
      scorecardPolicy.canAppraise,
      scorecardPolicy.canFreezeReview,
    ]) {
      expect(can(admin)).toBe(true);
      expect(can(secretariatRoot)).toBe(true);
      expect(can(secretariat718)).toBe(false);
      expect(can(leader)).toBe(false);
      expect(can(readToken)).toBe(false);
      expect(can(adminReadToken)).toBe(false);
    }
  });

  it('self-assessment: the unit’s data writers', () => {
    expect(scorecardPolicy.canSelfAssess(reporter718, district718)).toBe(true);
    expect(scorecardPolicy.canSelfAssess(reporter718, district725)).toBe(false);
    expect(scorecardPolicy.canSelfAssess(viewer718, district718)).toBe(false);
    expect(scorecardPolicy.canSelfAssess(reporterReadToken, district718)).toBe(false);
  });

  it('a ranking inside a scope: the scope must be readable', () => {
    expect(scorecardPolicy.canReadRanking(viewer718, district718, [commune25747])).toBe(true);
    expect(scorecardPolicy.canReadRanking(viewer718, province, [district718, district725])).toBe(false);
    expect(scorecardPolicy.canReadRanking(leader, province, [district718, district725])).toBe(true);
  });

  it('a ranking everywhere: every ranked unit must be readable', () => {
    expect(scorecardPolicy.canReadRanking(leader, null, [district718, district725])).toBe(true);
    expect(scorecardPolicy.canReadRanking(viewer718, null, [district718, district725])).toBe(false);
    expect(scorecardPolicy.canReadRanking(viewer718, null, [district718, commune25747])).toBe(true);
    expect(scorecardPolicy.canReadRanking(mixed, null, [commune25747, commune25978])).toBe(true);
    expect(scorecardPolicy.canReadRanking(nobody, null, [district718])).toBe(false);
    // nothing ranked yet: nothing to hide
    expect(scorecardPolicy.canReadRanking(nobody, null, [])).toBe(true);
    expect(scorecardPolicy.canReadRanking(admin, province, [])).toBe(true);
  });

  it('reviews are read like rankings', () => {
    expect(scorecardPolicy.canReadReview(viewer718, district718, [])).toBe(true);
    expect(scorecardPolicy.canReadReview(viewer718, district725, [])).toBe(false);
    expect(scorecardPolicy.canReadReview(viewer718, null, [commune25978])).toBe(false);
    expect(scorecardPolicy.canReadReview(readToken, null, [commune25978])).toBe(true);
  });
});

/** Plans, targets and tasks policy (src/access/plans.ts) on hand-built actors. */
import { describe, expect, it } from 'vitest';
import { planPolicy } from './plans.js';
import {
  admin,
  adminReadToken,
  commune25747,
  commune25978,
  district718,
  district725,
  leader,
  nobody,
  province,
  readToken,
  reporter718,
  reporter25747,
  reporterReadToken,
  secretariat718,
  secretariatRoot,
  viewer718,
  writeToken,
} from './testActors.js';

describe('planPolicy.canExtract', () => {
  it('whoever may create a plan somewhere, not through a read-only token', () => {
    for (const a of [admin, secretariatRoot, secretariat718, writeToken])
      expect(planPolicy.canExtract(a)).toBe(true);
    for (const a of [leader, reporter718, viewer718, nobody, readToken, adminReadToken])
      expect(planPolicy.canExtract(a)).toBe(false);
  });
});

describe('planPolicy.canManage', () => {
  it('admin and a secretariat whose subtree holds the plan scope', () => {
    expect(planPolicy.canManage(admin, province)).toBe(true);
    expect(planPolicy.canManage(secretariatRoot, district725)).toBe(true);
    expect(planPolicy.canManage(secretariat718, district718)).toBe(true);
    expect(planPolicy.canManage(secretariat718, commune25747)).toBe(true);
  });

  it('a district secretariat does not manage the province plan or the other district’s', () => {
    expect(planPolicy.canManage(secretariat718, province)).toBe(false);
    expect(planPolicy.canManage(secretariat718, district725)).toBe(false);
  });

  it('leaders, reporters, viewers do not manage plans', () => {
    for (const a of [leader, reporter718, viewer718, nobody])
      expect(planPolicy.canManage(a, district718)).toBe(false);
  });

  it('read-only tokens do not; write tokens do', () => {
    expect(planPolicy.canManage(readToken, district718)).toBe(false);
    expect(planPolicy.canManage(adminReadToken, district718)).toBe(false);
    expect(planPolicy.canManage(writeToken, district718)).toBe(true);
  });
});

describe('planPolicy.canRead', () => {
  it('the scope is readable', () => {
    expect(planPolicy.canRead(viewer718, district718, [])).toBe(true);
    expect(planPolicy.canRead(leader, district725, [])).toBe(true);
  });

  it('a plan above the unit one works in is seen (the province plan by a district reporter)', () => {
    expect(planPolicy.canRead(reporter718, province, [district718])).toBe(true);
    expect(planPolicy.canRead(reporter25747, district718, [commune25747])).toBe(true);
  });

  it('a neighbour’s plan is not seen, nor a plan when no grant units are given', () => {
    expect(planPolicy.canRead(reporter718, district725, [district718])).toBe(false);
    expect(planPolicy.canRead(reporter718, province, [])).toBe(false);
    expect(planPolicy.canRead(nobody, province, [])).toBe(false);
  });
});

describe('planPolicy target items and targets', () => {
  it('an item is seen through its unit or its lead unit', () => {
    expect(planPolicy.canReadItem(viewer718, commune25747, null)).toBe(true);
    expect(planPolicy.canReadItem(viewer718, province, district718)).toBe(true);
    expect(planPolicy.canReadItem(viewer718, province, null)).toBe(false);
    expect(planPolicy.canReadItem(viewer718, province, district725)).toBe(false);
  });

  it('a target: its plan’s managers, readers of its unit or lead, or of one of its items', () => {
    // a province-level target: not seen by a district reporter…
    expect(planPolicy.canReadTarget(reporter718, province, province, null, 0)).toBe(false);
    // …unless it names the district as lead, or one of its items is readable
    expect(planPolicy.canReadTarget(reporter718, province, province, district718, 0)).toBe(true);
    expect(planPolicy.canReadTarget(reporter718, province, province, null, 1)).toBe(true);
    // a neighbouring district's target
    expect(planPolicy.canReadTarget(reporter718, province, district725, district725, 0)).toBe(false);
    // the plan's manager sees every target
    expect(planPolicy.canReadTarget(secretariatRoot, province, district725, null, 0)).toBe(true);
  });
});

describe('planPolicy tasks', () => {
  it('a task is seen through its plan scope, lead unit or a cooperating unit', () => {
    expect(planPolicy.canReadTask(viewer718, district718, district725, [])).toBe(true);
    expect(planPolicy.canReadTask(viewer718, province, district718, [])).toBe(true);
    expect(planPolicy.canReadTask(viewer718, province, district725, [commune25747])).toBe(true);
    expect(planPolicy.canReadTask(viewer718, province, district725, [commune25978])).toBe(false);
  });

  it('progress: the plan’s managers or the lead unit’s data writers', () => {
    expect(planPolicy.canUpdateTaskProgress(secretariatRoot, province, district725)).toBe(true);
    expect(planPolicy.canUpdateTaskProgress(reporter718, province, district718)).toBe(true);
    expect(planPolicy.canUpdateTaskProgress(reporter718, province, district725)).toBe(false);
    expect(planPolicy.canUpdateTaskProgress(reporter25747, province, district718)).toBe(false);
    expect(planPolicy.canUpdateTaskProgress(viewer718, province, district718)).toBe(false);
    expect(planPolicy.canUpdateTaskProgress(reporterReadToken, province, district718)).toBe(false);
  });

  it('comments: anyone but a read-only token', () => {
    expect(planPolicy.canComment(viewer718)).toBe(true);
    expect(planPolicy.canComment(writeToken)).toBe(true);
    expect(planPolicy.canComment(readToken)).toBe(false);
  });

  it('thresholds: administrators only, not by a read-only token', () => {
    expect(planPolicy.canSetThresholds(admin)).toBe(true);
    expect(planPolicy.canSetThresholds(secretariatRoot)).toBe(false);
    expect(planPolicy.canSetThresholds(adminReadToken)).toBe(false);
  });
});

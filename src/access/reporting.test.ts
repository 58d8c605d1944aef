/** Periodic reports policy (src/access/reporting.ts) on hand-built actors. */
import { describe, expect, it } from 'vitest';
import { reportingPolicy } from './reporting.js';
import {
  admin,
  adminReadToken,
  adminRole718,
  commune25747,
  commune25978,
  district718,
  district725,
  leader,
  province,
  readToken,
  reporter718,
  reporterReadToken,
  secretariat718,
  secretariatRoot,
  viaToken,
  viewer718,
  writeToken,
} from './testActors.js';

describe('reportingPolicy', () => {
  it('canEnter: data writers in their subtree, never a read-only token', () => {
    expect(reportingPolicy.canEnter(reporter718, commune25747)).toBe(true);
    expect(reportingPolicy.canEnter(secretariat718, district718)).toBe(true);
    expect(reportingPolicy.canEnter(reporter718, commune25978)).toBe(false);
    expect(reportingPolicy.canEnter(viewer718, commune25747)).toBe(false);
    expect(reportingPolicy.canEnter(leader, commune25747)).toBe(false);
    expect(reportingPolicy.canEnter(reporterReadToken, commune25747)).toBe(false);
  });

  it('canReview: the secretariat of the subtree, including its own unit; admin', () => {
    expect(reportingPolicy.canReview(secretariat718, district718)).toBe(true);
    expect(reportingPolicy.canReview(secretariat718, commune25747)).toBe(true);
    expect(reportingPolicy.canReview(secretariatRoot, province)).toBe(true);
    expect(reportingPolicy.canReview(admin, commune25978)).toBe(true);
  });

  it('canReview: not reporters (who submit), not outside the subtree, not read-only tokens', () => {
    expect(reportingPolicy.canReview(reporter718, commune25747)).toBe(false);
    expect(reportingPolicy.canReview(leader, commune25747)).toBe(false);
    expect(reportingPolicy.canReview(secretariat718, district725)).toBe(false);
    expect(reportingPolicy.canReview(secretariat718, province)).toBe(false);
    expect(reportingPolicy.canReview(readToken, commune25747)).toBe(false);
    expect(reportingPolicy.canReview(adminReadToken, commune25747)).toBe(false);
    expect(reportingPolicy.canReview(writeToken, commune25747)).toBe(true);
    // an `admin` role grant on a district is not the secretariat
    expect(reportingPolicy.canReview(adminRole718, commune25747)).toBe(false);
  });

  it('bypassLock: secretariat of the subtree and admins only', () => {
    expect(reportingPolicy.bypassLock(secretariat718, commune25747)).toBe(true);
    expect(reportingPolicy.bypassLock(admin, commune25747)).toBe(true);
    expect(reportingPolicy.bypassLock(reporter718, commune25747)).toBe(false);
    expect(reportingPolicy.bypassLock(secretariat718, commune25978)).toBe(false);
  });

  it('canRead: readers of the unit', () => {
    expect(reportingPolicy.canRead(viewer718, commune25747)).toBe(true);
    expect(reportingPolicy.canRead(viewer718, commune25978)).toBe(false);
    expect(reportingPolicy.canRead(readToken, commune25978)).toBe(true);
  });

  it('forms: every unit inside the managed subtrees; the first one outside is named', () => {
    expect(reportingPolicy.canManageSomeForms(secretariat718)).toBe(true);
    expect(reportingPolicy.canManageSomeForms(reporter718)).toBe(false);
    expect(reportingPolicy.outsideFormScope(secretariat718, [district718, commune25747])).toBeUndefined();
    expect(reportingPolicy.outsideFormScope(secretariat718, [commune25747, commune25978, district725])).toBe(
      commune25978,
    );
    expect(reportingPolicy.outsideFormScope(secretariat718, [province])).toBe(province);
    expect(reportingPolicy.outsideFormScope(secretariatRoot, [province, commune25978])).toBeUndefined();
    expect(reportingPolicy.outsideFormScope(viaToken(secretariat718, 'read'), [district718])).toBe(
      district718,
    );
  });

  it('calendar: catalogue managers only (a grant on the root)', () => {
    expect(reportingPolicy.canManageCalendar(secretariatRoot)).toBe(true);
    expect(reportingPolicy.canManageCalendar(admin)).toBe(true);
    expect(reportingPolicy.canManageCalendar(secretariat718)).toBe(false);
    expect(reportingPolicy.canManageCalendar(readToken)).toBe(false);
  });
});

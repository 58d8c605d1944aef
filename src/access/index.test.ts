/** The general policy (src/access/index.ts) on hand-built actors: no database, no HTTP. */
import { describe, expect, it } from 'vitest';
import { permissionsOf, policy } from './index.js';
import {
  admin,
  adminReadToken,
  adminRole718,
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
  reporter25747,
  reporterReadToken,
  secretariat718,
  secretariatRoot,
  viaToken,
  viewer718,
  writeToken,
} from './testActors.js';

describe('canRead', () => {
  it('admin reads everywhere, without any grant', () => {
    for (const u of [province, district718, commune25978]) expect(policy.canRead(admin, u)).toBe(true);
  });

  it('a grant covers its unit and the whole subtree below it', () => {
    expect(policy.canRead(viewer718, district718)).toBe(true);
    expect(policy.canRead(viewer718, commune25747)).toBe(true);
    expect(policy.canRead(leader, commune25978)).toBe(true);
  });

  it('a unit outside the subtree is not readable: not the parent, not a sibling', () => {
    expect(policy.canRead(viewer718, province)).toBe(false);
    expect(policy.canRead(viewer718, district725)).toBe(false);
    expect(policy.canRead(viewer718, commune25978)).toBe(false);
    expect(policy.canRead(reporter25747, district718)).toBe(false);
  });

  it('goes by the path containing the grant unit, not by code or id order', () => {
    // a unit with the grant's id absent from its path, even if its id is the grant's
    expect(policy.canRead(viewer718, { id: 2, code: '718', path: [1, 3, 2] })).toBe(true);
    expect(policy.canRead(viewer718, { id: 9, code: '718', path: [1, 3, 9] })).toBe(false);
  });

  it('nobody (no grant) reads nothing', () => {
    expect(policy.canRead(nobody, province)).toBe(false);
    expect(policy.canRead(nobody, commune25747)).toBe(false);
  });

  it('a read-only token still reads', () => {
    expect(policy.canRead(readToken, commune25978)).toBe(true);
    expect(policy.canRead(reporterReadToken, commune25747)).toBe(true);
    expect(policy.canRead(reporterReadToken, district725)).toBe(false);
  });
});

describe('canWriteData', () => {
  it('admin, secretariat and reporter write in their subtree', () => {
    expect(policy.canWriteData(admin, commune25978)).toBe(true);
    expect(policy.canWriteData(secretariatRoot, commune25978)).toBe(true);
    expect(policy.canWriteData(secretariat718, commune25747)).toBe(true);
    expect(policy.canWriteData(reporter718, district718)).toBe(true);
    expect(policy.canWriteData(reporter718, commune25747)).toBe(true);
    expect(policy.canWriteData(adminRole718, commune25747)).toBe(true);
  });

  it('leader and viewer never write', () => {
    expect(policy.canWriteData(leader, commune25747)).toBe(false);
    expect(policy.canWriteData(viewer718, commune25747)).toBe(false);
  });

  it('not outside the subtree', () => {
    expect(policy.canWriteData(reporter718, district725)).toBe(false);
    expect(policy.canWriteData(reporter718, province)).toBe(false);
    expect(policy.canWriteData(secretariat718, commune25978)).toBe(false);
    expect(policy.canWriteData(reporter25747, district718)).toBe(false);
    expect(policy.canWriteData(adminRole718, district725)).toBe(false);
  });

  it('the role of the grant covering the unit counts, not the strongest role held elsewhere', () => {
    expect(policy.canWriteData(mixed, commune25747)).toBe(true);
    expect(policy.canRead(mixed, commune25978)).toBe(true);
    expect(policy.canWriteData(mixed, commune25978)).toBe(false);
  });

  it('a read-only token cannot write, even an administrator’s; a write token can', () => {
    expect(policy.canWriteData(readToken, commune25747)).toBe(false);
    expect(policy.canWriteData(adminReadToken, commune25747)).toBe(false);
    expect(policy.canWriteData(reporterReadToken, commune25747)).toBe(false);
    expect(policy.canWriteData(writeToken, commune25747)).toBe(true);
    expect(policy.canWriteData(viaToken(admin, 'write'), commune25978)).toBe(true);
  });

  it('a token without a recorded scope is not treated as read-only', () => {
    expect(policy.canWriteData({ ...reporter718, via: 'token' }, commune25747)).toBe(true);
  });
});

describe('drafts and values', () => {
  it('canSeeDrafts: admin and data writers of the subtree, not readers', () => {
    expect(policy.canSeeDrafts(admin, commune25747)).toBe(true);
    expect(policy.canSeeDrafts(secretariat718, commune25747)).toBe(true);
    expect(policy.canSeeDrafts(reporter718, commune25747)).toBe(true);
    expect(policy.canSeeDrafts(leader, commune25747)).toBe(false);
    expect(policy.canSeeDrafts(viewer718, commune25747)).toBe(false);
    expect(policy.canSeeDrafts(reporter718, commune25978)).toBe(false);
  });

  it('canSeeDrafts does not depend on token scope (seeing is reading)', () => {
    expect(policy.canSeeDrafts(reporterReadToken, commune25747)).toBe(true);
  });

  it('canSeeValue: submitted or approved values by every reader, drafts only by those who see drafts', () => {
    for (const status of ['submitted', 'approved', null, undefined]) {
      expect(policy.canSeeValue(viewer718, commune25747, status)).toBe(true);
      expect(policy.canSeeValue(leader, commune25978, status)).toBe(true);
      expect(policy.canSeeValue(viewer718, commune25978, status)).toBe(false);
    }
    expect(policy.canSeeValue(viewer718, commune25747, 'draft')).toBe(false);
    expect(policy.canSeeValue(leader, commune25747, 'draft')).toBe(false);
    expect(policy.canSeeValue(reporter718, commune25747, 'draft')).toBe(true);
    expect(policy.canSeeValue(admin, commune25978, 'draft')).toBe(true);
    // reporter in 718, viewer in 725: drafts only in 718
    expect(policy.canSeeValue(mixed, commune25747, 'draft')).toBe(true);
    expect(policy.canSeeValue(mixed, commune25978, 'draft')).toBe(false);
    expect(policy.canSeeValue(mixed, commune25978, 'submitted')).toBe(true);
  });

  it('draftRoots and readRoots: null for admin, the grant units otherwise (deduplicated)', () => {
    expect(policy.draftRoots(admin)).toBeNull();
    expect(policy.readRoots(admin)).toBeNull();
    expect(policy.draftRoots(viewer718)).toEqual([]);
    expect(policy.readRoots(viewer718)).toEqual([2]);
    expect(policy.draftRoots(mixed)).toEqual([2]);
    expect(policy.readRoots(mixed)).toEqual([2, 3]);
    const twice = { ...reporter718, grants: [...reporter718.grants, ...reporter718.grants] };
    expect(policy.readRoots(twice)).toEqual([2]);
    expect(policy.draftRoots(twice)).toEqual([2]);
  });
});

describe('canManageCatalogue', () => {
  it('admin and a secretariat on the root', () => {
    expect(policy.canManageCatalogue(admin)).toBe(true);
    expect(policy.canManageCatalogue(secretariatRoot)).toBe(true);
  });

  it('not a district secretariat, leader, reporter, viewer or nobody', () => {
    for (const a of [secretariat718, leader, reporter718, viewer718, nobody, adminRole718]) {
      expect(policy.canManageCatalogue(a)).toBe(false);
    }
  });

  it('a leader on the root does not manage the catalogue (role counts, not only scope)', () => {
    expect(leader.grants[0].atRoot).toBe(true);
    expect(policy.canManageCatalogue(leader)).toBe(false);
  });

  it('atRoot is what counts, not the path length the caller might guess', () => {
    const secNoFlag = {
      ...secretariatRoot,
      grants: secretariatRoot.grants.map((g) => ({ ...g, atRoot: undefined })),
    };
    expect(policy.canManageCatalogue(secNoFlag)).toBe(false);
  });

  it('not with a read-only token, even for an administrator; yes with a write token', () => {
    expect(policy.canManageCatalogue(readToken)).toBe(false);
    expect(policy.canManageCatalogue(adminReadToken)).toBe(false);
    expect(policy.canManageCatalogue(writeToken)).toBe(true);
  });
});

describe('canEditIndicator', () => {
  it('catalogue managers edit any indicator, owned or not', () => {
    expect(policy.canEditIndicator(secretariatRoot, [null])).toBe(true);
    expect(policy.canEditIndicator(admin, [district725, null])).toBe(true);
    expect(policy.canEditIndicator(secretariatRoot, [])).toBe(true);
  });

  it('a district secretariat edits indicators owned inside its district', () => {
    expect(policy.canEditIndicator(secretariat718, [district718])).toBe(true);
    expect(policy.canEditIndicator(secretariat718, [district718, commune25747])).toBe(true);
  });

  it('but not moving an indicator out of its district, nor to no owner, nor with no owner given', () => {
    expect(policy.canEditIndicator(secretariat718, [district718, district725])).toBe(false);
    expect(policy.canEditIndicator(secretariat718, [district718, null])).toBe(false);
    expect(policy.canEditIndicator(secretariat718, [null])).toBe(false);
    expect(policy.canEditIndicator(secretariat718, [])).toBe(false);
    expect(policy.canEditIndicator(secretariat718, [province])).toBe(false);
  });

  it('reporters, viewers and leaders never edit indicators', () => {
    expect(policy.canEditIndicator(reporter718, [district718])).toBe(false);
    expect(policy.canEditIndicator(viewer718, [district718])).toBe(false);
    expect(policy.canEditIndicator(leader, [commune25747])).toBe(false);
  });

  it('not with a read-only token', () => {
    expect(policy.canEditIndicator(viaToken(secretariat718, 'read'), [district718])).toBe(false);
    expect(policy.canEditIndicator(viaToken(secretariat718, 'write'), [district718])).toBe(true);
  });
});

describe('canManageIn and canManageSomewhere', () => {
  it('secretariat or admin grant covering the unit', () => {
    expect(policy.canManageIn(secretariat718, district718)).toBe(true);
    expect(policy.canManageIn(secretariat718, commune25747)).toBe(true);
    expect(policy.canManageIn(adminRole718, commune25747)).toBe(true);
    expect(policy.canManageIn(secretariatRoot, commune25978)).toBe(true);
    expect(policy.canManageIn(admin, province)).toBe(true);
  });

  it('not above or beside the grant', () => {
    expect(policy.canManageIn(secretariat718, province)).toBe(false);
    expect(policy.canManageIn(secretariat718, commune25978)).toBe(false);
  });

  it('not for reporters, leaders, viewers, nor with a read-only token', () => {
    expect(policy.canManageIn(reporter718, commune25747)).toBe(false);
    expect(policy.canManageIn(leader, commune25747)).toBe(false);
    expect(policy.canManageIn(viewer718, commune25747)).toBe(false);
    expect(policy.canManageIn(readToken, commune25747)).toBe(false);
    expect(policy.canManageIn(adminReadToken, commune25747)).toBe(false);
  });

  it('canManageSomewhere: some managing grant, and a token that may write', () => {
    expect(policy.canManageSomewhere(secretariat718)).toBe(true);
    expect(policy.canManageSomewhere(admin)).toBe(true);
    expect(policy.canManageSomewhere(reporter718)).toBe(false);
    expect(policy.canManageSomewhere(leader)).toBe(false);
    expect(policy.canManageSomewhere(readToken)).toBe(false);
  });
});

describe('account and token rules', () => {
  it('administering and managing users: administrators only, never with a read-only token', () => {
    expect(policy.canAdminister(admin)).toBe(true);
    expect(policy.canManageUsers(admin)).toBe(true);
    expect(policy.canListUsers(admin)).toBe(true);
    for (const a of [secretariatRoot, leader, adminRole718, reporter718]) {
      expect(policy.canAdminister(a)).toBe(false);
      expect(policy.canManageUsers(a)).toBe(false);
      expect(policy.canListUsers(a)).toBe(false);
    }
    expect(policy.canAdminister(adminReadToken)).toBe(false);
    expect(policy.canManageUsers(adminReadToken)).toBe(false);
    // listing is reading: a read-only admin token may still list
    expect(policy.canListUsers(adminReadToken)).toBe(true);
    expect(policy.isAdmin(adminReadToken)).toBe(true);
  });

  it('changing one’s own password: from a session only, never with a token of any scope', () => {
    expect(policy.canChangeOwnPassword(reporter718)).toBe(true);
    expect(policy.canChangeOwnPassword(admin)).toBe(true);
    expect(policy.canChangeOwnPassword(writeToken)).toBe(false);
    expect(policy.canChangeOwnPassword(adminReadToken)).toBe(false);
  });

  it('ending all sessions and revoking tokens: a session or a write token, not a read-only token', () => {
    for (const a of [viewer718, writeToken]) {
      expect(policy.canEndAllSessions(a)).toBe(true);
      expect(policy.canRevokeOwnTokens(a)).toBe(true);
    }
    for (const a of [readToken, adminReadToken]) {
      expect(policy.canEndAllSessions(a)).toBe(false);
      expect(policy.canRevokeOwnTokens(a)).toBe(false);
    }
  });
});

describe('permissionsOf', () => {
  const KEYS = [
    'administer',
    'manageCalendar',
    'manageCatalogue',
    'manageFormsIn',
    'managePlansIn',
    'readIn',
    'writeDataIn',
  ];

  it('has exactly the documented fields', () => {
    expect(Object.keys(permissionsOf(viewer718)).sort()).toEqual(KEYS);
  });

  it('admin: everything everywhere', () => {
    expect(permissionsOf(admin)).toEqual({
      manageCatalogue: true,
      manageCalendar: true,
      manageFormsIn: ['*'],
      managePlansIn: ['*'],
      administer: true,
      writeDataIn: ['*'],
      readIn: ['*'],
    });
  });

  it('secretariat at the root: the catalogue and calendar, forms and plans in the province, no administration', () => {
    expect(permissionsOf(secretariatRoot)).toEqual({
      manageCatalogue: true,
      manageCalendar: true,
      manageFormsIn: ['74'],
      managePlansIn: ['74'],
      administer: false,
      writeDataIn: ['74'],
      readIn: ['74'],
    });
  });

  it('secretariat of a district: forms and plans in the district, not the catalogue or calendar', () => {
    expect(permissionsOf(secretariat718)).toEqual({
      manageCatalogue: false,
      manageCalendar: false,
      manageFormsIn: ['718'],
      managePlansIn: ['718'],
      administer: false,
      writeDataIn: ['718'],
      readIn: ['718'],
    });
  });

  it('reporter, viewer, leader', () => {
    expect(permissionsOf(reporter718)).toMatchObject({
      manageFormsIn: [],
      writeDataIn: ['718'],
      readIn: ['718'],
    });
    expect(permissionsOf(viewer718)).toMatchObject({
      manageCatalogue: false,
      writeDataIn: [],
      readIn: ['718'],
    });
    expect(permissionsOf(leader)).toMatchObject({ managePlansIn: [], writeDataIn: [], readIn: ['74'] });
    expect(permissionsOf(mixed)).toMatchObject({ writeDataIn: ['718'], readIn: ['718', '725'] });
  });

  it('a read-only token: manages nothing, administers nothing', () => {
    const p = permissionsOf(adminReadToken);
    expect(p.manageCatalogue).toBe(false);
    expect(p.manageCalendar).toBe(false);
    expect(p.manageFormsIn).toEqual([]);
    expect(p.managePlansIn).toEqual([]);
    expect(p.administer).toBe(false);
    expect(permissionsOf(readToken).manageFormsIn).toEqual([]);
    // writeDataIn agrees with canWriteData: a read-only token writes nowhere
    expect(p.writeDataIn).toEqual([]);
    expect(permissionsOf(readToken).writeDataIn).toEqual([]);
    expect(permissionsOf(reporterReadToken).writeDataIn).toEqual([]);
    expect(permissionsOf(reporterReadToken).readIn).toEqual(['718']);
    expect(permissionsOf(writeToken).writeDataIn).toEqual(['74']);
    expect(permissionsOf(writeToken).manageFormsIn).toEqual(['74']);
  });
});

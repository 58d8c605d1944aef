import { describe, expect, it } from 'vitest';
import { type ExistingVersion, type FileUnit, planRestructuring } from './restructuring.js';

const v = (
  id: number,
  code: string,
  kind: string,
  level: number,
  parentId: number | null,
  name = code,
): ExistingVersion => ({
  id,
  code,
  name,
  type: null,
  kind,
  level,
  parentId,
});
let row = 1;
const f = (code: string, kind: string, level: number, parentCode: string | null, name = code): FileUnit => ({
  row: row++,
  code,
  name,
  nameSearch: name.toLowerCase(),
  kind,
  type: null,
  level,
  parentCode,
});

// before: provinces 74 and 79; 74 has district 718 with communes 25747, 25750; 79 has district 760 with 26734;
// a department under 74 and a team under commune 25747; an agency with no parent
const before = [
  v(1, '74', 'province', 1, null),
  v(2, '79', 'province', 1, null),
  v(3, '718', 'district', 2, 1),
  v(4, '25747', 'commune', 3, 3),
  v(5, '25750', 'commune', 3, 3),
  v(6, '760', 'district', 2, 2),
  v(7, '26734', 'commune', 3, 6),
  v(8, '74-STTTT', 'department', 2, 1),
  v(9, '25747-TCN', 'community_team', 4, 4),
  v(10, 'BO-TTTT', 'agency', 1, null),
  v(11, '79-SO', 'department', 2, 2),
];

describe('planRestructuring', () => {
  it('closes the absent, versions the moved, carries the unchanged', () => {
    const file = [
      f('79', 'province', 1, null),
      f('25747', 'commune', 2, '79', 'Thủ Dầu Một'),
      f('26734', 'commune', 2, '79'),
    ];
    const p = planRestructuring(file, before);
    expect(p.errors).toEqual([]);
    // 79 carries on (same kind, level, no parent), its department too
    expect(p.carried.sort((a, b) => a - b)).toEqual([2, 10, 11]);
    // 25747 and 26734 changed level and parent: new versions hanging under the stored 79
    const created = p.created.filter((c) => !c.follower);
    expect(created.map((c) => [c.code, c.level, c.parent, c.replaces])).toEqual([
      ['25747', 2, { stored: 2 }, 4],
      ['26734', 2, { stored: 2 }, 7],
    ]);
    // the team under old 25747 follows its parent's new version
    const followers = p.created.filter((c) => c.follower);
    expect(followers.map((c) => [c.code, c.parent, c.replaces])).toEqual([['25747-TCN', { created: 0 }, 9]]);
    // 74, 718, 25750, 760 absent; 74's department closes with it; replaced versions close
    expect(p.closed.sort((a, b) => a - b)).toEqual([1, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('a name change alone is written on the same version', () => {
    const p = planRestructuring([f('79', 'province', 1, null, 'TP. Hồ Chí Minh')], before);
    expect(p.carried).toContain(2);
    expect(p.renamed).toEqual([
      { id: 2, name: 'TP. Hồ Chí Minh', nameSearch: 'tp. hồ chí minh', type: null },
    ]);
  });

  it('a child under a parent that got a new version gets a new version too', () => {
    // 718 moves to 79: its communes keep code, kind and level but hang under 718's new version
    const file = [
      f('79', 'province', 1, null),
      f('718', 'district', 2, '79'),
      f('25747', 'commune', 3, '718'),
    ];
    const p = planRestructuring(file, before);
    expect(p.created.map((c) => [c.code, c.parent])).toEqual([
      ['718', { stored: 2 }],
      ['25747', { created: 0 }],
      ['25747-TCN', { created: 1 }],
    ]);
  });

  it('a brand-new code is created without replacing anything', () => {
    const p = planRestructuring([f('79', 'province', 1, null), f('99999', 'commune', 2, '79')], before);
    expect(p.created).toMatchObject([{ code: '99999', replaces: null, parent: { stored: 2 } }]);
  });

  it('a parent that is neither in the file nor a carried-on non-territorial unit is an error', () => {
    const p = planRestructuring([f('25747', 'commune', 2, '74')], before);
    expect(p.errors).toMatchObject([{ field: 'parent_code', rule: 'rule.unknown_parent' }]);
  });
});

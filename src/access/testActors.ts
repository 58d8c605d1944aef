/**
 * Hand-built units and actors for the policy unit tests (src/access/*.test.ts): no database.
 *
 *   74 province (root, id 1)
 *   ├── 718 district (id 2)
 *   │   └── 25747 commune (id 4)
 *   └── 725 district (id 3)
 *       └── 25978 commune (id 5)
 */
import type { Actor, Grant } from './actor.js';
import type { UnitRef } from './index.js';

export const province: UnitRef = { id: 1, code: '74', path: [1] };
export const district718: UnitRef = { id: 2, code: '718', path: [1, 2] };
export const district725: UnitRef = { id: 3, code: '725', path: [1, 3] };
export const commune25747: UnitRef = { id: 4, code: '25747', path: [1, 2, 4] };
export const commune25978: UnitRef = { id: 5, code: '25978', path: [1, 3, 5] };

function grant(role: Grant['role'], unit: UnitRef): Grant {
  return {
    role,
    orgUnitId: unit.id,
    orgUnitCode: unit.code,
    orgUnitName: unit.code,
    atRoot: unit.path.length === 1,
  };
}

let nextId = 1;
function actor(username: string, grants: Grant[], extra: Partial<Actor> = {}): Actor {
  return { id: nextId++, username, displayName: username, isAdmin: false, grants, via: 'session', ...extra };
}

export const admin = actor('admin', [], { isAdmin: true });
export const leader = actor('leader', [grant('leader', province)]);
export const secretariatRoot = actor('sec-root', [grant('secretariat', province)]);
export const secretariat718 = actor('sec-718', [grant('secretariat', district718)]);
export const reporter718 = actor('rep-718', [grant('reporter', district718)]);
export const reporter25747 = actor('rep-25747', [grant('reporter', commune25747)]);
export const viewer718 = actor('viewer-718', [grant('viewer', district718)]);
/** Someone with no grant at all. */
export const nobody = actor('nobody', []);
/** An `admin` role grant on a district (not an administrator account). */
export const adminRole718 = actor('admin-role-718', [grant('admin', district718)]);
/** Reporter in 718 and viewer in 725. */
export const mixed = actor('mixed', [grant('reporter', district718), grant('viewer', district725)]);

/** The same person reaching the API with a token. */
export function viaToken(a: Actor, scope: 'read' | 'write'): Actor {
  return { ...a, via: 'token', tokenScope: scope };
}

export const readToken = viaToken(secretariatRoot, 'read');
export const writeToken = viaToken(secretariatRoot, 'write');
export const adminReadToken = viaToken(admin, 'read');
export const reporterReadToken = viaToken(reporter718, 'read');

import { z } from 'zod';
import type { permissionsOf } from '../../../../access/index.js';

export const loginBody = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});
export const userShape = z.object({
  username: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
});
export const loginResponse = z.object({ user: userShape, csrfToken: z.string() });

/** Unit codes, or `['*']` for everywhere (administrators). */
const unitCodes = z.array(z.string());

/** What the UI may offer: every field of permissionsOf (src/access/index.ts). */
export const permissionsShape = z.object({
  manageCatalogue: z.boolean().describe('Create and edit any indicator (a secretariat grant on the root)'),
  manageCalendar: z.boolean().describe('Set the province-wide holiday calendar of reporting'),
  manageFormsIn: unitCodes.describe('Subtrees in which report forms may be created'),
  managePlansIn: unitCodes.describe('Subtrees in which plans, targets and tasks may be managed'),
  administer: z.boolean().describe('Org-unit structure, users, grants, settings, publishing'),
  writeDataIn: unitCodes.describe('Subtrees in which data may be entered (none with a read-only token)'),
  readIn: unitCodes.describe('Subtrees that may be read'),
});

// permissionsOf and the schema name the same fields: a field added on one side only fails to compile
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const permissionsMatch: SameKeys<z.infer<typeof permissionsShape>, ReturnType<typeof permissionsOf>> = true;
void permissionsMatch;

export const grantShape = z.object({
  role: z.enum(['admin', 'leader', 'secretariat', 'reporter', 'viewer']),
  orgUnit: z.string(),
  orgUnitName: z.string(),
  validFrom: z.string().nullable().describe('The granted unit version is valid from (null: always)'),
  validTo: z.string().nullable().describe('… and to (null: open); a closed unit keeps its history'),
  via: z.string().optional().describe('Inherited through a restructuring from the grant on this successor'),
});

export const meResponse = z.object({
  user: userShape,
  grants: z.array(grantShape),
  permissions: permissionsShape,
  /** The session's CSRF token (null when called with an API token). */
  csrfToken: z.string().nullable(),
  /** The unit the UI opens on: the first grant's, the configured home unit, or the first province. */
  home: z.string().nullable(),
});

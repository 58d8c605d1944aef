import { z } from 'zod';
import { idParam } from '../../../../services/inputs.js';
import { ROLES } from '../../../../services/users.js';

const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{2,64}$/, 'letters, digits, . _ - (2–64)');
const unitCode = z.string().trim().min(1).max(64);

export const usernameParams = z.object({ username: z.string().min(1).max(64) });
export const grantParams = z.object({
  username: z.string().min(1).max(64),
  id: idParam,
});

export const grantInput = z.object({ role: z.enum(ROLES), orgUnit: unitCode });

export const userInput = z.object({
  username,
  displayName: z.string().trim().min(1).max(200).optional(),
  email: z.email().max(200).nullish(),
  password: z.string().min(1).max(1000),
  isAdmin: z.boolean().optional(),
  disabled: z.boolean().optional(),
  homeUnit: unitCode.nullish(),
  grants: z.array(grantInput).max(100).optional(),
});

export const userPatch = z
  .object({
    displayName: z.string().trim().min(1).max(200),
    email: z.email().max(200).nullable(),
    disabled: z.boolean(),
    isAdmin: z.boolean(),
    homeUnit: unitCode.nullable(),
  })
  .partial()
  .strict();

export const passwordReset = z.object({ password: z.string().min(1).max(1000) });
export const ownPassword = z.object({
  currentPassword: z.string().min(1).max(1000),
  newPassword: z.string().min(1).max(1000),
});

export const listQuery = z.object({
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const grantShape = z.object({
  id: z.number(),
  role: z.string(),
  orgUnit: z.string(),
  orgUnitName: z.string(),
});
export const userShape = z.object({
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  isAdmin: z.boolean(),
  disabled: z.boolean(),
  homeUnit: z.string().nullable(),
  locked: z.boolean(),
  createdAt: z.string(),
  passwordChangedAt: z.string(),
  grants: z.array(grantShape),
});
export const grantsAfter = z.object({ ok: z.boolean(), grants: z.array(grantShape) });
export const grantResult = z.object({
  id: z.number(),
  role: z.string(),
  orgUnit: z.string(),
  created: z.boolean(),
  grants: z.array(grantShape),
});

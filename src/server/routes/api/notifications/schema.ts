/** Schemas of the notifications resource. */
import { z } from 'zod';
import { NOTIFICATION_KINDS, PREFERENCE_KINDS } from '../../../../domain/notifications.js';

export const listQuery = z.object({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('true: only the unread ones'),
  limit: z.coerce.number().int().min(1).max(200).default(30),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const notificationShape = z.object({
  id: z.number().int(),
  kind: z.enum(NOTIFICATION_KINDS),
  message: z.string().describe("In the request's language (Accept-Language)"),
  link: z.string().nullable().describe('Where in the app the notification leads'),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const listResponse = z.object({
  total: z.number().int(),
  unread: z.number().int(),
  items: z.array(notificationShape),
});

const preference = z.object({ inApp: z.boolean(), email: z.boolean() });

export const preferencesShape = z.object(
  Object.fromEntries(PREFERENCE_KINDS.map((k) => [k, preference])) as Record<
    (typeof PREFERENCE_KINDS)[number],
    typeof preference
  >,
);

export const preferencesPatch = z
  .object(
    Object.fromEntries(PREFERENCE_KINDS.map((k) => [k, preference.partial().strict().optional()])) as Record<
      (typeof PREFERENCE_KINDS)[number],
      z.ZodOptional<z.ZodObject<{ inApp: z.ZodOptional<z.ZodBoolean>; email: z.ZodOptional<z.ZodBoolean> }>>
    >,
  )
  .strict();

export const idParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

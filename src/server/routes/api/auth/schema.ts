import { z } from 'zod';

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

/** Shapes of the users, grants and tokens API. */
export const ROLES = ['admin', 'leader', 'secretariat', 'reporter', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface UserGrant {
  id: number;
  role: string;
  orgUnit: string;
  orgUnitName: string;
}

export interface UserView {
  username: string;
  displayName: string;
  email: string | null;
  isAdmin: boolean;
  disabled: boolean;
  homeUnit: string | null;
  locked: boolean;
  createdAt: string;
  passwordChangedAt: string;
  grants: UserGrant[];
}

/** GET /api/tokens answers in snake_case; both spellings are read. */
export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  scope: string;
  created_at?: string | null;
  expires_at?: string | null;
  last_used_at?: string | null;
  revoked_at?: string | null;
  createdAt?: string | null;
  expiresAt?: string | null;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
}

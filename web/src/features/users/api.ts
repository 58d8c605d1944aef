/**
 * The users feature's API: users and their grants (administrators), the user's own password and API
 * tokens. Each mutation invalidates what it changes.
 */
import {
  keepPreviousData,
  type QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '../../lib/api';

export const userKeys = {
  users: ['users'] as const,
  userList: (search: string, page: number) => ['users', search, page] as const,
  user: (username: string | null) => ['user', username] as const,
  tokens: ['tokens'] as const,
};

const path = (username: string) => `/users/${encodeURIComponent(username)}`;

/** A user changed: the list and that user's detail. */
const afterUserChange = (qc: QueryClient, username: string) =>
  Promise.all([
    qc.invalidateQueries({ queryKey: userKeys.users }),
    qc.invalidateQueries({ queryKey: userKeys.user(username) }),
  ]);

export function useUsers<T>(search: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: userKeys.userList(search, page),
    queryFn: () =>
      api<{ items: T[]; total: number }>('/users', {
        query: { q: search || undefined, limit: pageSize, offset: (page - 1) * pageSize },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useUser<T>(username: string | null) {
  return useQuery({
    queryKey: userKeys.user(username),
    queryFn: () => api<T>(path(username!)),
    enabled: !!username,
  });
}

export function useCreateUser<T>() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api<T>('/users', { json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.users }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ username, body }: { username: string; body: Record<string, unknown> }) =>
      api(path(username), { method: 'PUT', json: body }),
    onSuccess: (_, { username }) => afterUserChange(qc, username),
  });
}

export function useAddGrant() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ username, role, orgUnit }: { username: string; role: string; orgUnit: string }) =>
      api<{ created: boolean }>(`${path(username)}/grants`, { json: { role, orgUnit } }),
    onSuccess: (_, { username }) => afterUserChange(qc, username),
  });
}

export function useRemoveGrant() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ username, id }: { username: string; id: number | string }) =>
      api(`${path(username)}/grants/${id}`, { method: 'DELETE' }),
    onSuccess: (_, { username }) => afterUserChange(qc, username),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ username, password }: { username: string; password: string }) =>
      api(`${path(username)}/password`, { json: { password } }),
  });
}

export function useChangeOwnPassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api('/me/password', { json: body }),
  });
}

export function useTokens<T>() {
  return useQuery({ queryKey: userKeys.tokens, queryFn: () => api<{ items: T[] }>('/tokens') });
}

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; scope: 'read' | 'write'; expiresAt: string | null }) =>
      api<{ id: number; token: string; prefix: string }>('/tokens', { json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.tokens }),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number | string) => api(`/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.tokens }),
  });
}

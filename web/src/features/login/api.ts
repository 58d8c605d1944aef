/** The session's API: log in (the CSRF token, the session hint, /api/me again) and log out (every cached answer dropped). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken, setSessionHint } from '../../lib/api';
import type { LoginResponse } from '../../lib/types';

export const sessionKeys = { me: ['me'] as const };

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { username: string; password: string }) =>
      api<LoginResponse>('/auth/login', { method: 'POST', json: v, allow401: true }),
    onSuccess: (res) => {
      setCsrfToken(res.csrfToken);
      setSessionHint(true);
      return qc.invalidateQueries({ queryKey: sessionKeys.me });
    },
  });
}

/**
 * Logs out; whatever the server answers, the browser forgets the session and every cached answer
 * (a plain function, not a mutation: clearing the cache also clears the mutation cache).
 */
export function useLogout() {
  const qc = useQueryClient();
  return async () => {
    try {
      await api<void>('/auth/logout', { method: 'POST', allow401: true });
    } finally {
      setCsrfToken(null);
      setSessionHint(false);
      qc.clear();
      qc.setQueryData(sessionKeys.me, null);
    }
  };
}

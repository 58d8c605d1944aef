/**
 * The notifications feature's API: the person's notifications (refetched every minute, so a
 * return or an assignment shows without reloading) and their choices.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import i18n from '../../i18n';
import { api } from '../../lib/api';

export const PREFERENCE_KINDS = [
  'report_returned',
  'report_approved',
  'assignment',
  'report_due',
  'task_due',
  'digest',
] as const;
export type PreferenceKind = (typeof PREFERENCE_KINDS)[number];
export type Preferences = Record<PreferenceKind, { inApp: boolean; email: boolean }>;

export interface NotificationItem {
  id: number;
  kind: Exclude<PreferenceKind, 'digest'>;
  message: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export const notificationKeys = {
  all: ['notifications'] as const,
  list: (unreadOnly: boolean, page: number, pageSize: number) =>
    ['notifications', 'list', unreadOnly, page, pageSize, i18n.language] as const,
  prefs: ['notifications', 'prefs'] as const,
};

/** How often the bell asks for new notifications. */
export const REFRESH_MS = 60_000;

export function useNotifications(unreadOnly: boolean, page: number, pageSize: number, enabled = true) {
  return useQuery({
    queryKey: notificationKeys.list(unreadOnly, page, pageSize),
    queryFn: () =>
      api<{ total: number; unread: number; items: NotificationItem[] }>('/notifications', {
        query: { unread: unreadOnly ? 'true' : undefined, limit: pageSize, offset: (page - 1) * pageSize },
      }),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
    enabled,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number | 'all') =>
      id === 'all'
        ? api('/notifications/read-all', { method: 'POST' })
        : api(`/notifications/${id}/read`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function usePreferences() {
  return useQuery({
    queryKey: notificationKeys.prefs,
    queryFn: () => api<Preferences>('/notifications/preferences'),
  });
}

export function useSetPreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<Record<PreferenceKind, { inApp?: boolean; email?: boolean }>>) =>
      api<Preferences>('/notifications/preferences', { method: 'PUT', json: patch }),
    onSuccess: (data) => {
      qc.setQueryData(notificationKeys.prefs, data);
      return qc.invalidateQueries({ queryKey: notificationKeys.all });
    },
  });
}

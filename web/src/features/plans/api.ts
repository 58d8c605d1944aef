/**
 * The plans feature's API: query keys, queries and mutations (plans, targets, tasks, comments).
 * Each mutation invalidates what it changes, so components make no raw writes and no manual invalidations.
 */
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Extraction } from './planText';
import type { Plan, TargetDetail, TargetList, Task, TaskDetail } from './types';

type TargetDefinition = TargetDetail['definition'];

export const planKeys = {
  plans: ['plans'] as const,
  plan: (code: string) => ['plan', code] as const,
  targets: ['targets'] as const,
  targetList: (...parts: unknown[]) => ['targets', ...parts] as const,
  target: ['target'] as const,
  targetDetail: (id: string, asOf?: string, orgUnit?: string) => ['target', id, asOf, orgUnit] as const,
  tasks: ['tasks'] as const,
  taskList: (...parts: unknown[]) => ['tasks', ...parts] as const,
  anyTask: ['task'] as const,
  task: (id: number | null) => ['task', id] as const,
  warnings: (asOf?: string | null) => ['warnings', asOf ?? null] as const,
};

const invalidate = (qc: QueryClient, ...keys: ReadonlyArray<readonly unknown[]>) => {
  for (const queryKey of keys) void qc.invalidateQueries({ queryKey });
};

// ---- queries ----

export function usePlans(enabled = true) {
  return useQuery({ queryKey: planKeys.plans, queryFn: () => api<{ items: Plan[] }>('/plans'), enabled });
}

export function usePlan(code: string) {
  return useQuery({
    queryKey: planKeys.plan(code),
    queryFn: () => api<Plan>(`/plans/${encodeURIComponent(code)}`),
  });
}

/** Targets of a plan (or of all the user may see), as of a date, by status. */
export function useTargets(
  query: { plan?: string; asOf?: string; status?: string },
  options: { key?: unknown[]; enabled?: boolean } = {},
) {
  return useQuery({
    queryKey: planKeys.targetList(...(options.key ?? [query.plan, query.asOf, query.status])),
    queryFn: () => api<TargetList>('/targets', { query }),
    enabled: options.enabled,
  });
}

export function useTarget(id: string, asOf?: string, orgUnit?: string) {
  return useQuery({
    queryKey: planKeys.targetDetail(id, asOf, orgUnit),
    queryFn: () => api<TargetDetail>(`/targets/${encodeURIComponent(id)}`, { query: { asOf, orgUnit } }),
  });
}

export function useTasks(query: { plan?: string; asOf?: string; mine?: boolean }, key?: unknown[]) {
  return useQuery({
    queryKey: planKeys.taskList(...(key ?? [query.plan, query.asOf])),
    queryFn: () => api<{ items: Task[] }>('/tasks', { query }),
  });
}

export function useTask(id: number | null) {
  return useQuery({
    queryKey: planKeys.task(id),
    queryFn: () => api<TaskDetail>(`/tasks/${id}`),
    enabled: id !== null,
  });
}

export function useWarnings<T>(asOf?: string) {
  return useQuery({
    queryKey: planKeys.warnings(asOf),
    queryFn: () => api<{ asOf: string; items: T[] }>('/warnings', { query: { asOf } }),
    staleTime: 60_000,
  });
}

// ---- mutations ----

/** Creates a plan (`code` = null) or changes one. */
export function useSavePlan(code: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      code
        ? api<Plan>(`/plans/${encodeURIComponent(code)}`, { method: 'PUT', json: body })
        : api<Plan>('/plans', { method: 'POST', json: body }),
    onSuccess: (saved) => invalidate(qc, planKeys.plans, planKeys.plan(saved.code)),
  });
}

export function useDeletePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api<void>(`/plans/${encodeURIComponent(code)}`, { method: 'DELETE' }),
    onSuccess: () => invalidate(qc, planKeys.plans),
  });
}

/** Creates a target of a plan (`id` = null) or changes one. */
export function useSaveTarget(id: number | string | null, plan: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      id !== null
        ? api<TargetDefinition>(`/targets/${id}`, { method: 'PUT', json: body })
        : api<TargetDefinition>('/targets', { method: 'POST', json: body }),
    onSuccess: () => invalidate(qc, planKeys.targets, planKeys.target, planKeys.plan(plan), planKeys.plans),
  });
}

export function useDeleteTarget() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number | string) => api<void>(`/targets/${id}`, { method: 'DELETE' }),
    onSuccess: () => invalidate(qc, planKeys.targets, planKeys.plans),
  });
}

/** Creates a task (`id` = null) or changes one (also a partial change: progress, status). */
export function useSaveTask(id: number | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<Task> | Record<string, unknown>) =>
      id !== null
        ? api<TaskDetail>(`/tasks/${id}`, { method: 'PUT', json: body })
        : api<TaskDetail>('/tasks', { method: 'POST', json: body }),
    onSuccess: () => invalidate(qc, planKeys.tasks, planKeys.anyTask, planKeys.target, planKeys.plans),
  });
}

export function useDeleteTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/tasks/${id}`, { method: 'DELETE' }),
    onSuccess: () => invalidate(qc, planKeys.tasks, planKeys.plans),
  });
}

export function usePostComment(taskId: number | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => api(`/tasks/${taskId}/comments`, { json: { body } }),
    onSuccess: () => invalidate(qc, planKeys.task(taskId)),
  });
}

/** Reads a plan's text (pasted) or document (.docx, PDF) into proposed targets and results; writes nothing. */
export function useExtractPlanText() {
  return useMutation({
    mutationFn: (source: { text: string } | { file: File }) => {
      if ('text' in source)
        return api<Extraction>('/plans/extract', {
          method: 'POST',
          query: { detail: true },
          body: source.text,
          contentType: 'text/plain; charset=utf-8',
        });
      const form = new FormData();
      form.append('file', source.file);
      return api<Extraction>('/plans/extract', { method: 'POST', query: { detail: true }, body: form });
    },
  });
}

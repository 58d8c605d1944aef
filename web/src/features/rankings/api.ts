/**
 * The rankings feature's API: scorecards, reviews (frozen rankings) and a unit's assessments.
 * Each mutation invalidates what it changes.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Assessments, ReviewSummary, ScorecardSummary } from './types';

export const rankingKeys = {
  scorecards: ['scorecards'] as const,
  reviews: ['reviews'] as const,
  ranking: ['ranking'] as const,
  advice: ['advice'] as const,
  assessments: (scorecard: string | null | undefined, orgUnit?: string | null, period?: string | null) =>
    ['assessments', scorecard, orgUnit, period] as const,
};

export function useScorecards() {
  return useQuery({
    queryKey: rankingKeys.scorecards,
    queryFn: () => api<{ items: ScorecardSummary[] }>('/scorecards'),
  });
}

export function useReviews() {
  return useQuery({
    queryKey: rankingKeys.reviews,
    queryFn: () => api<{ items: ReviewSummary[] }>('/reviews'),
  });
}

/** Freezes a ranking as a review (sơ kết / tổng kết). */
export function useFreezeReview<T extends object>() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: T) => api<{ id: number }>('/reviews', { method: 'POST', json: v }),
    onSuccess: () => qc.invalidateQueries({ queryKey: rankingKeys.reviews }),
  });
}

const assessmentsPath = (scorecard: string) => `/scorecards/${encodeURIComponent(scorecard)}/assessments`;

export function useAssessments(
  scorecard: string | null | undefined,
  orgUnit?: string | null,
  period?: string | null,
) {
  return useQuery({
    queryKey: rankingKeys.assessments(scorecard, orgUnit, period),
    queryFn: () => api<Assessments>(assessmentsPath(scorecard!), { query: { orgUnit, period } }),
    enabled: Boolean(scorecard && orgUnit),
  });
}

/** Saves self-assessed, appraised or final scores; a final score replaces the computed one in rankings. */
export function useSaveAssessments(
  scorecard: string | null | undefined,
  orgUnit?: string | null,
  period?: string | null,
) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { items: Array<Record<string, unknown>> }) =>
      api<Assessments>(assessmentsPath(scorecard!), {
        method: 'PUT',
        query: { orgUnit, period },
        json: body,
      }),
    onSuccess: (next) => {
      qc.setQueryData(rankingKeys.assessments(scorecard, orgUnit, period), next);
      void qc.invalidateQueries({ queryKey: rankingKeys.ranking });
      void qc.invalidateQueries({ queryKey: rankingKeys.advice });
    },
  });
}

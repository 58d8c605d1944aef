/** The page's URL query as its state: read `params`, change several keys at once with `update`. */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** `update({ k: v })` sets k to v, or removes it when v is empty; other keys stay. By default the history entry
 * is replaced (filters do not pile up under Back); `{ replace: false }` pushes a new one. */
export function useSearchPatch({ replace = true }: { replace?: boolean } = {}) {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (patch: Record<string, string | undefined>) => {
      setParams(new URLSearchParams(withParams(params, patch)), { replace });
    },
    [params, setParams, replace],
  );
  return [params, update] as const;
}

/** The query string of `params` with `patch` applied (empty values removed): links that keep the page's
 * other keys, such as `asOf`. */
export function withParams(params: URLSearchParams, patch: Record<string, string | undefined>): string {
  const next = new URLSearchParams(params);
  for (const [k, v] of Object.entries(patch)) {
    if (v) next.set(k, v);
    else next.delete(k);
  }
  return next.toString();
}

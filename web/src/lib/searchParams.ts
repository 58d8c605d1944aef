/** The page's URL query as its state: read `params`, change several keys at once with `update`. */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** `update({ k: v })` sets k to v, or removes it when v is empty; other keys stay. By default the history entry
 * is replaced (filters do not pile up under Back); `{ replace: false }` pushes a new one. */
export function useSearchPatch({ replace = true }: { replace?: boolean } = {}) {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (patch: Record<string, string | undefined>) => {
      const next = new URLSearchParams(params);
      for (const [k, v] of Object.entries(patch)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      setParams(next, { replace });
    },
    [params, setParams, replace],
  );
  return [params, update] as const;
}

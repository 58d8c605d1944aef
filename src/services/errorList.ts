/**
 * Error lists in import responses are capped (issue #10): the first CHISO_MAX_LISTED_ERRORS
 * (default 200) are listed, `errorsTotal` counts them all and `errorsTruncated` says whether some
 * were left out — a hostile file of a million bad rows must not produce a response of many MB.
 */
export function maxListedErrors(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.CHISO_MAX_LISTED_ERRORS);
  return Number.isInteger(n) && n > 0 ? n : 200;
}

/** `{errors, errorsTotal, errorsTruncated}`: the first `max` errors, mapped by `map` (only those). */
export function listErrors<T, U = T>(
  errors: T[],
  map: (list: T[]) => U[] = (list) => list as unknown as U[],
  max = maxListedErrors(),
) {
  return {
    errors: map(errors.slice(0, max)),
    errorsTotal: errors.length,
    errorsTruncated: errors.length > max,
  };
}

/**
 * Error lists in import responses are capped (issue #10): the first CHISO_MAX_LISTED_ERRORS
 * (default 200) are listed and, when some were left out, `errorsTotal` counts them all and
 * `errorsTruncated` is true — a hostile file of a million bad rows must not produce a response of many MB.
 */
export function maxListedErrors(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.CHISO_MAX_LISTED_ERRORS);
  return Number.isInteger(n) && n > 0 ? n : 200;
}

/**
 * `{errors}`: the first `max` errors, mapped by `map` (only those); when some were left out, also
 * `errorsTotal` and `errorsTruncated: true` (a response with every error listed keeps its shape).
 */
export function listErrors<T, U = T>(
  errors: T[],
  map: (list: T[]) => U[] = (list) => list as unknown as U[],
  max = maxListedErrors(),
  /** how many errors there were when `errors` itself was already cut short (the import pipeline keeps 10,000) */
  total = errors.length,
) {
  const count = Math.max(total, errors.length);
  const listed = { errors: map(errors.slice(0, max)) };
  return count > max ? { ...listed, errorsTotal: count, errorsTruncated: true } : listed;
}

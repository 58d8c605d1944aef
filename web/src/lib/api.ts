/**
 * The API client: fetch with the session cookie, `Accept-Language` from the UI language,
 * `x-csrf-token` on writes, errors as ApiError (the server's `{"error":{code,message,details}}`).
 * A 401 sends the user to /login (except on calls that opt out, like the session probe).
 */
import i18n from '../i18n';

export interface ApiErrorDetail {
  path?: string | Array<string | number>;
  field?: string;
  column?: string;
  row?: number;
  message?: string;
  [key: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetail[];
  constructor(status: number, code: string, message: string, details: ApiErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

let csrfToken: string | null = null;

/**
 * A hint that this browser has logged in (the session cookie itself is HttpOnly). Without it
 * the app does not probe GET /api/me, so an anonymous visit (login, open data) makes no 401.
 */
const SESSION_HINT = 'chiso.session';

export function hasSessionHint(): boolean {
  try {
    return localStorage.getItem(SESSION_HINT) === '1';
  } catch {
    return true;
  }
}

export function setSessionHint(on: boolean): void {
  try {
    if (on) localStorage.setItem(SESSION_HINT, '1');
    else localStorage.removeItem(SESSION_HINT);
  } catch {
    // storage unavailable: the app probes /api/me every time
  }
}

export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => {
  const here = window.location.pathname + window.location.search;
  if (!window.location.pathname.startsWith('/login')) {
    window.location.assign(`/login?next=${encodeURIComponent(here)}`);
  }
};

/** Lets the app route to /login inside the SPA instead of a full reload. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  query?: Record<string, string | number | boolean | null | undefined | string[]>;
  json?: unknown;
  /** A raw body with its content type (CSV upload). */
  body?: BodyInit;
  contentType?: string;
  /** Do not redirect to /login on 401 (session probe, login itself). */
  allow401?: boolean;
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const url = path.startsWith('/api') ? path : `/api${path.startsWith('/') ? '' : '/'}${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = params.toString();
  return s ? `${url}?${s}` : url;
}

export function currentLang(): 'vi' | 'en' {
  return i18n.language?.startsWith('en') ? 'en' : 'vi';
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method =
    options.method ?? (options.json !== undefined || options.body !== undefined ? 'POST' : 'GET');
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLang(),
  };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.body !== undefined) {
    body = options.body;
    if (options.contentType) headers['Content-Type'] = options.contentType;
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'include',
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }

  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!res.ok) {
    // Import endpoints answer 422 with their result shape (imported/errors): hand it back to the caller.
    const err = (data as { error?: { code?: string; message?: string; details?: ApiErrorDetail[] } } | null)
      ?.error;
    const apiError = new ApiError(
      res.status,
      err?.code ?? `http_${res.status}`,
      err?.message ?? i18n.t('errors.http', { status: res.status }),
      Array.isArray(err?.details) ? err.details : [],
    );
    (apiError as ApiError & { body?: unknown }).body = data;
    if (res.status === 401) {
      setSessionHint(false);
      if (!options.allow401) onUnauthorized();
    }
    throw apiError;
  }
  return data as T;
}

/** The message to show for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Field name of a validation detail, for mapping server errors onto form fields. */
export function detailField(d: ApiErrorDetail): string | undefined {
  if (typeof d.field === 'string') return d.field;
  if (typeof d.column === 'string') return d.column;
  if (Array.isArray(d.path)) return d.path.filter((x) => typeof x === 'string').join('.') || undefined;
  if (typeof d.path === 'string') return d.path.replace(/^\//, '').replace(/\//g, '.');
  return undefined;
}

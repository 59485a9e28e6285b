import { getSession, setSession } from './session.js';

/** An error answer of the API (`{statusCode, message, error}`), or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly messages: string[];

  constructor(status: number, messages: string[]) {
    super(messages.join('; ') || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.messages = messages;
  }
}

export type QueryValue = string | number | boolean | null | undefined;

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** `/api` + path + the query string, leaving out empty values. */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api${path.startsWith('/') ? path : `/${path}`}${qs ? `?${qs}` : ''}`;
}

/** The messages of an error body, whatever its shape. */
export function errorMessages(body: unknown, status: number): string[] {
  if (body && typeof body === 'object' && 'message' in body) {
    const m = (body as { message: unknown }).message;
    if (Array.isArray(m)) return m.map(String);
    if (typeof m === 'string' && m) return [m];
  }
  if (typeof body === 'string' && body.trim()) return [body.trim().slice(0, 300)];
  return [`HTTP ${status}`];
}

/**
 * Calls the API with the session's bearer token and JSON in and out (a Blob body is sent as it is). Throws {@link ApiError}; a 401 on an
 * authenticated call signs the tab out.
 */
export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const session = getSession();
  const headers: Record<string, string> = { Accept: 'application/json' };
  // A Blob (a photo) goes as it is, with its own type; anything else as JSON.
  const blob = typeof Blob !== 'undefined' && options.body instanceof Blob ? options.body : null;
  if (options.body !== undefined) headers['Content-Type'] = blob ? blob.type : 'application/json';
  if (session) headers.Authorization = `Bearer ${session.token}`;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

  let res: Response;
  try {
    res = await fetch(apiUrl(path, options.query), {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: blob ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    throw new ApiError(0, [(err as Error)?.message || 'network error']);
  }

  const text = await res.text();
  let body: unknown = text;
  if (text && (res.headers.get('content-type') ?? '').includes('json')) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!res.ok) {
    if (res.status === 401 && session && getSession()?.token === session.token) setSession(null);
    throw new ApiError(res.status, errorMessages(body, res.status));
  }
  return (text ? body : undefined) as T;
}

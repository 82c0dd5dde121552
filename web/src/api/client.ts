// The one HTTP client of the web UI: JSON in and out, the UI language, CSRF and the error shape.

export interface FieldIssue {
  field: string;
  code: string;
  message?: string;
}

/** A non-2xx answer from the API, parsed from `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Per-field validation issues, when the server sent them. */
  get fieldIssues(): FieldIssue[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldIssue =>
        typeof d === 'object' && d !== null && typeof (d as FieldIssue).field === 'string',
    );
  }
}

export interface ListPage<T> {
  items: T[];
  total: number;
  /** A search counted only up to a cap: `total` is a lower bound. */
  totalCapped?: boolean;
  nextCursor: string | null;
}

type QueryValue = string | number | boolean | null | undefined;
/** A list value becomes a repeated parameter (`?phones=a&phones=b`). */
export type Query = Record<string, QueryValue | readonly QueryValue[]>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Do not send the user to the sign-in page on 401 (sign-in itself, the boot probe). */
  noAuthRedirect?: boolean;
  signal?: AbortSignal;
}

let csrfToken: string | null = null;
// Bumped whenever a new session starts, so a late 401 from the previous session is not taken for this one.
let sessionGeneration = 0;
let languageOf: () => string = () => 'zh-CN';
let onUnauthenticated: (error: ApiError) => void = () => {
  if (!window.location.pathname.startsWith('/login')) window.location.assign('/login');
};

export function setCsrfToken(token: string | null | undefined): void {
  const next = token ?? null;
  if (next !== null && next !== csrfToken) sessionGeneration += 1;
  csrfToken = next;
}

export function configureApi(options: {
  language?: () => string;
  onUnauthenticated?: (error: ApiError) => void;
}): void {
  if (options.language) languageOf = options.language;
  if (options.onUnauthenticated) onUnauthenticated = options.onUnauthenticated;
}

export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one === undefined || one === null || one === '') continue;
      params.append(key, String(one));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function parseError(response: Response): Promise<ApiError> {
  let code = `HTTP_${response.status}`;
  let message = response.statusText || code;
  let details: unknown;
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; details?: unknown };
    };
    if (body.error) {
      code = body.error.code ?? code;
      message = body.error.message ?? message;
      details = body.error.details;
    }
  } catch {
    // Not JSON (a proxy error page, say): keep the status text.
  }
  return new ApiError(response.status, code, message, details);
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': languageOf(),
  };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  const generation = sessionGeneration;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}${buildQuery(options.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : String(cause));
  }

  if (!response.ok) {
    const error = await parseError(response);
    const staleSession = generation !== sessionGeneration;
    if (
      response.status === 401 &&
      !options.noAuthRedirect &&
      !staleSession &&
      error.code !== 'INVALID_CREDENTIALS'
    ) {
      onUnauthenticated(error);
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A file the API sends as an attachment (exports): the bytes and the server's file name. */
export async function download(
  path: string,
  query?: Query,
): Promise<{ blob: Blob; filename: string | null }> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}${buildQuery(query)}`, {
      headers: { 'Accept-Language': languageOf() },
      credentials: 'same-origin',
    });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok) throw await parseError(response);
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
  return { blob: await response.blob(), filename: filename ? decodeURIComponent(filename) : null };
}

/** A multipart upload (attachments): the browser sets the boundary; errors come back as ApiError. */
export async function upload<T>(path: string, form: FormData): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': languageOf() };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method: 'POST',
      headers,
      body: form,
      credentials: 'same-origin',
    });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok) throw await parseError(response);
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, options?: Omit<RequestOptions, 'query' | 'body'>) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/** A list's total as people read it: "1000+" when the server stopped counting at a cap. */
export function totalText(page: { total: number; totalCapped?: boolean } | undefined): string | undefined {
  if (!page) return undefined;
  return page.totalCapped ? `${page.total.toLocaleString()}+` : page.total.toLocaleString();
}

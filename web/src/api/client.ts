/**
 * Every request of the web interface: same-origin cookies, the session's CSRF token on writes, and problem
 * documents (RFC 9457) turned into an `ApiError` whose `detail` is the API's Spanish sentence.
 */

const CSRF_STORAGE_KEY = "vincula.csrf";
let csrfToken: string | null = null;

/** Kept for the tab's life (sessionStorage), so a reload keeps the session's writes working. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  if (token) window.sessionStorage.setItem(CSRF_STORAGE_KEY, token);
  else window.sessionStorage.removeItem(CSRF_STORAGE_KEY);
}

function currentCsrfToken(): string | null {
  csrfToken ??= window.sessionStorage.getItem(CSRF_STORAGE_KEY);
  return csrfToken;
}

export type ProblemDocument = {
  status: number;
  code?: string;
  detail?: string;
  errors?: { path: string; message: string }[];
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly detail: string | undefined,
    readonly errors: { path: string; message: string }[] = [],
  ) {
    super(detail ?? `HTTP ${status}`);
  }
}

/** The request never reached the server (or its answer never arrived). */
export class NetworkError extends Error {}

type Query = Record<string, string | number | boolean | undefined>;

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {}))
    if (value !== undefined) params.set(name, String(value));
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ""}`;
}

export async function apiRequest<T>(
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  options: { query?: Query; body?: unknown } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const token = currentCsrfToken();
  if (method !== "GET" && token) headers["x-csrf-token"] = token;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new NetworkError("network");
  }
  if (response.status === 204) return undefined as T;
  const isJson = (response.headers.get("content-type") ?? "").includes("json");
  const payload: unknown = isJson ? await response.json() : undefined;
  if (!response.ok) {
    const problem = (payload ?? {}) as Partial<ProblemDocument>;
    throw new ApiError(response.status, problem.code, problem.detail, problem.errors ?? []);
  }
  return payload as T;
}

export const apiGet = <T>(path: string, query?: Query) => apiRequest<T>("GET", path, { query });
export const apiPost = <T>(path: string, body?: unknown) => apiRequest<T>("POST", path, { body });

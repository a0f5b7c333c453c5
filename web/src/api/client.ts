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
export const apiPut = <T>(path: string, body?: unknown) => apiRequest<T>("PUT", path, { body });
export const apiPatch = <T>(path: string, body?: unknown) => apiRequest<T>("PATCH", path, { body });
export const apiDelete = <T = void>(path: string) => apiRequest<T>("DELETE", path);

/** How far a transfer has gone: `total` is null when the other side did not say. */
export type Progress = { loaded: number; total: number | null };

function problemOf(status: number, text: string): ApiError {
  try {
    const problem = JSON.parse(text) as Partial<ProblemDocument>;
    return new ApiError(status, problem.code, problem.detail, problem.errors ?? []);
  } catch {
    return new ApiError(status, undefined, undefined);
  }
}

/**
 * An upload with the bytes sent reported as they go (fetch cannot report upload progress, XMLHttpRequest can):
 * a multipart form (a file and its fields), or a file's bytes as they are (`application/octet-stream`, what
 * POST /attachments takes, its name in the query).
 */
export function apiUpload<T>(
  path: string,
  form: FormData | Blob,
  options: { query?: Query; method?: "POST" | "PUT"; onProgress?: (progress: Progress) => void } = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(options.method ?? "POST", apiUrl(path, options.query));
    request.withCredentials = true;
    request.setRequestHeader("accept", "application/json");
    const token = currentCsrfToken();
    if (token) request.setRequestHeader("x-csrf-token", token);
    if (form instanceof Blob) request.setRequestHeader("content-type", "application/octet-stream");
    request.upload.onprogress = (event) =>
      options.onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : null });
    request.onerror = () => reject(new NetworkError("network"));
    request.onload = () => {
      if (request.status >= 200 && request.status < 300)
        resolve((request.responseText ? JSON.parse(request.responseText) : undefined) as T);
      else reject(problemOf(request.status, request.responseText));
    };
    request.send(form);
  });
}

/**
 * A file from the API (a report, an export), read as it arrives so the page can show how much came, then saved
 * under the name the server gave (Content-Disposition) or `fallbackName`. A JSON body is POSTed when given.
 */
export async function apiDownload(
  path: string,
  options: {
    query?: Query;
    body?: unknown;
    fallbackName: string;
    onProgress?: (progress: Progress) => void;
  },
): Promise<{ name: string; size: number }> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    const token = currentCsrfToken();
    if (token) headers["x-csrf-token"] = token;
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method: options.body === undefined ? "GET" : "POST",
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new NetworkError("network");
  }
  if (!response.ok) throw problemOf(response.status, await response.text());
  const length = Number(response.headers.get("content-length"));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    options.onProgress?.({ loaded, total });
  }
  const disposition = response.headers.get("content-disposition") ?? "";
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="([^"]+)"/i.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : (plain ?? options.fallbackName);
  const blob = new Blob(chunks as BlobPart[], { type: response.headers.get("content-type") ?? undefined });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  return { name, size: loaded };
}

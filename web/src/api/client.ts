// A small typed fetch client for /api/v1: same-origin cookie session, the CSRF token and an Idempotency-Key on
// every write, and the API's error shape {"error": {code, message, details}} turned into ApiError.
import type {
  Account,
  Collective,
  Cycle,
  CycleInput,
  MyReview,
  Progress,
  Statement,
  StatementContent,
  ErrorDetail,
  Page,
  Person,
  PersonDetail,
  RoleGrant,
  Session,
  TreeNode,
  Unit,
} from './types';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  readonly retryAfterSeconds: number | null;

  constructor(status: number, code: string, message: string, details: ErrorDetail[], retryAfter: number | null) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfter;
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

// Called when any request answers 401 (the session ended elsewhere): the app goes back to the sign-in page.
let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(handler: (() => void) | null) {
  onUnauthenticated = handler;
}

// crypto.randomUUID exists only in secure contexts; an intranet server over plain http is not one.
function idempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

type Query = Record<string, string | number | boolean | null | undefined>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

// Reads asked early — the session by index.html's first script, a page's first data beside its chunk
// (app.tsx `prefetch`) — so that they do not wait for the code and the render before them. The page's own identical
// GET within a few seconds takes the same answer; any write forgets them all, so nothing stale is shown after it.
const EARLY_MS = 5000;
const early = new Map<string, { at: number; value: Promise<unknown> }>();

export function prefetch<T = unknown>(path: string, query?: Query): Promise<T> {
  const url = withQuery(`/api/v1${path}`, query);
  const have = early.get(url);
  if (have && performance.now() - have.at < EARLY_MS) return have.value as Promise<T>;
  const value = send<T>('GET', path, undefined, query);
  value.catch(() => {}); // the page's own request reports failures
  early.set(url, { at: performance.now(), value });
  return value;
}

// index.html's script starts GET /api/v1/session before any of the app's code has arrived.
declare global {
  interface Window {
    __xeploaiEarly?: Record<string, Promise<Response>>;
  }
}
if (typeof window !== 'undefined' && window.__xeploaiEarly)
  for (const [url, response] of Object.entries(window.__xeploaiEarly)) {
    const value = response.then(
      (r) => answer(r, url.replace(/^\/api\/v1/, '')),
      () => send('GET', url.replace(/^\/api\/v1/, '')),
    );
    value.catch(() => {});
    early.set(url, { at: performance.now(), value });
  }

// `noIdempotencyKey`: the secret ballot route refuses the header, since a stored request would tie the account to
// its ballot.
export interface RequestOptions {
  noIdempotencyKey?: boolean;
}

export function request<T>(method: string, path: string, body?: unknown, query?: Query, options?: RequestOptions): Promise<T> {
  if (method !== 'GET') early.clear();
  else {
    const have = early.get(withQuery(`/api/v1${path}`, query));
    if (have && performance.now() - have.at < EARLY_MS) return have.value as Promise<T>;
  }
  return send<T>(method, path, body, query, options);
}

async function send<T>(method: string, path: string, body?: unknown, query?: Query, options?: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
    if (!options?.noIdempotencyKey) headers['Idempotency-Key'] = idempotencyKey();
  }
  let response: Response;
  try {
    response = await fetch(withQuery(`/api/v1${path}`, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'Không kết nối được máy chủ / cannot reach the server', [], null);
  }
  return answer<T>(response, path);
}

// The response as JSON, or the API's error as ApiError (a 401 outside the sign-in returns the app to it).
async function answer<T>(response: Response, path: string): Promise<T> {
  const text = await response.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) {
    const err = (json as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | null)?.error;
    const retry = response.headers.get('Retry-After');
    const apiError = new ApiError(
      response.status,
      err?.code ?? `http_${response.status}`,
      err?.message ?? `HTTP ${response.status}`,
      err?.details ?? [],
      retry !== null && /^\d+$/.test(retry) ? Number(retry) : null,
    );
    if (response.status === 401 && path !== '/sessions' && path !== '/session') onUnauthenticated?.();
    throw apiError;
  }
  return json as T;
}

export interface UnitQuery {
  parent_id?: number;
  kind?: string;
  q?: string;
  page?: number;
  page_size?: number;
}

export interface PeopleQuery {
  unit_id?: number;
  status?: string;
  q?: string;
  page?: number;
  page_size?: number;
}

export type UnitInput = { kind: string; name: string; code: string; parent_id: number | null; established_on?: string };
export type PersonInput = Partial<Omit<Person, 'id' | 'version' | 'unit_id'>> & {
  full_name: string;
  status: string;
  unit_id?: number;
  joined_on?: string;
};

export const api = {
  signIn: (username: string, password: string) => request<Session>('POST', '/sessions', { username, password }),
  signOut: () => request<{ signed_out: boolean }>('DELETE', '/sessions/current'),
  session: () => request<Session>('GET', '/session'),
  account: (id: number) => request<Account>('GET', `/accounts/${id}`),

  units: (q: UnitQuery) => request<Page<Unit>>('GET', '/units', undefined, { ...q }),
  unit: (id: number) => request<Unit>('GET', `/units/${id}`),
  unitTree: (id: number, depth: number) =>
    request<{ as_of: string; unit: TreeNode }>('GET', `/units/${id}/tree`, undefined, { depth }).then((r) => r.unit),
  collectives: (unitId: number) => request<{ items: Collective[] }>('GET', `/units/${unitId}/collectives`),
  createUnit: (input: UnitInput) => request<Unit>('POST', '/units', input),
  updateUnit: (id: number, input: { version: number; name?: string; code?: string }) =>
    request<Unit>('PATCH', `/units/${id}`, input),

  people: (q: PeopleQuery) => request<Page<Person>>('GET', '/people', undefined, { ...q }),
  person: (id: number) => request<PersonDetail>('GET', `/people/${id}`),
  createPerson: (input: PersonInput) => request<Person>('POST', '/people', input),
  updatePerson: (id: number, input: Partial<PersonInput> & { version: number }) =>
    request<Person>('PATCH', `/people/${id}`, input),

  cycles: (q: { unit_id?: number; page?: number; page_size?: number }) =>
    request<Page<Cycle>>('GET', '/cycles', undefined, { ...q }),
  cycle: (id: number) => request<Cycle>('GET', `/cycles/${id}`),
  openCycle: (input: CycleInput) => request<Cycle>('POST', '/cycles', input),
  progress: (cycleId: number, unitId?: number) =>
    request<Progress>('GET', `/cycles/${cycleId}/progress`, undefined, { unit_id: unitId }),
  myReviews: () => request<{ items: MyReview[] }>('GET', '/me/reviews').then((r) => r.items),
  statement: (reviewId: number) => request<Statement>('GET', `/reviews/${reviewId}/statement`),
  saveStatement: (reviewId: number, content: StatementContent & { version: number }) =>
    request<Statement>('PUT', `/reviews/${reviewId}/statement`, content),
  submitStatement: (reviewId: number, version: number) =>
    request<Statement>('POST', `/reviews/${reviewId}/statement/submit`, { version }),
};

export type { RoleGrant };

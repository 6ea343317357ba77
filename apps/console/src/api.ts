import type {
  AgentReply,
  ConversationListQuery,
  ConversationListReply,
  ConversationReply,
  ErrorBody,
  ErrorCode,
  LoginBody,
  MessagesQuery,
  MessagesReply,
  PasswordChangeBody,
  TeamListReply,
} from '@parley/protocol';
import { ERRORS } from '@parley/protocol/light';

/** A refused REST call: the relay's registry code and message, or `unavailable` when it could not be reached. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  /** What the refusal is about when the relay says (`ref`, e.g. the field `allowedOrigins.1`). */
  readonly ref: string | null;

  constructor(status: number, code: ErrorCode, message: string, ref: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.ref = ref;
  }
}

export interface Api {
  login(body: LoginBody): Promise<AgentReply>;
  logout(): Promise<void>;
  me(): Promise<AgentReply>;
  changePassword(body: PasswordChangeBody): Promise<void>;
  listConversations(query?: ConversationListQuery): Promise<ConversationListReply>;
  getConversation(conversationId: string): Promise<ConversationReply>;
  listMessages(conversationId: string, query?: MessagesQuery): Promise<MessagesReply>;
  listTeams(): Promise<TeamListReply>;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

const UNREACHABLE = 'Cannot reach the relay. Check the connection and try again.';

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' && code in ERRORS && typeof message === 'string';
}

/** The registry code for a status when the body is not an ErrorBody (a proxy's HTML page, an empty 502). */
function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  if (status >= 500) return 'internal';
  return 'validation_failed';
}

async function errorOf(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: fall back to the registry's words for this status.
  }
  if (isErrorBody(body)) return new ApiError(response.status, body.code, body.message, body.ref ?? null);
  const code = codeForStatus(response.status);
  return new ApiError(response.status, code, ERRORS[code].message);
}

function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * One REST call to the relay: JSON in and out, the session cookie on the same origin (no token
 * is ever handled here), and every refusal as an ApiError. The console's API modules share it.
 */
export function relayCaller(fetchImpl: FetchLike = (input, init) => fetch(input, init), base = '') {
  async function call(method: string, path: string, body?: unknown): Promise<Response> {
    const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
    if (body !== undefined) {
      init.headers = { accept: 'application/json', 'content-type': 'application/json' };
      init.body = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, init);
    } catch {
      throw new ApiError(0, 'unavailable', UNREACHABLE);
    }
    if (!response.ok) throw await errorOf(response);
    return response;
  }

  /** The reply's JSON body (undefined for 204 No Content). */
  async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await call(method, path, body);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  return { call, json };
}

/** Typed calls to the relay's REST API for the session and the inbox. */
export function createApi(fetchImpl: FetchLike = (input, init) => fetch(input, init), base = ''): Api {
  const { call, json } = relayCaller(fetchImpl, base);

  const conversationPath = (id: string) => `/v1/conversations/${encodeURIComponent(id)}`;

  return {
    login: (body) => json<AgentReply>('POST', '/v1/auth/login', body),
    logout: async () => {
      await call('POST', '/v1/auth/logout');
    },
    me: () => json<AgentReply>('GET', '/v1/auth/me'),
    changePassword: async (body) => {
      await call('POST', '/v1/auth/password', body);
    },
    listConversations: (query = {}) =>
      json<ConversationListReply>('GET', `/v1/conversations${queryString({ ...query })}`),
    getConversation: (id) => json<ConversationReply>('GET', conversationPath(id)),
    listMessages: (id, query = {}) =>
      json<MessagesReply>('GET', `${conversationPath(id)}/messages${queryString({ ...query })}`),
    listTeams: () => json<TeamListReply>('GET', '/v1/teams'),
  };
}

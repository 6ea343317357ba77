/** Typed calls to the relay's tools REST API (docs/protocol.md 6.3), same origin, cookie session. */
import type {
  CannedResponseCreateBody,
  CannedResponseListReply,
  CannedResponseReply,
  CannedResponseUpdateBody,
  ErrorBody,
  SearchReply,
  TagsReply,
  VisitorContextReply,
} from '@parley/protocol';
import { ERRORS } from '@parley/protocol/light';
import { ApiError } from '../api';

export interface ToolsApi {
  listCanned(): Promise<CannedResponseListReply>;
  createCanned(body: CannedResponseCreateBody): Promise<CannedResponseReply>;
  updateCanned(id: string, body: CannedResponseUpdateBody): Promise<CannedResponseReply>;
  deleteCanned(id: string): Promise<void>;
  search(q: string): Promise<SearchReply>;
  visitor(visitorId: string): Promise<VisitorContextReply>;
  addTag(conversationId: string, tag: string): Promise<TagsReply>;
  removeTag(conversationId: string, tag: string): Promise<TagsReply>;
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export function createToolsApi(fetchImpl: FetchLike = (input, init) => fetch(input, init)): ToolsApi {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    };
    let response: Response;
    try {
      response = await fetchImpl(path, init);
    } catch {
      throw new ApiError(0, 'unavailable', ERRORS.unavailable.message);
    }
    if (!response.ok) {
      const error = (await response.json().catch(() => null)) as ErrorBody | null;
      const code = error && error.code in ERRORS ? error.code : response.status === 404 ? 'not_found' : 'internal';
      throw new ApiError(response.status, code, error?.message ?? ERRORS[code].message);
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
  const enc = encodeURIComponent;
  return {
    listCanned: () => call('GET', '/v1/canned-responses'),
    createCanned: (body) => call('POST', '/v1/canned-responses', body),
    updateCanned: (id, body) => call('PATCH', `/v1/canned-responses/${enc(id)}`, body),
    deleteCanned: (id) => call('DELETE', `/v1/canned-responses/${enc(id)}`),
    search: (q) => call('GET', `/v1/search?q=${enc(q)}`),
    visitor: (visitorId) => call('GET', `/v1/visitors/${enc(visitorId)}`),
    addTag: (conversationId, tag) => call('POST', `/v1/conversations/${enc(conversationId)}/tags`, { tag }),
    removeTag: (conversationId, tag) => call('DELETE', `/v1/conversations/${enc(conversationId)}/tags/${enc(tag)}`),
  };
}

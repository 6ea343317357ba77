/** Typed calls to the relay's tools REST API (docs/protocol.md 6.3), same origin, cookie session. */
import type {
  CannedResponseCreateBody,
  CannedResponseListReply,
  CannedResponseReply,
  CannedResponseUpdateBody,
  SearchReply,
  TagsReply,
  VisitorContextReply,
} from '@parley/protocol';
import { relayCaller, type FetchLike } from '../api';

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

export function createToolsApi(fetchImpl: FetchLike = (input, init) => fetch(input, init)): ToolsApi {
  const call = relayCaller(fetchImpl).json;
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

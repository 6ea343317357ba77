/**
 * The agent's tools for one signed-in desk: canned responses, search, notes and visitor context.
 * Made once per desk (inbox-page.tsx) and passed by ToolsContext.
 */
import type { ConsoleSide, RealtimeClient } from '@parley/client';
import { createClientId } from '@parley/client';
import type { AgentProfile } from '@parley/protocol';
import { LIMITS } from '@parley/protocol/light';
import { createCannedModel, type CannedModel } from './canned-model';
import { createSearchModel, type SearchModel } from './search-model';
import type { ToolsApi } from './tools-api';
import { createVisitorContextModel, type VisitorContextModel } from './visitor-context-model';

export interface ToolsModel {
  readonly agent: AgentProfile;
  readonly canned: CannedModel;
  readonly search: SearchModel;
  /**
   * Sends an internal note; false when blank, too long or the socket is not open (the draft
   * stays). Notes are not kept in the offline outbox: the relay acks them like replies.
   */
  sendNote(conversationId: string, body: string): boolean;
  visitorContext(ids: { visitorId: string; conversationId: string }): VisitorContextModel;
  /** Shows a conversation (a search hit, an earlier conversation of the visitor). */
  open(conversationId: string): void;
}

export function createToolsModel(options: {
  client: RealtimeClient<ConsoleSide>;
  agent: AgentProfile;
  api: ToolsApi;
  open(conversationId: string): void;
}): ToolsModel {
  const { client, agent, api, open } = options;
  const canned = createCannedModel(api);
  void canned.load();
  return {
    agent,
    canned,
    search: createSearchModel(api),
    sendNote(conversationId, body) {
      const text = body.trim();
      if (!text || text.length > LIMITS.maxBodyLength) return false;
      return client.send({ type: 'note.send', conversationId, clientId: createClientId(), body: text });
    },
    visitorContext: (ids) => createVisitorContextModel(client, api, ids),
    open,
  };
}

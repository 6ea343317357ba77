export { openDb, type Database, type Db, type OpenDbOptions } from './open-db';
export * as schema from './schema';
export { createWorkspace, countWorkspaces, listWorkspaces, type WorkspaceRecord } from './workspaces';
export {
  createSite,
  findSiteByPublicKey,
  getSite,
  listSites,
  setSiteAllowedOrigins,
  toSitePublic,
  type SiteRecord,
} from './sites';
export {
  createAgent,
  findAgentByEmail,
  getAgent,
  setAgentPassword,
  toAgentProfile,
  type AgentRecord,
  type AgentWithPasswordHash,
} from './agents';
export {
  createSession,
  findSessionByTokenHash,
  deleteSessionByTokenHash,
  deleteAgentSessions,
  type SessionLookup,
} from './sessions';
export { createVisitor, getVisitor, touchVisitor, type VisitorRecord } from './visitors';
export {
  listConversations,
  getConversationSummary,
  listVisitorConversations,
  getVisitorConversation,
} from './conversations';
export {
  appendMessage,
  startConversation,
  listMessages,
  type AppendMessageInput,
  type AppendMessageResult,
  type StartConversationInput,
} from './messages';
export {
  createMessageWriter,
  type AppendScope,
  type MessageWriter,
  type MessageWriterOptions,
} from './message-writer';
export { asSeenByVisitor, listVisitorMessages } from './visitor-messages';
export {
  createCannedResponse,
  deleteCannedResponse,
  listCannedResponses,
  updateCannedResponse,
  type CannedScopeOf,
} from './canned-responses';
export { searchTranscripts } from './transcript-search';
export {
  addConversationTag,
  getVisitorContextRecord,
  listActiveConversationIds,
  listConversationTags,
  recordPageView,
  removeConversationTag,
  PAGES_READ,
  type PageViewInput,
  type VisitorContextRecord,
} from './visitor-context';

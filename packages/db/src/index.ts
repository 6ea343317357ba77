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
  toSiteSettings,
  updateSiteSettings,
  type SiteRecord,
} from './sites';
export { setVisitorDetails } from './visitor-details';
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
export {
  DEFAULT_TEAM_NAME,
  addTeamMember,
  createTeam,
  ensureDefaultTeam,
  getTeam,
  listSiteTeams,
  listTeams,
  resolveConversationTeam,
  setSiteVisitorTeams,
  setTeamMembers,
  siteVisitorTeams,
  teamIdsOfAgent,
  unknownAgentIds,
  unknownTeamIds,
  updateTeam,
} from './teams';
export {
  LOAD_STATUSES,
  agentLoads,
  assignQueued,
  claimConversation,
  summariesByIds,
  transferConversation,
  unassignConversation,
  type Actor,
  type AssignCandidate,
  type Assignment,
  type AssignmentPlanner,
  type QueuedConversation,
  type RoutingFailure,
  type RoutingResult,
  type TransferOutcome,
  type TransferTarget,
} from './assignment';
export {
  closeConversation,
  reopenConversation,
  rerouteUnanswered,
  snoozeConversation,
  teamsWithQueue,
  wakeSnoozed,
  type Rerouted,
  type SweptConversation,
} from './conversation-lifecycle';
export { queuedTeamsOfVisitor, queueEntries, recentWaitsMs, type QueueEntry } from './queue';
export { getAgentRouting, listAgentRouting, setAgentCapacity, type AgentRoutingInfo } from './agent-routing';
export { REOPEN_WINDOW_MS, acceptsVisitorMessage, afterMessage, type RoutingState } from './routing-state';
export { DEFAULT_BUSINESS_HOURS, getBusinessHours, setBusinessHours } from './business-hours';
export {
  claimDueFollowUps,
  followUpContext,
  markFollowedUp,
  markFromOfflineForm,
  markVisitorsSeen,
  retryFollowUp,
  scheduleFollowUp,
  setVisitorEmail,
  type DueFollowUp,
  type FollowUpContext,
} from './email-follow-ups';
export { getConversationRating, rateConversation, ratingReport, type RateInput, type RateResult, type RatingPeriod, type RatingReport } from './ratings';
export { findAttachmentByMessage, findVisitorAttachment, findWorkspaceAttachment, insertAttachment, type AttachmentRecord, type NewAttachment } from './attachments';
export { markAgentRead, markVisitorRead, readMarks, type ReadMarks, type ReadResult } from './read-receipts';
export {
  identifyVisitor,
  rotateSiteSecret,
  setVisitorAttributes,
  type AttributeValue,
  type IdentifiedVisitor,
  type IdentifyInput,
} from './visitor-identity';

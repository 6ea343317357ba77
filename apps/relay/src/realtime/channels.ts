/** Bus channel names (STYLE §17). Every channel carries its workspace, so nothing crosses tenants. */
export const channels = {
  /** Messages and typing of one conversation, for the agents watching it. Notes never go to the visitor channel. */
  conversation: (workspaceId: string, conversationId: string) => `ws:${workspaceId}:conv:${conversationId}`,
  /** What one visitor's sockets (all their tabs) receive. */
  visitor: (workspaceId: string, visitorId: string) => `ws:${workspaceId}:visitor:${visitorId}`,
  /** Conversation summaries for every agent's live inbox. */
  inbox: (workspaceId: string) => `ws:${workspaceId}:inbox`,
  /** What every visitor socket of one site receives (site.updated). */
  site: (workspaceId: string, siteId: string) => `ws:${workspaceId}:site:${siteId}`,
  /** Tells every node watching a site of the workspace that its availability may have changed. */
  availability: (workspaceId: string) => `ws:${workspaceId}:availability`,
  /** Control events for one agent's sockets (sessions ended). */
  agent: (workspaceId: string, agentId: string) => `ws:${workspaceId}:agent:${agentId}`,
} as const;

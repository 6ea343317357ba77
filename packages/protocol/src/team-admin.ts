/**
 * The console's Team admin (admins only): each agent's capacity and which teams a site's visitors
 * may pick. Teams themselves are created and changed with the bodies in work.ts
 * (TeamCreateBody, TeamUpdateBody); these are the rest of that screen.
 *
 *   PUT /v1/agents/:agentId/capacity {capacity}  -> 200 {agent: AgentPresence}
 *   GET /v1/site-teams                           -> 200 {sites: [{siteId, name, teamIds}]}
 *
 * Agents and supervisors get `forbidden`; an id outside the caller's workspace is `not_found`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from './models';
import { AgentPresence, Capacity } from './work';

export const AgentParams = Type.Object({ agentId: Uuid });
export type AgentParams = Static<typeof AgentParams>;

export const AgentCapacityBody = Type.Object({ capacity: Capacity }, { additionalProperties: false });
export type AgentCapacityBody = Static<typeof AgentCapacityBody>;

export const AgentPresenceReply = Type.Object({ agent: AgentPresence });
export type AgentPresenceReply = Static<typeof AgentPresenceReply>;

/** A site and the teams its visitors may pick (in the order the widget lists them). */
export const SiteTeams = Type.Object({ siteId: Uuid, name: Type.String(), teamIds: Type.Array(Uuid) });
export type SiteTeams = Static<typeof SiteTeams>;

export const SiteTeamsListReply = Type.Object({ sites: Type.Array(SiteTeams) });
export type SiteTeamsListReply = Static<typeof SiteTeamsListReply>;

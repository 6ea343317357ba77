/** Typed calls to the Team admin REST API (docs/protocol.md 6.3), same origin, cookie session. */
import type {
  AgentCapacityBody,
  AgentPresenceReply,
  SiteTeamsBody,
  SiteTeamsListReply,
  TeamCreateBody,
  TeamListReply,
  TeamReply,
  TeamUpdateBody,
} from '@parley/protocol';
import { relayCaller, type FetchLike } from '../api';

export interface TeamAdminApi {
  listTeams(): Promise<TeamListReply>;
  createTeam(body: TeamCreateBody): Promise<TeamReply>;
  updateTeam(teamId: string, body: TeamUpdateBody): Promise<TeamReply>;
  setCapacity(agentId: string, body: AgentCapacityBody): Promise<AgentPresenceReply>;
  listSiteTeams(): Promise<SiteTeamsListReply>;
  setSiteTeams(siteId: string, body: SiteTeamsBody): Promise<void>;
}

export function createTeamAdminApi(fetchImpl: FetchLike = (input, init) => fetch(input, init)): TeamAdminApi {
  const call = relayCaller(fetchImpl).json;
  const enc = encodeURIComponent;
  return {
    listTeams: () => call('GET', '/v1/teams'),
    createTeam: (body) => call('POST', '/v1/teams', body),
    updateTeam: (teamId, body) => call('PATCH', `/v1/teams/${enc(teamId)}`, body),
    setCapacity: (agentId, body) => call('PUT', `/v1/agents/${enc(agentId)}/capacity`, body),
    listSiteTeams: () => call('GET', '/v1/site-teams'),
    setSiteTeams: (siteId, body) => call('PUT', `/v1/sites/${enc(siteId)}/teams`, body),
  };
}

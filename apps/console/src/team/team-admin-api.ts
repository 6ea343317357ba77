/** Typed calls to the Team admin REST API (docs/protocol.md 6.3), same origin, cookie session. */
import type {
  AgentCapacityBody,
  AgentPresenceReply,
  ErrorBody,
  SiteTeamsBody,
  SiteTeamsListReply,
  TeamCreateBody,
  TeamListReply,
  TeamReply,
  TeamUpdateBody,
} from '@parley/protocol';
import { ERRORS } from '@parley/protocol/light';
import { ApiError } from '../api';

export interface TeamAdminApi {
  listTeams(): Promise<TeamListReply>;
  createTeam(body: TeamCreateBody): Promise<TeamReply>;
  updateTeam(teamId: string, body: TeamUpdateBody): Promise<TeamReply>;
  setCapacity(agentId: string, body: AgentCapacityBody): Promise<AgentPresenceReply>;
  listSiteTeams(): Promise<SiteTeamsListReply>;
  setSiteTeams(siteId: string, body: SiteTeamsBody): Promise<void>;
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export function createTeamAdminApi(fetchImpl: FetchLike = (input, init) => fetch(input, init)): TeamAdminApi {
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
      const code = error && error.code in ERRORS ? error.code : response.status === 403 ? 'forbidden' : 'internal';
      throw new ApiError(response.status, code, error?.message ?? ERRORS[code].message);
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
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

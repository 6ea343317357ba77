/**
 * The Team admin screen's state: agents (live, from the desk's presence roster), teams and which
 * teams each site offers its visitors, and the admin's actions on them through REST. Saved teams
 * go back to the desk's work model too, so the transfer dialog lists them at once.
 */
import { signal, type ReadonlySignal } from '@preact/signals';
import type { AgentPresence, SiteTeams, Team, TeamUpdateBody } from '@parley/protocol';
import type { WorkModel } from '../models/work-model';
import type { TeamAdminApi } from './team-admin-api';

export interface TeamAdminModel {
  readonly agents: ReadonlySignal<readonly AgentPresence[]>;
  readonly teams: ReadonlySignal<readonly Team[]>;
  readonly sites: ReadonlySignal<readonly SiteTeams[]>;
  readonly loading: ReadonlySignal<boolean>;
  /** The last refusal, in the relay's words; null after a success. */
  readonly error: ReadonlySignal<string | null>;
  /** What the last success did ("Saved Billing."), for a polite status line. */
  readonly status: ReadonlySignal<string | null>;
  load(): Promise<void>;
  setCapacity(agentId: string, capacity: number): Promise<boolean>;
  createTeam(name: string): Promise<boolean>;
  updateTeam(teamId: string, body: TeamUpdateBody): Promise<boolean>;
  setSiteTeams(siteId: string, teamIds: readonly string[]): Promise<boolean>;
  /** Shows a problem found before anything was sent (a field typed wrong). */
  refuse(message: string): void;
}

export function createTeamAdminModel(api: TeamAdminApi, work: Pick<WorkModel, 'agents' | 'setTeams'>): TeamAdminModel {
  const teams = signal<readonly Team[]>([]);
  const sites = signal<readonly SiteTeams[]>([]);
  const loading = signal(false);
  const error = signal<string | null>(null);
  const status = signal<string | null>(null);

  const guard = async (work: () => Promise<string | null>): Promise<boolean> => {
    try {
      status.value = await work();
      error.value = null;
      return true;
    } catch (thrown) {
      error.value = thrown instanceof Error ? thrown.message : String(thrown);
      status.value = null;
      return false;
    }
  };
  const keepTeams = (next: readonly Team[]) => {
    teams.value = next;
    work.setTeams(next);
  };
  const withTeam = (team: Team) =>
    // The default team first, then by name, as the relay lists them.
    keepTeams(
      [...teams.value.filter((other) => other.id !== team.id), team].sort(
        (a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name),
      ),
    );

  return {
    agents: work.agents,
    teams,
    sites,
    loading,
    error,
    status,
    async load() {
      loading.value = true;
      await guard(async () => {
        const [teamList, siteList] = await Promise.all([api.listTeams(), api.listSiteTeams()]);
        keepTeams(teamList.teams);
        sites.value = siteList.sites;
        return null;
      });
      loading.value = false;
    },
    setCapacity: (agentId, capacity) =>
      guard(async () => {
        const { agent } = await api.setCapacity(agentId, { capacity });
        return `${agent.name} can now hold ${agent.capacity} ${agent.capacity === 1 ? 'chat' : 'chats'}.`;
      }),
    createTeam: (name) =>
      guard(async () => {
        const { team } = await api.createTeam({ name: name.trim() });
        withTeam(team);
        return `Created ${team.name}.`;
      }),
    updateTeam: (teamId, body) =>
      guard(async () => {
        if (Object.keys(body).length === 0) return 'Nothing changed.';
        const { team } = await api.updateTeam(teamId, body);
        withTeam(team);
        return `Saved ${team.name}.`;
      }),
    setSiteTeams: (siteId, teamIds) =>
      guard(async () => {
        await api.setSiteTeams(siteId, { teamIds: [...teamIds] });
        sites.value = sites.value.map((site) => (site.siteId === siteId ? { ...site, teamIds: [...teamIds] } : site));
        return `Saved the teams visitors of ${sites.value.find((site) => site.siteId === siteId)?.name ?? 'the site'} may pick.`;
      }),
    refuse(message) {
      error.value = message;
      status.value = null;
    },
  };
}

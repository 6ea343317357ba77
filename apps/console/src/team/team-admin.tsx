/**
 * The Team admin screen (admins): each agent's capacity, the teams (name, members, automatic
 * assignment, service levels) and which teams each site's visitors may pick. Rules live in
 * team-form.ts and the model; this only draws them.
 */
import type { AgentPresence, SiteTeams, Team } from '@parley/protocol';
import { useEffect, useState } from 'preact/hooks';
import type { TeamAdminModel } from './team-admin-model';
import { capacityFrom, draftOf, teamChanges, toggled, type TeamDraft } from './team-form';
import './team-admin.css';

export function TeamAdmin({ model }: { model: TeamAdminModel }) {
  useEffect(() => {
    void model.load();
  }, [model]);
  const agents = model.agents.value;
  const teams = model.teams.value;
  return (
    <div class="team-admin">
      <h2>Team</h2>
      {model.error.value && (
        <p class="form-error" role="alert">
          {model.error.value}
        </p>
      )}
      <p class="team-admin-status" role="status">
        {model.status.value ?? ''}
      </p>
      <section aria-labelledby="team-admin-agents">
        <h3 id="team-admin-agents">Agents</h3>
        <ul class="team-admin-agents">
          {agents.map((agent) => (
            <CapacityRow key={agent.agentId} agent={agent} model={model} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="team-admin-teams">
        <h3 id="team-admin-teams">Teams</h3>
        {model.loading.value && teams.length === 0 && <p class="empty">Loading…</p>}
        {teams.map((team) => (
          <TeamEditor key={team.id} team={team} agents={agents} model={model} />
        ))}
        <NewTeam model={model} />
      </section>
      {model.sites.value.length > 0 && (
        <section aria-labelledby="team-admin-sites">
          <h3 id="team-admin-sites">Teams visitors may pick</h3>
          {model.sites.value.map((site) => (
            <SiteTeamsEditor key={site.siteId} site={site} teams={teams} model={model} />
          ))}
        </section>
      )}
    </div>
  );
}

function CapacityRow({ agent, model }: { agent: AgentPresence; model: TeamAdminModel }) {
  const [text, setText] = useState(String(agent.capacity));
  // A change from elsewhere (the agent's own capacity.set, another admin) shows here too.
  useEffect(() => setText(String(agent.capacity)), [agent.capacity]);
  return (
    <li>
      <form
        class="team-admin-row"
        onSubmit={(event) => {
          event.preventDefault();
          const capacity = capacityFrom(text);
          if (capacity === null) model.refuse(`Capacity is a whole number from 0 to 100 (${agent.name}).`);
          else void model.setCapacity(agent.agentId, capacity);
        }}
      >
        <span class="team-admin-name">{agent.name}</span>
        <span class="team-admin-load">{agent.status}</span>
        <span class="team-admin-load">{agent.load} open</span>
        <label>
          Capacity
          <input
            type="number"
            min={0}
            max={100}
            step={1}
            aria-label={`Capacity of ${agent.name}`}
            value={text}
            onInput={(event) => setText(event.currentTarget.value)}
          />
        </label>
        <button type="submit" class="button-quiet" aria-label={`Save capacity of ${agent.name}`}>
          Save
        </button>
      </form>
    </li>
  );
}

function TeamEditor({ team, agents, model }: { team: Team; agents: readonly AgentPresence[]; model: TeamAdminModel }) {
  const [draft, setDraft] = useState<TeamDraft>(() => draftOf(team));
  useEffect(() => setDraft(draftOf(team)), [team]);
  const edit = (change: Partial<TeamDraft>) => setDraft({ ...draft, ...change });
  return (
    <form
      class="team-admin-team"
      aria-label={`Team ${team.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        const changes = teamChanges(team, draft);
        if (changes.ok) void model.updateTeam(team.id, changes.body);
        else model.refuse(changes.error);
      }}
    >
      <label>
        Name{team.isDefault && <span class="team-admin-default"> (default: work that names no team)</span>}
        <input required maxLength={100} value={draft.name} onInput={(event) => edit({ name: event.currentTarget.value })} />
      </label>
      <label class="team-admin-check">
        <input type="checkbox" checked={draft.autoAssign} onChange={(event) => edit({ autoAssign: event.currentTarget.checked })} />
        Assign new conversations automatically (off: agents claim from the queue)
      </label>
      <label>
        First reply target, minutes
        <input inputMode="decimal" placeholder="none" value={draft.firstResponseMinutes} onInput={(event) => edit({ firstResponseMinutes: event.currentTarget.value })} />
      </label>
      <label>
        Reassign when unanswered for, minutes
        <input inputMode="decimal" placeholder="never" value={draft.reassignMinutes} onInput={(event) => edit({ reassignMinutes: event.currentTarget.value })} />
      </label>
      <fieldset>
        <legend>Members</legend>
        {agents.map((agent) => (
          <label key={agent.agentId} class="team-admin-check">
            <input
              type="checkbox"
              checked={draft.memberIds.includes(agent.agentId)}
              onChange={(event) => edit({ memberIds: toggled(draft.memberIds, agent.agentId, event.currentTarget.checked) })}
            />
            {agent.name}
          </label>
        ))}
      </fieldset>
      <button type="submit" class="button-primary">
        Save {team.name}
      </button>
    </form>
  );
}

function NewTeam({ model }: { model: TeamAdminModel }) {
  const [name, setName] = useState('');
  return (
    <form
      class="team-admin-row"
      onSubmit={async (event) => {
        event.preventDefault();
        if (await model.createTeam(name)) setName('');
      }}
    >
      <input aria-label="New team name" placeholder="New team name" required maxLength={100} value={name} onInput={(event) => setName(event.currentTarget.value)} />
      <button type="submit" class="button-quiet">
        Add team
      </button>
    </form>
  );
}

function SiteTeamsEditor({ site, teams, model }: { site: SiteTeams; teams: readonly Team[]; model: TeamAdminModel }) {
  const [picked, setPicked] = useState<readonly string[]>(site.teamIds);
  useEffect(() => setPicked(site.teamIds), [site.teamIds]);
  return (
    <form
      class="team-admin-team"
      aria-label={`Teams visitors of ${site.name} may pick`}
      onSubmit={(event) => {
        event.preventDefault();
        void model.setSiteTeams(site.siteId, picked);
      }}
    >
      <fieldset>
        <legend>{site.name}: none ticked, visitors do not pick and the default team answers</legend>
        {teams.map((team) => (
          <label key={team.id} class="team-admin-check">
            <input type="checkbox" checked={picked.includes(team.id)} onChange={(event) => setPicked(toggled(picked, team.id, event.currentTarget.checked))} />
            {team.name}
          </label>
        ))}
      </fieldset>
      <button type="submit" class="button-quiet">
        Save for {site.name}
      </button>
    </form>
  );
}

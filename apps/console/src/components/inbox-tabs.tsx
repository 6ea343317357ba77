import { useDesk } from '../model-context';
import { INBOX_VIEWS, VIEW_LABELS } from '../models/inbox-views';

/** Mine / Unassigned / All / Snoozed / Closed, each with its live size and unread count; and the team filter. */
export function InboxTabs() {
  const { inbox, work } = useDesk();
  const counts = inbox.counts.value;
  const current = inbox.view.value;
  const teams = work.teams.value;
  return (
    <div class="inbox-tabs">
      <div role="tablist" aria-label="Views" class="view-tabs">
        {INBOX_VIEWS.map((view) => {
          const { total, unread } = counts[view];
          return (
            <button
              key={view}
              type="button"
              role="tab"
              class="view-tab"
              data-view={view}
              aria-selected={view === current}
              onClick={() => inbox.setView(view)}
            >
              {VIEW_LABELS[view]} <span class="view-count">{total}</span>
              {unread > 0 && (
                <span class="count" aria-label={`${unread} unread`}>
                  {unread}
                </span>
              )}
            </button>
          );
        })}
      </div>
      {teams.length > 1 && (
        <label class="team-filter">
          <span>Team</span>
          <select
            value={inbox.teamId.value ?? ''}
            onChange={(event) => inbox.setTeam(event.currentTarget.value || null)}
          >
            <option value="">All teams</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}

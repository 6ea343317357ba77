import type { AgentStatus } from '@parley/protocol';
import type { WorkModel } from '../models/work-model';

// A Record over the protocol's union: a new status fails to compile here until it has a label.
// (The value list AGENT_STATUSES lives in the TypeBox half of protocol, which the bundle leaves out.)
const LABELS: Record<AgentStatus, string> = { online: 'Online', away: 'Away', offline: 'Appear offline' };
const STATUSES = Object.keys(LABELS) as AgentStatus[];

/** The agent's own status; the relay also sets away after idling, which shows here live. */
export function PresenceControl({ work }: { work: Pick<WorkModel, 'me' | 'setStatus'> }) {
  const status = work.me.value?.status ?? 'online';
  return (
    <label class="presence" data-status={status}>
      <span class="presence-dot" aria-hidden="true" />
      <select
        aria-label="Your status"
        value={status}
        onChange={(event) => work.setStatus(event.currentTarget.value as AgentStatus)}
      >
        {STATUSES.map((value) => (
          <option key={value} value={value}>
            {LABELS[value]}
          </option>
        ))}
      </select>
    </label>
  );
}

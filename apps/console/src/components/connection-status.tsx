import type { ConnectionState } from '@parley/client';

const LABELS: Record<ConnectionState, string> = {
  idle: 'Starting…',
  connecting: 'Connecting…',
  open: 'Online',
  reconnecting: 'Reconnecting…',
  closed: 'Disconnected',
};

export function ConnectionStatus({ state }: { state: ConnectionState }) {
  return (
    <span class="connection" data-state={state} role="status">
      <span class="connection-dot" aria-hidden="true" />
      {LABELS[state]}
    </span>
  );
}

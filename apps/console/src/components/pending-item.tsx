import type { PendingMessage } from '@parley/client';

export interface PendingItemProps {
  pending: PendingMessage;
  onDiscard: (clientId: string) => void;
}

/** One of our replies the relay has not acknowledged: sending, or refused for good. */
export function PendingItem({ pending, onDiscard }: PendingItemProps) {
  const failed = pending.status === 'failed';
  return (
    <li
      class={`message from-me is-pending${failed ? ' is-failed' : ''}`}
      data-client-id={pending.clientId}
      data-status={pending.status}
    >
      <div class="message-meta">
        <span class="message-author">You</span>
        <span class="pending-state">{failed ? 'Not sent' : 'Sending…'}</span>
      </div>
      <p class="message-body">{pending.body}</p>
      {failed && (
        <p class="pending-error">
          {pending.error?.message}{' '}
          <button type="button" class="button-link" onClick={() => onDiscard(pending.clientId)}>
            Discard
          </button>
        </p>
      )}
    </li>
  );
}

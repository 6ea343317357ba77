import { useDesk } from '../model-context';

/** A refused action or a conversation taken away, until the agent dismisses it. */
export function WorkNotice() {
  const { work } = useDesk();
  const text = work.notice.value;
  if (!text) return null;
  return (
    <p class="notice work-notice" role="alert">
      {text}{' '}
      <button type="button" class="button-link" onClick={work.dismissNotice}>
        Dismiss
      </button>
    </p>
  );
}

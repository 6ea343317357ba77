import { LIMITS } from '@parley/protocol/light';
import { useEffect, useRef, useState } from 'preact/hooks';

/** Enter sends; Shift+Enter is a newline; Enter that confirms an IME composition is neither. */
export function isSendKey(event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'isComposing'>): boolean {
  return event.key === 'Enter' && !event.shiftKey && !event.isComposing;
}

export interface ComposerProps {
  /** Returns whether the reply was accepted (the draft is cleared only then). */
  onSend: (body: string) => boolean;
  onTyping: () => void;
  /** Focus moves into the field whenever this number changes (the "write a reply" shortcut). */
  focusRequest?: number;
}

export function Composer({ onSend, onTyping, focusRequest }: ComposerProps) {
  const [draft, setDraft] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  const seenRequest = useRef(focusRequest);

  useEffect(() => {
    if (focusRequest === seenRequest.current) return;
    seenRequest.current = focusRequest;
    field.current?.focus();
  }, [focusRequest]);

  // Read the field itself: a fast Enter can land before the re-render that stores the draft.
  const submit = () => {
    if (onSend(field.current?.value ?? draft)) setDraft('');
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <textarea
        ref={field}
        aria-label="Reply"
        rows={3}
        maxLength={LIMITS.maxBodyLength}
        placeholder="Reply… (Enter to send, Shift+Enter for a new line)"
        value={draft}
        onInput={(event) => {
          setDraft(event.currentTarget.value);
          onTyping();
        }}
        onKeyDown={(event) => {
          if (!isSendKey(event)) return;
          event.preventDefault();
          submit();
        }}
      />
      <button type="submit" class="button-primary" disabled={!draft.trim()}>
        Send
      </button>
    </form>
  );
}

/**
 * The reply box with the agent's tools: Reply or internal Note (visibly different), and `/`
 * to pick a canned response (filtered as you type; ↑/↓ move, Enter or Tab inserts, Esc closes),
 * its placeholders filled for this visitor and agent. Enter sends, Shift+Enter is a new line.
 */
import type { ConversationSummary } from '@parley/protocol';
import { LIMITS } from '@parley/protocol/light';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { fillPlaceholders, insertCanned, matchCanned, slashQueryAt, type SlashQuery } from '../models/canned-model';
import type { ToolsModel } from '../models/tools-model';
import { AttachButton, useAttachmentUpload } from './attach-button';
import { CannedPopover } from './canned-popover';
import { isSendKey } from './composer';
import './tools.css';

export interface ToolsComposerProps {
  conversationId: string;
  conversation: ConversationSummary | null;
  tools: ToolsModel;
  /** Sends a reply; returns whether it was accepted (the draft is cleared only then). */
  onSend: (body: string) => boolean;
  onTyping: () => void;
  focusRequest?: number;
}

export function ToolsComposer({ conversationId, conversation, tools, onSend, onTyping, focusRequest }: ToolsComposerProps) {
  const [draft, setDraft] = useState('');
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [slash, setSlash] = useState<SlashQuery | null>(null);
  const [active, setActive] = useState(0);
  const field = useRef<HTMLTextAreaElement>(null);
  const seenRequest = useRef(focusRequest);
  const responses = tools.canned.responses.value;
  const matches = useMemo(() => (slash ? matchCanned(responses, slash.query) : []), [slash, responses]);

  useEffect(() => {
    if (focusRequest === seenRequest.current) return;
    seenRequest.current = focusRequest;
    field.current?.focus();
  }, [focusRequest]);

  const note = mode === 'note';
  const files = useAttachmentUpload(conversationId);

  const submit = () => {
    const body = field.current?.value ?? draft;
    const accepted = note ? tools.sendNote(conversationId, body) : onSend(body);
    if (accepted) {
      setDraft('');
      setSlash(null);
    }
  };

  const pick = (index: number) => {
    const item = matches[index];
    const input = field.current;
    if (!item || !slash || !input) return;
    const filled = fillPlaceholders(item.body, {
      visitor: { name: conversation?.visitor.name ?? null, email: conversation?.visitor.email ?? null },
      agent: { name: tools.agent.name },
    });
    const next = insertCanned(input.value, slash, input.selectionStart ?? input.value.length, filled);
    setDraft(next.text);
    input.value = next.text;
    input.setSelectionRange(next.caret, next.caret);
    setSlash(null);
  };

  return (
    <form
      class={note ? 'composer tools-composer is-note' : 'composer tools-composer'}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => {
        event.preventDefault();
        void files.upload(event.dataTransfer?.files);
      }}
    >
      <div class="composer-modes" role="radiogroup" aria-label="Write">
        <button type="button" role="radio" aria-checked={!note} class={note ? 'mode' : 'mode is-on'} onClick={() => setMode('reply')}>
          Reply
        </button>
        <button type="button" role="radio" aria-checked={note} class={note ? 'mode is-on' : 'mode'} onClick={() => setMode('note')}>
          Internal note
        </button>
      </div>
      {slash && <CannedPopover items={matches} active={Math.min(active, Math.max(matches.length - 1, 0))} onPick={(item) => pick(matches.indexOf(item))} />}
      <textarea
        ref={field}
        aria-label={note ? 'Internal note' : 'Reply'}
        aria-expanded={slash !== null}
        aria-controls={slash ? 'canned-list' : undefined}
        aria-activedescendant={slash && matches[active] ? `canned-${matches[active]!.id}` : undefined}
        rows={3}
        maxLength={LIMITS.maxBodyLength}
        placeholder={note ? 'Note for your team only — the visitor never sees it' : 'Reply… (Enter to send, Shift+Enter for a new line, / for canned responses)'}
        value={draft}
        onInput={(event) => {
          const input = event.currentTarget;
          setDraft(input.value);
          const next = slashQueryAt(input.value, input.selectionStart ?? input.value.length);
          setSlash(next);
          if (next?.query !== slash?.query) setActive(0);
          if (!note) onTyping();
        }}
        onPaste={(event) => {
          // Pasted files are sent; pasted text stays text.
          if (!event.clipboardData?.files.length) return;
          event.preventDefault();
          void files.upload(event.clipboardData.files);
        }}
        onKeyDown={(event) => {
          if (slash) {
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault();
              const step = event.key === 'ArrowDown' ? 1 : -1;
              setActive((current) => (matches.length === 0 ? 0 : (current + step + matches.length) % matches.length));
              return;
            }
            if ((event.key === 'Enter' || event.key === 'Tab') && !event.isComposing && matches.length > 0) {
              event.preventDefault();
              pick(Math.min(active, matches.length - 1));
              return;
            }
            if (event.key === 'Escape') {
              event.preventDefault();
              setSlash(null);
              return;
            }
          }
          if (!isSendKey(event)) return;
          event.preventDefault();
          submit();
        }}
      />
      {files.error && (
        <p class="attach-error" role="alert">
          {files.error}
        </p>
      )}
      <AttachButton onFiles={(list) => void files.upload(list)} />
      <button type="submit" class="button-primary" disabled={!draft.trim()}>
        {note ? 'Add note' : 'Send'}
      </button>
    </form>
  );
}

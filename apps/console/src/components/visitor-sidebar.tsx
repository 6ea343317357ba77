/**
 * Who the visitor is and what they are doing: name and email, current page (live), referrer,
 * pages this session, browser and OS, their local time, earlier conversations, and this
 * conversation's tags.
 */
import type { ConversationSummary, SoftwareInfo } from '@parley/protocol';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ToolsModel } from '../models/tools-model';
import { clockTime } from '../time-format';
import './tools.css';
import { VisitorAttributes } from './visitor-attributes';

export interface VisitorSidebarProps {
  conversation: ConversationSummary;
  tools: ToolsModel;
  /** Now, for the visitor's local time (the desk ticks it). */
  now: number;
}

function software(info: SoftwareInfo): string {
  return [info.name, info.version].filter(Boolean).join(' ') || 'Unknown';
}

/** The time in the visitor's zone, or null when the zone is unknown or not one this browser knows. */
export function localTimeIn(timeZone: string | null, now: number): string | null {
  if (!timeZone) return null;
  try {
    return new Intl.DateTimeFormat(undefined, { timeZone, hour: '2-digit', minute: '2-digit' }).format(now);
  } catch {
    return null;
  }
}

export function VisitorSidebar({ conversation, tools, now }: VisitorSidebarProps) {
  const ids = { visitorId: conversation.visitor.id, conversationId: conversation.id };
  const model = useMemo(() => tools.visitorContext(ids), [tools, ids.visitorId, ids.conversationId]);
  useEffect(() => () => model.dispose(), [model]);
  const [tagDraft, setTagDraft] = useState('');
  const context = model.context.value;
  const local = localTimeIn(context?.timeZone ?? null, now);
  const earlier = context?.conversations.filter((item) => item.id !== conversation.id) ?? [];

  return (
    <aside class="visitor-sidebar" aria-label="Visitor">
      <h3>{context?.name ?? conversation.visitor.name ?? 'Visitor'}</h3>
      {(context?.email ?? conversation.visitor.email) && <p class="muted">{context?.email ?? conversation.visitor.email}</p>}
      {model.error.value && <p class="form-error">{model.error.value}</p>}
      {context && (
        <dl class="visitor-facts">
          <dt>Now on</dt>
          <dd class="current-page">
            {context.currentPage ? (
              <a href={context.currentPage.url} target="_blank" rel="noopener noreferrer" title={context.currentPage.url}>
                {context.currentPage.title || context.currentPage.url}
              </a>
            ) : (
              'Unknown'
            )}
          </dd>
          <dt>Came from</dt>
          <dd>{context.referrer ?? 'Direct'}</dd>
          <dt>Browser</dt>
          <dd>{software(context.browser)}</dd>
          <dt>OS</dt>
          <dd>{software(context.os)}</dd>
          <dt>Local time</dt>
          <dd>{local ? `${local} (${context.timeZone})` : 'Unknown'}</dd>
        </dl>
      )}
      {context && <VisitorAttributes context={context} />}
      <section aria-label="Tags">
        <h4>Tags</h4>
        <ul class="tag-list">
          {model.tags.value.map((tag) => (
            <li key={tag} class="tag">
              {tag}{' '}
              <button type="button" class="tag-remove" aria-label={`Remove tag ${tag}`} onClick={() => void model.removeTag(tag)}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <form
          class="tag-form"
          onSubmit={(event) => {
            event.preventDefault();
            void model.addTag(tagDraft);
            setTagDraft('');
          }}
        >
          <input aria-label="Add a tag" placeholder="Add a tag" maxLength={32} value={tagDraft} onInput={(event) => setTagDraft(event.currentTarget.value)} />
        </form>
      </section>
      {context && context.pages.length > 0 && (
        <section aria-label="Pages this session">
          <h4>Pages this session</h4>
          <ol class="page-list">
            {context.pages.map((page) => (
              <li key={`${page.viewedAt}${page.url}`}>
                <time dateTime={page.viewedAt}>{clockTime(page.viewedAt)}</time> <span title={page.url}>{page.title || page.url}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
      {earlier.length > 0 && (
        <section aria-label="Earlier conversations">
          <h4>Earlier conversations</h4>
          <ul class="earlier-list">
            {earlier.map((item) => (
              <li key={item.id}>
                <a
                  href={`#conversation-${item.id}`}
                  onClick={(event) => {
                    event.preventDefault();
                    tools.open(item.id);
                  }}
                >
                  {new Date(item.createdAt).toLocaleDateString()} · {item.status}
                </a>
                {item.lastMessage && <p class="muted">{item.lastMessage.body}</p>}
                {item.tags.length > 0 && <p class="muted">{item.tags.join(', ')}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}

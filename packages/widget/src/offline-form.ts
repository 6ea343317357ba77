/**
 * The widget's parts of the offline flow, as templates the chat panel places (functions, not an
 * element of their own: a custom element would cost the panel's byte budget more for no gain).
 *
 * - While nobody can answer and the site chose the leave-a-message form, the composer gets a
 *   required email field; what the visitor sends then goes as `offline.message` with it.
 * - With email on the relay (SMTP_URL), a visitor with a conversation can have its transcript mailed.
 */
import type { Availability } from '@parley/protocol';
import { html } from 'lit';
import type { ChatStrings } from './strings';

/** Whether the composer should ask for an email: nobody is answering and the site wants the form. */
export function wantsEmail(availability: Availability | null): boolean {
  return availability?.available === false && availability.offlineBehaviour === 'form';
}

/** protocol's EmailAddress, as an HTML pattern (anchored by the browser). */
const EMAIL_PATTERN = '[^\\s@]+@[^\\s@]+\\.[^\\s@]+';

/**
 * The email field. The browser checks the address against the relay's own rule (protocol
 * `EmailAddress`: one @, no spaces, a dot in the domain), so nothing it lets through is refused later.
 */
export function renderEmailField(t: ChatStrings, email: string) {
  return html`<input part="email" type="email" required pattern=${EMAIL_PATTERN} autocomplete="email" aria-label=${t.email} placeholder=${t.email} .value=${email} />`;
}

/** "Email me this transcript", a disclosure with its own email field; `sent` once the relay confirmed it. */
export function renderTranscript(t: ChatStrings, email: string, sent: boolean, onSubmit: (email: string) => void) {
  return sent
    ? html`<p part="transcript" role="status">${t.transcriptSent}</p>`
    : html`<details part="transcript">
        <summary>${t.emailTranscript}</summary>
        <form
          @submit=${(event: SubmitEvent) => {
            event.preventDefault();
            onSubmit((event.target as HTMLFormElement).querySelector('input')!.value);
          }}
        >
          ${renderEmailField(t, email)}<button>${t.send}</button>
        </form>
      </details>`;
}

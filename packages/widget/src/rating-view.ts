/**
 * The rating prompt under a closed conversation: good or bad (one tap sends) with an optional
 * comment typed first. After the relay stored it, a thank-you line instead.
 */
import type { RatingScore } from '@parley/protocol';
import { RATING_LIMITS } from '@parley/protocol/light';
import { html, nothing } from 'lit';
import type { ChatStrings } from './strings';

export type RatingState = 'ask' | 'done' | null;

export function renderRating(state: RatingState, t: ChatStrings, rate: (score: RatingScore, comment: string) => void) {
  if (state === 'done') return html`<p part="rating" role="status">${t.thanks}</p>`;
  if (!state) return nothing;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    rate((event.submitter as HTMLButtonElement).value as RatingScore, (form.elements.namedItem('c') as HTMLInputElement).value);
  };
  // The emoji are the buttons' accessible names ("thumbs up"): no words to translate.
  return html`<form part="rating" @submit=${submit}>
    ${t.rate}
    <button value="good">👍</button>
    <button value="bad">👎</button>
    <input name="c" maxlength=${RATING_LIMITS.maxCommentLength} aria-label=${t.comment} placeholder=${t.comment} />
  </form>`;
}

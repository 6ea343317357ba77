import type { PrechatMode, PrechatSettings } from '@parley/protocol';
import { EMAIL_PATTERN } from '@parley/protocol/light';
import { html, nothing } from 'lit';
import type { ChatStrings } from './strings';

/** What the visitor typed in the pre-chat fields; an empty optional field is left out. */
export type PrechatDetails = { name?: string; email?: string };

/** Whether the pre-chat fields belong on screen: the site asks for something and nothing was sent yet. */
export function asksPrechat(prechat: PrechatSettings | undefined, hasEntries: boolean): prechat is PrechatSettings {
  return !!prechat && !hasEntries && (prechat.name != 'off' || prechat.email != 'off');
}

/**
 * The name and email boxes, inside the composer form: the browser's own validation (`required`,
 * `type=email` with the relay's pattern) keeps a required or malformed field from being sent, in
 * the visitor's language, and an optional one can stay empty. The relay checks the same again.
 */
export function renderPrechat({ name, email }: PrechatSettings, t: ChatStrings) {
  const field = (key: 'name' | 'email', mode: PrechatMode, label: string) =>
    mode == 'off'
      ? nothing
      : html`<input part="prechat" name=${key} type=${key == 'name' ? 'text' : 'email'} autocomplete=${key} aria-label=${label}
          placeholder=${mode == 'required' ? `${label} *` : label} ?required=${mode == 'required'} pattern=${key == 'name' ? nothing : EMAIL_PATTERN.slice(1, -1)} />`;
  return [field('name', name, t.name), field('email', email, t.email)];
}

/**
 * The filled-in pre-chat fields of the composer form (the text box has no name, so it is not one);
 * undefined when the form shows none.
 */
export function prechatDetails(form: HTMLFormElement): PrechatDetails | undefined {
  return form.querySelector('[part=prechat]') ? Object.fromEntries([...new FormData(form)].filter(([, value]) => /\S/.test(value as string))) : undefined;
}

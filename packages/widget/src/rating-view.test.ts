// @vitest-environment happy-dom
import { render } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderRating } from './rating-view';
import { EN_CHAT_STRINGS } from './strings';

const t = EN_CHAT_STRINGS;

describe('renderRating', () => {
  const host = document.createElement('div');
  document.body.append(host);
  afterEach(() => render(null, host));

  it('shows nothing while the conversation is not closed', () => {
    render(renderRating(null, t, () => {}), host);
    expect(host.querySelector('[part=rating]')).toBeNull();
  });

  it('sends the tapped score with the comment typed before it', () => {
    const rate = vi.fn();
    render(renderRating('ask', t, rate), host);
    expect(host.querySelector('form')!.textContent).toContain('How was this chat?');
    const input = host.querySelector('input')!;
    expect(input.getAttribute('maxlength')).toBe('1000');
    input.value = 'Quick and clear';
    host.querySelector<HTMLButtonElement>('button[value=bad]')!.click();
    expect(rate).toHaveBeenCalledWith('bad', 'Quick and clear');
  });

  it('thanks the visitor once the rating is stored', () => {
    render(renderRating('done', t, () => {}), host);
    expect(host.querySelector('[part=rating][role=status]')!.textContent).toBe('Thanks for your feedback!');
    expect(host.querySelector('form')).toBeNull();
  });
});

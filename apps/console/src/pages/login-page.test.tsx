// @vitest-environment happy-dom
import { makeAgentProfile } from '@parley/protocol/testing';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApi } from '../api';
import { createFakeFetch } from '../fake-fetch';
import { SessionContext } from '../model-context';
import { createSessionModel } from '../models/session-model';
import { LoginPage } from './login-page';

let host: HTMLElement;
afterEach(() => {
  render(null, host);
  host.remove();
});

function mount() {
  const fetch = createFakeFetch();
  const session = createSessionModel(createApi(fetch));
  host = document.createElement('div');
  document.body.append(host);
  act(() => {
    render(
      <SessionContext.Provider value={session}>
        <LoginPage />
      </SessionContext.Provider>,
      host,
    );
  });
  const byLabel = (text: string) => {
    const label = [...host.querySelectorAll('label')].find((l) => l.textContent === text);
    return host.querySelector<HTMLInputElement>(`#${label?.htmlFor}`)!;
  };
  const type = (input: HTMLInputElement, value: string) =>
    act(() => {
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
  // Resolves once the sign-in round trip is over and its re-render is flushed.
  const submit = (button: HTMLButtonElement) =>
    act(async () => {
      button.click();
      expect(session.busy.value).toBe(true);
      await vi.waitFor(() => expect(session.busy.value).toBe(false));
    });
  const button = [...host.querySelectorAll('button')].find((b) => b.textContent === 'Sign in')!;
  return { fetch, session, byLabel, type, button, submit };
}

describe('LoginPage', () => {
  it('submits the typed email and password and signs in', async () => {
    const { fetch, session, byLabel, type, button, submit } = mount();
    fetch.reply({ status: 200, body: { agent: makeAgentProfile() } });
    await type(byLabel('Email'), 'ada@example.test');
    await type(byLabel('Password'), 'correct horse');
    await submit(button);
    expect(fetch.requests.map((r) => r.body)).toEqual([{ email: 'ada@example.test', password: 'correct horse' }]);
    expect(session.status.value).toBe('signed-in');
  });

  it('shows the relay’s message when sign-in is refused and clears the password', async () => {
    const { fetch, byLabel, type, button, submit } = mount();
    fetch.reply({ status: 401, body: { code: 'invalid_credentials', message: 'Email or password is wrong.' } });
    await type(byLabel('Email'), 'ada@example.test');
    await type(byLabel('Password'), 'wrong');
    await submit(button);
    expect(host.querySelector('[role="alert"]')?.textContent).toBe('Email or password is wrong.');
    expect(byLabel('Password').value).toBe('');
    expect(byLabel('Email').value).toBe('ada@example.test');
  });
});

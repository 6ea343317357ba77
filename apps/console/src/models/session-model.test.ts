import { makeAgentProfile } from '@parley/protocol/testing';
import { ERRORS } from '@parley/protocol/light';
import { describe, expect, it } from 'vitest';
import { createApi } from '../api';
import { createFakeFetch } from '../fake-fetch';
import { createSessionModel } from './session-model';

const agent = makeAgentProfile({ name: 'Grace' });

function setup() {
  const fetch = createFakeFetch();
  return { fetch, session: createSessionModel(createApi(fetch)) };
}

describe('session model', () => {
  it('starts loading and restores a signed-in agent from the cookie', async () => {
    const { fetch, session } = setup();
    expect(session.status.value).toBe('loading');
    fetch.reply({ status: 200, body: { agent } });
    await session.restore();
    expect(session.status.value).toBe('signed-in');
    expect(session.agent.value).toEqual(agent);
  });

  it('restores to signed-out without an error when there is no session', async () => {
    const { fetch, session } = setup();
    fetch.reply({ status: 401, body: { code: 'unauthorized', message: ERRORS.unauthorized.message } });
    await session.restore();
    expect(session.status.value).toBe('signed-out');
    expect(session.error.value).toBeNull();
  });

  it('shows why when restoring fails for another reason', async () => {
    const { fetch, session } = setup();
    fetch.reply(new TypeError('offline'));
    await session.restore();
    expect(session.status.value).toBe('signed-out');
    expect(session.error.value).toMatch(/Cannot reach the relay/);
  });

  it('signs in, trimming the email, and is busy only while waiting', async () => {
    const { fetch, session } = setup();
    fetch.reply({ status: 200, body: { agent } });
    const signingIn = session.signIn('  grace@example.test ', 'secret');
    expect(session.busy.value).toBe(true);
    expect(await signingIn).toBe(true);
    expect(session.busy.value).toBe(false);
    expect(session.status.value).toBe('signed-in');
    expect(session.agent.value?.name).toBe('Grace');
    expect(fetch.requests[0]?.body).toEqual({ email: 'grace@example.test', password: 'secret' });
  });

  it('keeps the agent signed out with the relay message when sign-in is refused', async () => {
    const { fetch, session } = setup();
    fetch.reply({ status: 429, body: { code: 'too_many_attempts', message: ERRORS.too_many_attempts.message } });
    expect(await session.signIn('grace@example.test', 'wrong')).toBe(false);
    expect(session.status.value).toBe('signed-out');
    expect(session.agent.value).toBeNull();
    expect(session.error.value).toBe(ERRORS.too_many_attempts.message);
  });

  it('clears the previous error when a new sign-in starts', async () => {
    const { fetch, session } = setup();
    fetch.reply({ status: 401, body: { code: 'invalid_credentials', message: 'Email or password is wrong.' } });
    await session.signIn('grace@example.test', 'wrong');
    fetch.reply({ status: 200, body: { agent } });
    const second = session.signIn('grace@example.test', 'right');
    expect(session.error.value).toBeNull();
    await second;
    expect(session.error.value).toBeNull();
  });

  it('expires a signed-in session with the socket message', async () => {
    const { fetch, session } = setup();
    fetch.reply({ status: 200, body: { agent } });
    await session.signIn('grace@example.test', 'secret');
    session.expire('This session was ended (logout or password change). Sign in again.');
    expect(session.status.value).toBe('signed-out');
    expect(session.agent.value).toBeNull();
    expect(session.error.value).toBe(ERRORS.session_ended.message);
  });

  it('signs out locally even when the logout request fails', async () => {
    const { fetch, session } = setup();
    fetch.reply({ status: 200, body: { agent } }, new TypeError('offline'));
    await session.signIn('grace@example.test', 'secret');
    await session.signOut();
    expect(fetch.requests[1]).toMatchObject({ method: 'POST', url: '/v1/auth/logout' });
    expect(session.status.value).toBe('signed-out');
    expect(session.error.value).toBeNull();
  });

  it('verify() expires on 401 but not when the relay is merely unreachable', async () => {
    const { fetch, session } = setup();
    fetch.reply({ status: 200, body: { agent } }, new TypeError('offline'));
    await session.signIn('grace@example.test', 'secret');
    await session.verify();
    expect(session.status.value).toBe('signed-in');

    fetch.reply({ status: 401, body: { code: 'session_ended', message: ERRORS.session_ended.message } });
    await session.verify();
    expect(session.status.value).toBe('signed-out');
    expect(session.error.value).toBe(ERRORS.session_ended.message);
  });
});
